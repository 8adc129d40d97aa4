// Parses NIfTI-1 (348-byte) and NIfTI-2 (540-byte) headers by hand with a DataView: endianness is
// found from sizeof_hdr, and each version's field offsets are listed once below.
import { InputError } from '../errors';
import type { NiftiTransformFields } from '../geometry/niftiAffine';

export const NIFTI1_HEADER_BYTES = 348;
export const NIFTI2_HEADER_BYTES = 540;

export interface NiftiHeader extends NiftiTransformFields {
  readonly version: 1 | 2;
  readonly littleEndian: boolean;
  /** dim[0..7]: dim[0] is the number of dimensions, dim[1..] the sizes. */
  readonly dim: readonly number[];
  readonly datatypeCode: number;
  readonly voxOffset: number;
  readonly sclSlope: number;
  readonly sclInter: number;
}

function magicAt(bytes: Uint8Array, offset: number, length: number): string {
  return String.fromCharCode(...bytes.subarray(offset, offset + length));
}

function int32(view: DataView, offset: number, le: boolean): number {
  return view.byteLength >= offset + 4 ? view.getInt32(offset, le) : NaN;
}

/** NIfTI-2 stores dims and vox_offset as int64; beyond 2^53 they are refused later as absurd anyway. */
function int64(view: DataView, offset: number, le: boolean): number {
  return Number(view.getBigInt64(offset, le));
}

function parseNifti1(view: DataView, le: boolean): NiftiHeader {
  const f32 = (o: number): number => view.getFloat32(o, le);
  const i16 = (o: number): number => view.getInt16(o, le);
  const range = (n: number, at: (i: number) => number): number[] => Array.from({ length: n }, (_, i) => at(i));
  return {
    version: 1,
    littleEndian: le,
    dim: range(8, (i) => i16(40 + 2 * i)),
    datatypeCode: i16(70),
    pixdim: range(8, (i) => f32(76 + 4 * i)),
    voxOffset: f32(108),
    sclSlope: f32(112),
    sclInter: f32(116),
    qformCode: i16(252),
    sformCode: i16(254),
    quatern: [f32(256), f32(260), f32(264)],
    qoffset: [f32(268), f32(272), f32(276)],
    srow: [range(4, (i) => f32(280 + 4 * i)), range(4, (i) => f32(296 + 4 * i)), range(4, (i) => f32(312 + 4 * i))],
  };
}

function parseNifti2(view: DataView, le: boolean): NiftiHeader {
  const f64 = (o: number): number => view.getFloat64(o, le);
  const range = (n: number, at: (i: number) => number): number[] => Array.from({ length: n }, (_, i) => at(i));
  return {
    version: 2,
    littleEndian: le,
    datatypeCode: view.getInt16(12, le),
    dim: range(8, (i) => int64(view, 16 + 8 * i, le)),
    pixdim: range(8, (i) => f64(104 + 8 * i)),
    voxOffset: int64(view, 168, le),
    sclSlope: f64(176),
    sclInter: f64(184),
    qformCode: view.getInt32(344, le),
    sformCode: view.getInt32(348, le),
    quatern: [f64(352), f64(360), f64(368)],
    qoffset: [f64(376), f64(384), f64(392)],
    srow: [range(4, (i) => f64(400 + 8 * i)), range(4, (i) => f64(432 + 8 * i)), range(4, (i) => f64(464 + 8 * i))],
  };
}

/**
 * Reads the header from the first bytes of the (decompressed) file. `name` is used in messages.
 * Tells apart: too short, a wrong sizeof_hdr on an otherwise NIfTI file, and a missing magic.
 */
export function parseNiftiHeader(bytes: Uint8Array, name: string): NiftiHeader {
  if (bytes.length === 0) throw new InputError(`${name} is empty (no bytes after decompression).`);
  if (bytes.length < NIFTI1_HEADER_BYTES) {
    throw new InputError(`${name} is too short to be a NIfTI file (${bytes.length} bytes, a header needs at least ${NIFTI1_HEADER_BYTES}).`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magic1 = magicAt(bytes, 344, 4);
  const magic2 = magicAt(bytes, 4, 8);
  for (const le of [true, false]) {
    const size = int32(view, 0, le);
    if (size === NIFTI1_HEADER_BYTES) {
      if (magic1 === 'ni1\0') {
        throw new InputError(`${name} is the header of a NIfTI .hdr/.img pair, which is not supported (use a single .nii or .nii.gz file).`);
      }
      if (magic1 !== 'n+1\0') throw new InputError(`${name} has a NIfTI-1 header size but not the NIfTI-1 magic "n+1" (found ${JSON.stringify(magic1)}).`);
      return parseNifti1(view, le);
    }
    if (size === NIFTI2_HEADER_BYTES) {
      if (bytes.length < NIFTI2_HEADER_BYTES) {
        throw new InputError(`${name} is too short for its NIfTI-2 header (${bytes.length} of ${NIFTI2_HEADER_BYTES} bytes).`);
      }
      if (magic2 !== 'n+2\0\r\n\x1a\n') throw new InputError(`${name} has a NIfTI-2 header size but not the NIfTI-2 magic "n+2".`);
      return parseNifti2(view, le);
    }
  }
  const sizeLe = int32(view, 0, true);
  if (magic1 === 'n+1\0' || magic1 === 'ni1\0') {
    throw new InputError(`${name} has the NIfTI-1 magic but a header size (sizeof_hdr) of ${sizeLe} instead of ${NIFTI1_HEADER_BYTES}.`);
  }
  if (magic2.startsWith('n+2\0')) {
    throw new InputError(`${name} has the NIfTI-2 magic but a header size (sizeof_hdr) of ${sizeLe} instead of ${NIFTI2_HEADER_BYTES}.`);
  }
  throw new InputError(`${name} is not a NIfTI file (no NIfTI-1 or NIfTI-2 magic and header size in its first bytes).`);
}
