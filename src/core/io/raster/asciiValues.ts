// NRRD's `encoding: ascii` (and MetaImage's ASCII data): whitespace-separated numbers. They are turned
// into the bytes of the stored type in this machine's byte order as they stream, so the same slab
// code as for binary data decodes them; a number cut by a chunk boundary is carried to the next chunk.
import { InputError } from '../../errors';
import type { DataType } from '../../volume';

const NATIVE_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

function writer(type: DataType, view: DataView): (at: number, value: number) => void {
  const le = NATIVE_LITTLE_ENDIAN;
  switch (type) {
    case 'uint8': return (at, v) => view.setUint8(at, v);
    case 'int8': return (at, v) => view.setInt8(at, v);
    case 'uint16': return (at, v) => view.setUint16(at, v, le);
    case 'int16': return (at, v) => view.setInt16(at, v, le);
    case 'uint32': return (at, v) => view.setUint32(at, v, le);
    case 'int32': return (at, v) => view.setInt32(at, v, le);
    case 'uint64': return (at, v) => view.setBigUint64(at, BigInt(v), le);
    case 'int64': return (at, v) => view.setBigInt64(at, BigInt(v), le);
    case 'float32': return (at, v) => view.setFloat32(at, v, le);
    case 'float64': return (at, v) => view.setFloat64(at, v, le);
  }
}

const isInteger = (t: DataType): boolean => t !== 'float32' && t !== 'float64';

/**
 * Binary chunks (native byte order) of `count` values read from text chunks. Refuses a token that
 * is not a number (or not an integer for integer types) and text with fewer values than `count`.
 */
export async function* asciiToBinary(name: string, text: AsyncIterable<Uint8Array>, type: DataType, bytesPerValue: number, count: number): AsyncGenerator<Uint8Array> {
  const decoder = new TextDecoder('latin1');
  const perChunk = 1 << 16;
  let out = new Uint8Array(perChunk * bytesPerValue);
  let write = writer(type, new DataView(out.buffer));
  let filled = 0;
  let produced = 0;
  let carry = '';
  const emit = function* (token: string): Generator<Uint8Array> {
    if (produced >= count) return;
    const value = Number(token);
    if (!Number.isFinite(value) || (isInteger(type) && !Number.isInteger(value))) {
      throw new InputError(`${name} has "${token.slice(0, 20)}" in its ASCII data, which is not a ${type} value.`);
    }
    write(filled * bytesPerValue, value);
    filled++;
    produced++;
    if (filled === perChunk || produced === count) {
      yield out.subarray(0, filled * bytesPerValue);
      out = new Uint8Array(perChunk * bytesPerValue);
      write = writer(type, new DataView(out.buffer));
      filled = 0;
    }
  };
  for await (const chunk of text) {
    const tokens = (carry + decoder.decode(chunk)).split(/[\s,]+/);
    carry = tokens.pop() ?? '';
    for (const token of tokens) if (token !== '') yield* emit(token);
    if (produced >= count) return;
  }
  if (carry !== '') yield* emit(carry);
  if (produced < count) throw new InputError(`${name} has ${produced} values in its ASCII data, but its header describes ${count}.`);
}
