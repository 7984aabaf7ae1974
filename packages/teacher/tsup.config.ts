import { libraryConfig } from '../../tools/tsup-preset.js';

// removeNodeProtocol: false keeps `node:fs/promises` (tsup 8 strips the prefix by default, which Deno rejects).
export default { ...libraryConfig(['src/index.ts', 'src/fs/index.ts', 'src/onnx/index.ts', 'src/testing/index.ts']), removeNodeProtocol: false };
