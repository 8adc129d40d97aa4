// Writes the phantom pair (and a CT-like image) as .nii.gz, generating each slab just before gzip
// asks for it, so even a 512×512×1000 pair is written in a few megabytes of memory.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { writeNiftiGz, type NiftiWriteHeader, type WritableVoxels } from '../io/niftiWriter';
import type { Affine, Vec3 } from '../volume';
import { phantomAnatomy, type Blob } from './anatomy';
import { drawImageSlice, drawLabelSlice, type SliceGrid } from './rasterise';

export interface PhantomOptions {
  readonly shape: Vec3;
  /** Number of labels in the reference (1..255). */
  readonly labels: number;
  /** Write every label as 1: a binary pair. */
  readonly binary: boolean;
  readonly seed: number;
  /** RAS: array axes run toward Right, Anterior, Superior; LPS: the same anatomy stored DICOM-style. */
  readonly orientation: 'RAS' | 'LPS';
  /** Also write image.nii.gz, an int16 CT-like volume on the same grid. */
  readonly image: boolean;
}

export const PHANTOM_FILES = { reference: 'reference.nii.gz', prediction: 'prediction.nii.gz', image: 'image.nii.gz' };

/** About 350 mm across and 400 mm head to foot, whatever the voxel counts. */
export function phantomAffine(shape: Vec3, orientation: 'RAS' | 'LPS'): Affine {
  const [sx, sy, sz] = [350 / shape[0], 350 / shape[1], 400 / shape[2]];
  const [ox, oy, oz] = [-(sx * (shape[0] - 1)) / 2, -(sy * (shape[1] - 1)) / 2, -(sz * (shape[2] - 1)) / 2];
  // LPS storage runs i and j the other way: voxel (0, 0, k) sits where RAS storage has (nx-1, ny-1, k).
  return orientation === 'RAS'
    ? [sx, 0, 0, ox, 0, sy, 0, oy, 0, 0, sz, oz, 0, 0, 0, 1]
    : [-sx, 0, 0, -ox, 0, -sy, 0, -oy, 0, 0, sz, oz, 0, 0, 0, 1];
}

function* slabs<T extends WritableVoxels>(
  grid: SliceGrid,
  make: (length: number) => T,
  draw: (k: number, slice: T) => void,
  lps: boolean,
): Generator<T> {
  const sliceLength = grid.nx * grid.ny;
  const perSlab = Math.max(1, Math.floor((2 << 20) / sliceLength));
  for (let k0 = 0; k0 < grid.nz; k0 += perSlab) {
    const count = Math.min(perSlab, grid.nz - k0);
    const slab = make(count * sliceLength); // fresh each time: gzip holds on to what it was given
    for (let dk = 0; dk < count; dk++) {
      const slice = slab.subarray(dk * sliceLength, (dk + 1) * sliceLength) as T;
      draw(k0 + dk, slice);
      if (lps) slice.reverse(); // i and j both flipped = the slice read backwards
    }
    yield slab;
  }
}

export async function writePhantom(outDir: string, opts: PhantomOptions): Promise<string[]> {
  const [nx, ny, nz] = opts.shape;
  const grid: SliceGrid = { nx, ny, nz };
  const anatomy = phantomAnatomy(opts.labels, opts.seed);
  const affine = phantomAffine(opts.shape, opts.orientation);
  const lps = opts.orientation === 'LPS';
  const header = (dataType: NiftiWriteHeader['dataType'], description: string): NiftiWriteHeader => ({
    shape: opts.shape, affine, dataType, description,
  });
  const labelSlabs = (blobs: readonly Blob[]) =>
    slabs(grid, (n) => new Uint8Array(n), (k, s) => drawLabelSlice(blobs, grid, k, s, opts.binary), lps);
  await mkdir(outDir, { recursive: true });
  const files = [join(outDir, PHANTOM_FILES.reference), join(outDir, PHANTOM_FILES.prediction)];
  const writes = [
    writeNiftiGz(files[0], header('uint8', 'mask-inspector phantom reference'), labelSlabs(anatomy.reference)),
    writeNiftiGz(files[1], header('uint8', 'mask-inspector phantom prediction'), labelSlabs(anatomy.prediction)),
  ];
  if (opts.image) {
    files.push(join(outDir, PHANTOM_FILES.image));
    const labels = new Uint8Array(nx * ny);
    const drawImage = (k: number, s: Int16Array): void => {
      labels.fill(0);
      drawLabelSlice(anatomy.reference, grid, k, labels, false);
      drawImageSlice(labels, grid, k, s);
    };
    writes.push(writeNiftiGz(files[2], header('int16', 'mask-inspector phantom CT-like image'), slabs(grid, (n) => new Int16Array(n), drawImage, lps)));
  }
  await Promise.all(writes);
  return files;
}
