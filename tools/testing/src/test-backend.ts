/** The backend the current vitest project runs on ('cpu' or 'wasm'). */
export function testBackend(): string {
  return process.env['SPARC_TEST_BACKEND'] ?? 'cpu';
}
