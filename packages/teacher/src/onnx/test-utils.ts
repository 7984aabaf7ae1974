// A minimal protobuf writer for hand-encoding tiny ONNX models in tests (onnx.proto field numbers).
import { utf8Bytes } from '../hash.js';

type Bytes = Uint8Array;

function varint(value: number | bigint): number[] {
  let v = BigInt.asUintN(64, BigInt(value));
  const out: number[] = [];
  do {
    let b = Number(v & 0x7fn);
    v >>= 7n;
    if (v > 0n) b |= 0x80;
    out.push(b);
  } while (v > 0n);
  return out;
}

const concat = (parts: readonly (Bytes | number[])[]): Bytes => Uint8Array.from(parts.flatMap((p) => Array.from(p)));
const key = (field: number, wire: number) => varint((field << 3) | wire);
/** A varint field. */
export const int = (field: number, value: number | bigint): Bytes => concat([key(field, 0), varint(value)]);
/** A length-delimited field (bytes or a nested message). */
export const bytes = (field: number, payload: Bytes): Bytes => concat([key(field, 2), varint(payload.length), payload]);
/** A string field. */
export const str = (field: number, text: string): Bytes => bytes(field, utf8Bytes(text));
/** Concatenated fields. */
export const msg = (...fields: Bytes[]): Bytes => concat(fields);

const ELEM = { float: 1, int64: 7 } as const;

/** ValueInfoProto for a tensor input/output; a string dim is symbolic. */
export function valueInfo(name: string, elem: keyof typeof ELEM, dims: readonly (number | string)[]): Bytes {
  const shape = msg(...dims.map((d) => bytes(1, typeof d === 'number' ? int(1, d) : str(2, d))));
  return msg(str(1, name), bytes(2, bytes(1, msg(int(1, ELEM[elem]), bytes(2, shape)))));
}

/** TensorProto initializer with raw little-endian data. */
export function initializer(name: string, elem: keyof typeof ELEM, dims: readonly number[], data: Float32Array | BigInt64Array): Bytes {
  return msg(...dims.map((d) => int(1, d)), int(2, ELEM[elem]), str(8, name), bytes(9, new Uint8Array(data.buffer, data.byteOffset, data.byteLength)));
}

/** NodeProto; `attrs` are INT attributes. */
export function node(op: string, inputs: readonly string[], outputs: readonly string[], attrs: Record<string, number> = {}): Bytes {
  const attributes = Object.entries(attrs).map(([n, v]) => bytes(5, msg(str(1, n), int(3, v), int(20, 2))));
  return msg(...inputs.map((i) => str(1, i)), ...outputs.map((o) => str(2, o)), str(3, `${op}_${outputs[0]}`), str(4, op), ...attributes);
}

/** ModelProto (IR version 8, default-domain opset `opset`). */
export function model(graph: { nodes: Bytes[]; initializers: Bytes[]; inputs: Bytes[]; outputs: Bytes[] }, opset = 17): Bytes {
  const g = msg(...graph.nodes.map((n) => bytes(1, n)), str(2, 'g'), ...graph.initializers.map((i) => bytes(5, i)), ...graph.inputs.map((i) => bytes(11, i)), ...graph.outputs.map((o) => bytes(12, o)));
  return msg(int(1, 8), str(2, 'sparc-vqa-test'), bytes(7, g), bytes(8, msg(str(1, ''), int(2, opset))));
}
