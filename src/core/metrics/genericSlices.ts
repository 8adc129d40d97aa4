// The general path: any pair of voxel types, slices along any array axis, float label masks and
// probability maps. When both arrays have the same element size and sit on 4-byte boundaries,
// 16-byte blocks that are zero in both (background: every byte of a 0 is 0, whatever the type) are
// skipped four words at a time; the label work only happens inside the masks. A -0.0 has a set bit,
// so its block is read voxel by voxel, where it counts as background like any 0.
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

/** Counts voxels [from, to) of the range, one by one. */
function countVoxels(range: GenericRange, readers: GenericValueReaders, table: LabelTable, from: number, to: number): void {
  const { ref, pred, nx, ny, kStart, axis } = range;
  const { ref: refValues, pred: predValues, soft } = readers;
  const sliceLength = nx * ny;
  for (let v = from; v < to; v++) {
    let r = ref[v];
    let p = pred[v];
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
    const slice = axis === 0 ? v % nx : axis === 1 ? Math.floor(v / nx) % ny : kStart + Math.floor(v / sliceLength);
    table.addPair(slice, r, p, 1);
  }
}

const BLOCK_BYTES = 16;

export function countGeneric(range: GenericRange, readers: GenericValueReaders, table: LabelTable): void {
  const { ref, pred } = range;
  const length = range.kCount * range.nx * range.ny;
  const bytes = ref.BYTES_PER_ELEMENT;
  const blockable = bytes === pred.BYTES_PER_ELEMENT && (ref.byteOffset & 3) === 0 && (pred.byteOffset & 3) === 0;
  if (!blockable) {
    countVoxels(range, readers, table, 0, length);
    return;
  }
  const perBlock = BLOCK_BYTES / bytes;
  const blocks = Math.floor(length / perBlock);
  const r = new Int32Array(ref.buffer, ref.byteOffset, blocks * 4);
  const p = new Int32Array(pred.buffer, pred.byteOffset, blocks * 4);
  for (let b = 0; b < blocks; b++) {
    const w = b * 4;
    if ((r[w] | r[w + 1] | r[w + 2] | r[w + 3] | p[w] | p[w + 1] | p[w + 2] | p[w + 3]) === 0) continue;
    countVoxels(range, readers, table, b * perBlock, (b + 1) * perBlock);
  }
  countVoxels(range, readers, table, blocks * perBlock, length);
}
