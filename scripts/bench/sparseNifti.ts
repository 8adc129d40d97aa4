// For `npm run bench:editor` with BENCH_HUGE=1: an uncompressed NIfTI whose voxels need more than
// 4 GiB (2048×2048×1000 uint16: 8 GiB), written in a second as a sparse file (the background is a
// hole: nothing on disk, zeros when read). Two boxes of labels, one above 255, so the uint16 type
// matters. The header is our own NIfTI writer's (the reader that opens it is tested against
// nibabel's files elsewhere); the bench checks only that the file opens, is read once, and that
// the mask compared against itself gives Dice 1.
import { closeSync, ftruncateSync, openSync, writeSync } from 'node:fs';
import { niftiHeader } from '../../src/core/io/niftiWriter';
import type { Vec3 } from '../../src/core/volume';

export function writeSparseUint16Nifti(path: string, shape: Vec3): void {
  const [ni, nj, nk] = shape;
  const header = niftiHeader({ shape, affine: [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1], dataType: 'uint16', description: 'mask-inspector bench: sparse uint16' });
  const fd = openSync(path, 'w');
  try {
    writeSync(fd, header, 0, header.length, 0);
    ftruncateSync(fd, header.length + ni * nj * nk * 2);
    const row = (value: number, from: number, to: number): Uint16Array => new Uint16Array(to - from).fill(value);
    // A box of label 1 in the first third, a box of label 300 in the last.
    for (const [value, k0, k1] of [[1, Math.floor(nk / 6), Math.floor(nk / 3)], [300, Math.floor((2 * nk) / 3), Math.floor((5 * nk) / 6)]] as const) {
      const line = row(value, Math.floor(ni / 4), Math.floor(ni / 2));
      for (let k = k0; k < k1; k++) {
        for (let j = Math.floor(nj / 4); j < Math.floor(nj / 2); j++) {
          const at = header.length + 2 * (k * ni * nj + j * ni + Math.floor(ni / 4));
          writeSync(fd, new Uint8Array(line.buffer), 0, line.byteLength, at);
        }
      }
    }
  } finally {
    closeSync(fd);
  }
}
