// Parses NIfTI-1 (348-byte) and NIfTI-2 (540-byte) headers with nifti-reader-js (fields and
// extensions); this file decides what is refused, in one sentence each, before the library reads:
// endianness from sizeof_hdr, the magic of each version, a .hdr/.img pair, a header cut short.
// Inflating stays with node:zlib (byteSource.ts): measured several times faster than the library's
// fflate path, which is never called (esbuild drops fflate from the bundles).
import { NIFTI1, NIFTI2 } from 'nifti-reader-js';
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
  /** Header extensions found in the bytes given (code and size each); masks use none of them. */
  readonly extensions: readonly { readonly code: number; readonly size: number }[];
}

function magicAt(bytes: Uint8Array, offset: number, length: number): string {
  return String.fromCharCode(...bytes.subarray(offset, offset + length));
}

function int32(view: DataView, offset: number, le: boolean): number {
  return view.byteLength >= offset + 4 ? view.getInt32(offset, le) : NaN;
}

/**
 * The bytes as an ArrayBuffer of their own (nifti-reader-js reads from offset 0 of a buffer). Not
 * `bytes.slice()`: on a Node Buffer that is a view, and a small file's Buffer is a view into a shared
 * 8 KiB pool, whose start is some other file's bytes.
 */
function ownBuffer(bytes: Uint8Array): ArrayBuffer {
  return new Uint8Array(bytes).buffer;
}

/**
 * srow_x/y/z as stored: nifti-reader-js exposes only the affine it chose (qform over sform), and our
 * choice (niftiAffine.ts) needs both, so the three rows are read at their offsets.
 */
function srows(view: DataView, at: number, width: 4 | 8, le: boolean): [number[], number[], number[]] {
  const read = (o: number): number => (width === 4 ? view.getFloat32(o, le) : view.getFloat64(o, le));
  const row = (r: number): number[] => [0, 1, 2, 3].map((c) => read(at + (r * 4 + c) * width));
  return [row(0), row(1), row(2)];
}

/**
 * The extensions nifti-reader-js found (code and size each). They are read only when the header
 * prefix holds them, and a malformed one never stops the volume from opening: masks need none.
 */
function extensionsOf(h: NIFTI1 | NIFTI2): { code: number; size: number }[] {
  return (h.extensions ?? []).map((e) => ({ code: e.ecode, size: e.esize }));
}

function readWith<T extends NIFTI1 | NIFTI2>(h: T, bytes: Uint8Array, le: boolean): T {
  h.littleEndian = le;
  try {
    h.readHeader(ownBuffer(bytes));
  } catch (e) {
    // The fields come before the extensions; only the extension walk can fail on a header we accept.
    if (h.dims.length === 0 || !(e instanceof RangeError || (e instanceof Error && /extension/i.test(e.message)))) throw e;
    h.extensions = [];
  }
  return h;
}

/** The fields every reader of this project uses, from the library's header object of either version. */
function fieldsOf(version: 1 | 2, h: NIFTI1 | NIFTI2, view: DataView, le: boolean): NiftiHeader {
  return {
    version,
    littleEndian: le,
    dim: h.dims.slice(0, 8),
    datatypeCode: h.datatypeCode,
    pixdim: h.pixDims.slice(0, 8),
    voxOffset: h.vox_offset,
    sclSlope: h.scl_slope,
    sclInter: h.scl_inter,
    qformCode: h.qform_code,
    sformCode: h.sform_code,
    quatern: [h.quatern_b, h.quatern_c, h.quatern_d],
    qoffset: [h.qoffset_x, h.qoffset_y, h.qoffset_z],
    // NIfTI-1 stores srow as float32 from byte 280, NIfTI-2 as float64 from byte 400.
    srow: version === 1 ? srows(view, 280, 4, le) : srows(view, 400, 8, le),
    extensions: extensionsOf(h),
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
      return fieldsOf(1, readWith(new NIFTI1(), bytes, le), view, le);
    }
    if (size === NIFTI2_HEADER_BYTES) {
      if (bytes.length < NIFTI2_HEADER_BYTES) {
        throw new InputError(`${name} is too short for its NIfTI-2 header (${bytes.length} of ${NIFTI2_HEADER_BYTES} bytes).`);
      }
      if (magic2 !== 'n+2\0\r\n\x1a\n') throw new InputError(`${name} has a NIfTI-2 header size but not the NIfTI-2 magic "n+2".`);
      return fieldsOf(2, readWith(new NIFTI2(), bytes, le), view, le);
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
