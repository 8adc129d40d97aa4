// The one pass over both volumes: every per-label and per-slice count comes out of it. Both slab
// streams must already be in the reference's voxel layout; choosing a kernel per slab pair keeps
// the uint8/axial fast path for the usual case and a general path for everything else.
import type { Slab, Vec3, VoxelArray } from '../volume';
import { countGeneric } from './genericSlices';
import { LabelTable } from './labelTable';
import { slabPairs } from './slabPairs';
import type { RunControl } from './types';
import { Uint8SliceCounter } from './uint8Slices';
import { FloatValues, SoftSums } from './voxelValues';

export interface PassInput {
  readonly ref: AsyncIterable<Slab>;
  readonly pred: AsyncIterable<Slab>;
  /** The reference grid's shape; both streams carry it. */
  readonly shape: Vec3;
  readonly axis: 0 | 1 | 2;
  readonly probThreshold: number;
  readonly refPath: string;
  readonly predPath: string;
}

export interface PassCounts {
  readonly table: LabelTable;
  readonly refKind: 'labels' | 'probability';
  readonly predKind: 'labels' | 'probability';
  /** Σp, Σp², Σp·g over the prediction when it is a probability map, else null. */
  readonly soft: { readonly p: number; readonly p2: number; readonly pg: number } | null;
}

/** How many voxels are counted between progress reports (and chances to cancel). */
const PIECE_VOXELS = 4 << 20;

const isFloat = (a: VoxelArray): boolean => a instanceof Float32Array || a instanceof Float64Array;

/**
 * What a counting pass reports as it goes: RunControl's progress, cancel and slab hooks, and the
 * table after each piece with the slices finished so far (slices along k only; see onSlicesFinished).
 */
export type PassControl = Pick<RunControl, 'onProgress' | 'signal' | 'onSlices'> & {
  readonly onFinished?: (table: LabelTable, finished: number) => void;
};

export async function countingPass(input: PassInput, control: PassControl = {}): Promise<PassCounts> {
  const [nx, ny, nz] = input.shape;
  const { axis } = input;
  const sliceLength = nx * ny;
  const table = new LabelTable(input.shape[axis], `${input.refPath} and ${input.predPath}`);
  const uint8 = new Uint8SliceCounter(table);
  const refValues = new FloatValues(input.probThreshold, input.refPath);
  const predValues = new FloatValues(input.probThreshold, input.predPath);
  const soft = new SoftSums();
  let predIsFloat = false;
  control.signal?.throwIfAborted();
  // A whole in-memory volume arrives as one slab: cut it into pieces of a few million voxels so
  // progress moves and, when the caller can cancel, the event loop gets to deliver the abort.
  const piece = Math.max(1, Math.floor(PIECE_VOXELS / sliceLength));
  for await (const pair of slabPairs(input.ref, input.pred, sliceLength, nz)) {
    for (let dk = 0; dk < pair.kCount; dk += piece) {
      const kCount = Math.min(piece, pair.kCount - dk);
      const ref = pair.ref.subarray(dk * sliceLength, (dk + kCount) * sliceLength);
      const pred = pair.pred.subarray(dk * sliceLength, (dk + kCount) * sliceLength);
      const kStart = pair.kStart + dk;
      const fast = ref instanceof Uint8Array && pred instanceof Uint8Array && uint8.count(ref, pred, nx, ny, kStart, kCount, axis);
      if (!fast) {
        predIsFloat = isFloat(pred);
        const readers = {
          ref: isFloat(ref) ? refValues : null,
          pred: predIsFloat ? predValues : null,
          soft: predIsFloat ? soft : null,
        };
        countGeneric({ ref, pred, nx, ny, kStart, kCount, axis }, readers, table);
      }
      control.onSlices?.(kStart, kCount, ref, pred);
      if (axis === 2) control.onFinished?.(table, kStart + kCount);
      if (control.signal) await new Promise<void>((resolve) => setImmediate(resolve));
      control.signal?.throwIfAborted();
      control.onProgress?.((kStart + kCount) / nz);
    }
  }
  const predIsProbability = predIsFloat && predValues.kind === 'probability';
  return {
    table,
    refKind: refValues.kind,
    predKind: predValues.kind,
    soft: predIsProbability ? { p: soft.p.value, p2: soft.p2.value, pg: soft.pg.value } : null,
  };
}
