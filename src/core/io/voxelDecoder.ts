// Raw file bytes -> voxel arrays in the file's own type. Byte order is swapped in place when the
// file's endianness differs from the machine's; 64-bit integers become float64 after a range check.
//
// Scaling (scl_slope/scl_inter set and not 1/0) produces floats: Float64Array for float64, 32- and
// 64-bit integer data (float32 would round values above 2^24), Float32Array for everything else
// (uint8/int8/uint16/int16/float32 values are exact in float32).
import { InputError } from '../errors';
import type { DataType, VoxelArray } from '../volume';

const NATIVE_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const TWO_32 = 4294967296;
/** High word of ±2^53: values beyond it lose integer precision in a double. */
const HIGH_WORD_LIMIT = 2 ** 21;

export type VoxelArrayKind = 'Uint8Array' | 'Int8Array' | 'Uint16Array' | 'Int16Array' | 'Uint32Array' | 'Int32Array' | 'Float32Array' | 'Float64Array';

export interface Scaling {
  readonly slope: number;
  readonly inter: number;
}

export function isIdentityScaling(s: Scaling): boolean {
  return s.slope === 1 && s.inter === 0;
}

/** The typed array a reader hands out for this datatype and scaling (documented above). */
export function outputArrayKind(type: DataType, scaling: Scaling): VoxelArrayKind {
  const scaled = !isIdentityScaling(scaling);
  switch (type) {
    case 'uint8': return scaled ? 'Float32Array' : 'Uint8Array';
    case 'int8': return scaled ? 'Float32Array' : 'Int8Array';
    case 'uint16': return scaled ? 'Float32Array' : 'Uint16Array';
    case 'int16': return scaled ? 'Float32Array' : 'Int16Array';
    case 'float32': return 'Float32Array';
    case 'uint32': return scaled ? 'Float64Array' : 'Uint32Array';
    case 'int32': return scaled ? 'Float64Array' : 'Int32Array';
    case 'uint64':
    case 'int64':
    case 'float64': return 'Float64Array';
  }
}

export function allocateVoxels(kind: VoxelArrayKind, length: number): VoxelArray {
  switch (kind) {
    case 'Uint8Array': return new Uint8Array(length);
    case 'Int8Array': return new Int8Array(length);
    case 'Uint16Array': return new Uint16Array(length);
    case 'Int16Array': return new Int16Array(length);
    case 'Uint32Array': return new Uint32Array(length);
    case 'Int32Array': return new Int32Array(length);
    case 'Float32Array': return new Float32Array(length);
    case 'Float64Array': return new Float64Array(length);
  }
}

/** A view of the raw bytes as the stored type (bytes must start at an 8-byte-aligned offset). */
function storedView(type: Exclude<DataType, 'uint64' | 'int64'>, raw: Uint8Array, count: number): VoxelArray {
  const { buffer, byteOffset } = raw;
  switch (type) {
    case 'uint8': return new Uint8Array(buffer, byteOffset, count);
    case 'int8': return new Int8Array(buffer, byteOffset, count);
    case 'uint16': return new Uint16Array(buffer, byteOffset, count);
    case 'int16': return new Int16Array(buffer, byteOffset, count);
    case 'uint32': return new Uint32Array(buffer, byteOffset, count);
    case 'int32': return new Int32Array(buffer, byteOffset, count);
    case 'float32': return new Float32Array(buffer, byteOffset, count);
    case 'float64': return new Float64Array(buffer, byteOffset, count);
  }
}

function swapBytesInPlace(raw: Uint8Array, width: number): void {
  for (let p = 0; p + width <= raw.length; p += width) {
    for (let a = p, b = p + width - 1; a < b; a++, b--) {
      const t = raw[a]!;
      raw[a] = raw[b]!;
      raw[b] = t;
    }
  }
}

/**
 * Decodes slabs of one file. Holds reusable output buffers, so each result is valid until the next
 * call (the Slab contract). `raw` is modified in place (byte swap).
 */
export class VoxelDecoder {
  private scratch: VoxelArray | undefined;

  constructor(
    private readonly name: string,
    private readonly type: DataType,
    private readonly bytesPerVoxel: number,
    private readonly fileLittleEndian: boolean,
    private readonly scaling: Scaling,
  ) {}

  get kind(): VoxelArrayKind {
    return outputArrayKind(this.type, this.scaling);
  }

  decode(raw: Uint8Array): VoxelArray {
    if (raw.byteOffset % 8 !== 0) throw new Error('VoxelDecoder needs 8-byte-aligned input');
    const count = Math.floor(raw.length / this.bytesPerVoxel);
    if (this.bytesPerVoxel > 1 && this.fileLittleEndian !== NATIVE_LITTLE_ENDIAN) swapBytesInPlace(raw, this.bytesPerVoxel);
    const stored = this.type === 'int64' || this.type === 'uint64' ? this.int64ToFloat64(raw, count) : storedView(this.type, raw, count);
    if (isIdentityScaling(this.scaling)) return stored;
    const out = this.output(count);
    const { slope, inter } = this.scaling;
    for (let i = 0; i < count; i++) out[i] = stored[i]! * slope + inter;
    return out;
  }

  private output(count: number): VoxelArray {
    if (!this.scratch || this.scratch.length < count) this.scratch = allocateVoxels(this.kind, count);
    return this.scratch.length === count ? this.scratch : this.scratch.subarray(0, count);
  }

  /** 64-bit integers as doubles, refusing any value with |v| > 2^53 (it would not be exact). */
  private int64ToFloat64(raw: Uint8Array, count: number): Float64Array {
    const words = new Uint32Array(raw.buffer, raw.byteOffset, count * 2);
    const [loAt, hiAt] = NATIVE_LITTLE_ENDIAN ? [0, 1] : [1, 0];
    const signed = this.type === 'int64';
    // Scaled int64 reuses the scratch for the final output, so the integers go to their own array.
    const out = isIdentityScaling(this.scaling) ? (this.output(count) as Float64Array) : new Float64Array(count);
    for (let i = 0; i < count; i++) {
      const lo = words[2 * i + loAt]!;
      const hiBits = words[2 * i + hiAt]!;
      const hi = signed ? hiBits | 0 : hiBits;
      const value = hi * TWO_32 + lo;
      if (Math.abs(hi) >= HIGH_WORD_LIMIT && !(Math.abs(value) <= 2 ** 53 && (hi === -HIGH_WORD_LIMIT || lo === 0))) {
        throw new InputError(`${this.name} holds a value beyond ±2^53 in its ${this.type} data, which cannot be a label (64-bit integer files are read as labels only).`);
      }
      out[i] = value;
    }
    return out;
  }
}
