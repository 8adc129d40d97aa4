// A small gzip NIfTI-1 writer for the volumes this project makes itself (phantoms for the demo, the
// benchmarks' pairs). It is never used on a person's files. Voxels arrive as k-slabs and go straight
// into a gzip stream (level 1: the benchmark's 262-million-voxel masks are written in seconds), so
// memory stays around one slab however large the volume.
import { createWriteStream } from 'node:fs';
import { endianness } from 'node:os';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import type { Affine, Vec3 } from '../volume';

export type WritableDataType = 'uint8' | 'int16' | 'uint16' | 'float32';

const CODES: Record<WritableDataType, { code: number; bits: number }> = {
  uint8: { code: 2, bits: 8 },
  int16: { code: 4, bits: 16 },
  uint16: { code: 512, bits: 16 },
  float32: { code: 16, bits: 32 },
};

export interface NiftiWriteHeader {
  readonly shape: Vec3;
  /** Row-major voxel-to-RAS affine; written as the sform and, as a rotation + qfac, as the qform. */
  readonly affine: Affine;
  readonly dataType: WritableDataType;
  readonly description?: string;
}

const VOX_OFFSET = 352;

/** NIfTI's quaternion (b, c, d) and qfac for the rotation part of an affine (nifti_mat44_to_quatern). */
export function quaternionOf(affine: Affine): { b: number; c: number; d: number; qfac: number } {
  const col = (c: number): number[] => {
    const v = [affine[c], affine[4 + c], affine[8 + c]];
    const n = Math.hypot(v[0], v[1], v[2]) || 1;
    return v.map((x) => x / n);
  };
  const [x, y, z] = [col(0), col(1), col(2)];
  const det = x[0] * (y[1] * z[2] - y[2] * z[1]) - y[0] * (x[1] * z[2] - x[2] * z[1]) + z[0] * (x[1] * y[2] - x[2] * y[1]);
  const qfac = det < 0 ? -1 : 1;
  if (qfac < 0) for (let i = 0; i < 3; i++) z[i] = -z[i];
  // r[row][col] with the columns x, y, z.
  const r = [[x[0], y[0], z[0]], [x[1], y[1], z[1]], [x[2], y[2], z[2]]];
  const trace = r[0][0] + r[1][1] + r[2][2];
  let a: number, b: number, c: number, d: number;
  if (trace > 0.5) {
    a = 0.5 * Math.sqrt(1 + trace);
    b = (r[2][1] - r[1][2]) / (4 * a);
    c = (r[0][2] - r[2][0]) / (4 * a);
    d = (r[1][0] - r[0][1]) / (4 * a);
  } else if (r[0][0] >= r[1][1] && r[0][0] >= r[2][2]) {
    b = 0.5 * Math.sqrt(1 + r[0][0] - r[1][1] - r[2][2]);
    a = (r[2][1] - r[1][2]) / (4 * b);
    c = (r[0][1] + r[1][0]) / (4 * b);
    d = (r[0][2] + r[2][0]) / (4 * b);
  } else if (r[1][1] >= r[2][2]) {
    c = 0.5 * Math.sqrt(1 + r[1][1] - r[0][0] - r[2][2]);
    a = (r[0][2] - r[2][0]) / (4 * c);
    b = (r[0][1] + r[1][0]) / (4 * c);
    d = (r[1][2] + r[2][1]) / (4 * c);
  } else {
    d = 0.5 * Math.sqrt(1 + r[2][2] - r[0][0] - r[1][1]);
    a = (r[1][0] - r[0][1]) / (4 * d);
    b = (r[0][2] + r[2][0]) / (4 * d);
    c = (r[1][2] + r[2][1]) / (4 * d);
  }
  // NIfTI stores only b, c, d and requires a >= 0.
  return a < 0 ? { b: -b, c: -c, d: -d, qfac } : { b, c, d, qfac };
}

/** The 348-byte header plus the 4-byte "no extensions" flag, little-endian. */
export function niftiHeader(h: NiftiWriteHeader): Uint8Array {
  const bytes = new Uint8Array(VOX_OFFSET);
  const v = new DataView(bytes.buffer);
  const { code, bits } = CODES[h.dataType];
  const spacing = [0, 1, 2].map((c) => Math.hypot(h.affine[c], h.affine[4 + c], h.affine[8 + c]));
  const q = quaternionOf(h.affine);
  v.setInt32(0, 348, true);
  bytes[38] = 0x72; // 'r', "regular", as every writer sets it
  const dim = [3, h.shape[0], h.shape[1], h.shape[2], 1, 1, 1, 1];
  dim.forEach((d, i) => v.setInt16(40 + 2 * i, d, true));
  v.setInt16(70, code, true);
  v.setInt16(72, bits, true);
  [q.qfac, spacing[0], spacing[1], spacing[2], 1, 1, 1, 1].forEach((p, i) => v.setFloat32(76 + 4 * i, p, true));
  v.setFloat32(108, VOX_OFFSET, true);
  v.setFloat32(112, 1, true); // scl_slope
  v.setFloat32(116, 0, true); // scl_inter
  bytes[123] = 2; // xyzt_units: millimetres
  const description = new TextEncoder().encode((h.description ?? '').slice(0, 79));
  bytes.set(description, 148);
  v.setInt16(252, 1, true); // qform_code: scanner
  v.setInt16(254, 1, true); // sform_code: scanner
  [q.b, q.c, q.d, h.affine[3], h.affine[7], h.affine[11]].forEach((x, i) => v.setFloat32(256 + 4 * i, x, true));
  for (let row = 0; row < 3; row++) {
    for (let col = 0; col < 4; col++) v.setFloat32(280 + 16 * row + 4 * col, h.affine[row * 4 + col], true);
  }
  bytes.set([0x6e, 0x2b, 0x31, 0], 344); // "n+1\0"
  return bytes;
}

export type WritableVoxels = Uint8Array | Int16Array | Uint16Array | Float32Array;

/**
 * Writes header + voxels as .nii.gz. `slabs` yields consecutive whole k-slabs in the header's
 * datatype; each must be a fresh array (gzip keeps a reference until it has consumed it).
 */
export async function writeNiftiGz(path: string, header: NiftiWriteHeader, slabs: Iterable<WritableVoxels>): Promise<void> {
  if (endianness() !== 'LE') throw new Error('The phantom writer assumes a little-endian machine.');
  // pipeline() gives backpressure (one slab or so in flight) and turns a failing file into a rejection.
  await pipeline(
    function* () {
      yield niftiHeader(header);
      for (const slab of slabs) yield new Uint8Array(slab.buffer, slab.byteOffset, slab.byteLength);
    },
    createGzip({ level: 1 }),
    createWriteStream(path),
  );
}
