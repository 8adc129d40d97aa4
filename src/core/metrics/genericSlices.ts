// The general path: any pair of voxel types, slices along any array axis, float label masks and
// probability maps. One voxel pair per step; pairs that are background in both are skipped first,
// so the per-voxel label work only happens inside the masks.
import type { VoxelArray } from '../volume';
import type { LabelTable } from './labelTable';
import type { FloatValues, SoftSums } from './voxelValues';

export interface GenericRange {
  /** Both arrays hold whole k-slices of nx × ny voxels in the reference layout, starting at index 0. */
  readonly ref: VoxelArray;
  readonly pred: VoxelArray;
  readonly nx: number;
  readonly ny: number;
  readonly kStart: number;
  readonly kCount: number;
  /** Array axis the slices are taken along (0 = i, 1 = j, 2 = k). */
  readonly axis: 0 | 1 | 2;
}

export interface GenericValueReaders {
  /** null for integer arrays, whose values are labels as stored. */
  readonly ref: FloatValues | null;
  readonly pred: FloatValues | null;
  /** Accumulated when the prediction is a float volume (it may turn out to be a probability map). */
  readonly soft: SoftSums | null;
}

export function countGeneric(range: GenericRange, readers: GenericValueReaders, table: LabelTable): void {
  const { ref, pred, nx, ny, kStart, kCount, axis } = range;
  const refValues = readers.ref;
  const predValues = readers.pred;
  const soft = readers.soft;
  for (let dk = 0; dk < kCount; dk++) {
    const k = kStart + dk;
    for (let j = 0; j < ny; j++) {
      const row = (dk * ny + j) * nx;
      const rowSlice = axis === 2 ? k : j;
      for (let i = 0; i < nx; i++) {
        let r = ref[row + i];
        let p = pred[row + i];
        if (r === 0 && p === 0) continue;
        if (refValues !== null) r = refValues.toLabel(r);
        if (predValues !== null) {
          const raw = p;
          p = predValues.toLabel(raw);
          if (soft !== null && raw !== 0) {
            soft.p.add(raw);
            soft.p2.add(raw * raw);
            if (r !== 0) soft.pg.add(raw);
          }
        }
        table.addPair(axis === 0 ? i : rowSlice, r, p, 1);
      }
    }
  }
}
