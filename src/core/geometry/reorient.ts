// Puts a prediction's voxels into the reference's index order once alignGrids found the two grids
// to be the same physical grid stored differently. Pure and browser-safe.
import type { Geometry, Vec3, Volume, VoxelArray } from '../volume';
import type { GridAlignment } from './align';

export type Aligned = Exclude<GridAlignment, { kind: 'mismatch' }>;

/**
 * Where reference voxel (i, j, k) lives in the prediction's data:
 * index = offset + i·stride[0] + j·stride[1] + k·stride[2] (strides may be negative).
 * `predShape` is the prediction's own shape.
 */
export function predictionIndexMap(alignment: Aligned, predShape: Vec3): { offset: number; stride: Vec3 } {
  if (alignment.kind === 'identical') return { offset: 0, stride: [1, predShape[0], predShape[0] * predShape[1]] };
  const predStride = [1, predShape[0], predShape[0] * predShape[1]];
  let offset = 0;
  const stride = alignment.perm.map((b, a) => {
    const s = predStride[b]!;
    if (!alignment.flip[a]) return s;
    offset += (predShape[b] - 1) * s;
    return -s;
  });
  return { offset, stride: [stride[0]!, stride[1]!, stride[2]!] };
}

/**
 * The prediction's voxels in the reference's index order, in the same typed array type, with the
 * reference's geometry. Identical grids return the volume unchanged. Whole-volume: a fallback for
 * callers that cannot map indices while streaming.
 */
export function reorientToReference(pred: Volume, ref: Geometry, alignment: Aligned): Volume {
  if (alignment.kind === 'identical') return pred;
  const { offset, stride } = predictionIndexMap(alignment, pred.header.geometry.shape);
  const [ni, nj, nk] = ref.shape;
  const source = pred.data;
  const out = new (source.constructor as new (length: number) => VoxelArray)(ni * nj * nk);
  let o = 0;
  for (let k = 0; k < nk; k++) {
    for (let j = 0; j < nj; j++) {
      let p = offset + j * stride[1] + k * stride[2];
      for (let i = 0; i < ni; i++, p += stride[0]) out[o++] = source[p]!;
    }
  }
  return { header: { ...pred.header, geometry: ref }, data: out };
}
