// The labels a mask holds and how many voxels each has, for the legend. One pass over the volume:
// a dense counter for 8- and 16-bit integers (the usual mask types), a map otherwise.
import type { VoxelArray } from '../core/volume';

export interface LabelCount {
  readonly value: number;
  readonly voxelCount: number;
}

export interface LabelCounts {
  /** Non-zero values, ascending. */
  readonly labels: readonly LabelCount[];
  /** More than `limit` distinct non-zero values: not a label mask; only the smallest `limit` are listed. */
  readonly truncated: boolean;
}

/** TotalSegmentator masks have 117 labels; thousands of distinct values mean a non-label image. */
export const DEFAULT_LABEL_LIMIT = 1000;

export function countLabels(data: VoxelArray, limit = DEFAULT_LABEL_LIMIT): LabelCounts {
  if (data instanceof Uint8Array || data instanceof Int8Array || data instanceof Uint16Array || data instanceof Int16Array) {
    return countDense(data, limit);
  }
  return countSparse(data, limit);
}

function countDense(data: Uint8Array | Int8Array | Uint16Array | Int16Array, limit: number): LabelCounts {
  const signed = data instanceof Int8Array || data instanceof Int16Array;
  const bits = data.BYTES_PER_ELEMENT * 8;
  const size = 2 ** bits;
  const bias = signed ? size / 2 : 0;
  const counts = new Float64Array(size);
  for (let n = 0; n < data.length; n++) counts[data[n]! + bias]!++;
  const labels: LabelCount[] = [];
  for (let b = 0; b < size; b++) {
    const c = counts[b]!;
    if (c > 0 && b !== bias) labels.push({ value: b - bias, voxelCount: c });
  }
  return limited(labels, limit);
}

function countSparse(data: VoxelArray, limit: number): LabelCounts {
  const counts = new Map<number, number>();
  // Stop collecting new values well past the limit so a float image cannot grow the map to millions.
  const cap = limit * 4;
  for (let n = 0; n < data.length; n++) {
    const v = data[n]!;
    if (v === 0 || Number.isNaN(v)) continue;
    const c = counts.get(v);
    if (c !== undefined) counts.set(v, c + 1);
    else if (counts.size < cap) counts.set(v, 1);
    else return limited(sorted(counts), limit, true);
  }
  return limited(sorted(counts), limit);
}

function sorted(counts: Map<number, number>): LabelCount[] {
  return [...counts].sort((a, b) => a[0] - b[0]).map(([value, voxelCount]) => ({ value, voxelCount }));
}

function limited(labels: LabelCount[], limit: number, truncated = false): LabelCounts {
  return labels.length > limit || truncated ? { labels: labels.slice(0, limit), truncated: true } : { labels, truncated: false };
}
