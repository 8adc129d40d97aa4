// The labels a mask holds and how many voxels each has, for the legend: counted over a whole volume
// (the viewer) or slab by slab while it streams in (the comparison).
import type { VolumeHeader, VoxelArray } from '../core/volume';
import type { LabelInfo } from '../protocol/viewer';

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
  const tally = new LabelTally(limit);
  tally.add(data);
  return tally.counts();
}

/**
 * The same counts taken a slab at a time, as a volume streams in: the comparison counts each slab
 * while it is still in cache instead of walking the whole volume again afterwards. A dense counter
 * for 8- and 16-bit integers (the usual mask types), a map otherwise.
 */
export class LabelTally {
  private dense: { readonly counts: Uint32Array; readonly bias: number } | undefined;
  private readonly sparse = new Map<number, number>();
  /** The map outgrew its cap: counting stopped there (a float image, not a label mask). */
  private overflowed = false;

  constructor(private readonly limit = DEFAULT_LABEL_LIMIT) {}

  add(data: VoxelArray): void {
    if (data instanceof Uint8Array || data instanceof Int8Array || data instanceof Uint16Array || data instanceof Int16Array) {
      const signed = data instanceof Int8Array || data instanceof Int16Array;
      const size = 2 ** (data.BYTES_PER_ELEMENT * 8);
      this.dense ??= { counts: new Uint32Array(size), bias: signed ? size / 2 : 0 };
      const { counts, bias } = this.dense;
      // Readers refuse 2^32 voxels or more, so 32-bit counters cannot overflow.
      if (data instanceof Uint8Array) countUint8(data, counts);
      else for (let n = 0; n < data.length; n++) counts[data[n]! + bias]!++;
      return;
    }
    if (this.overflowed) return;
    // Stop collecting new values well past the limit so a float image cannot grow the map to millions.
    const cap = this.limit * 4;
    const counts = this.sparse;
    for (let n = 0; n < data.length; n++) {
      const v = data[n]!;
      if (v === 0 || Number.isNaN(v)) continue;
      const c = counts.get(v);
      if (c !== undefined) counts.set(v, c + 1);
      else if (counts.size < cap) counts.set(v, 1);
      else {
        this.overflowed = true;
        return;
      }
    }
  }

  counts(): LabelCounts {
    if (!this.dense) return limited(sorted(this.sparse), this.limit, this.overflowed);
    const { counts, bias } = this.dense;
    const labels: LabelCount[] = [];
    for (let b = 0; b < counts.length; b++) {
      const c = counts[b]!;
      if (c > 0 && b !== bias) labels.push({ value: b - bias, voxelCount: c });
    }
    return limited(labels, this.limit);
  }
}

/**
 * uint8 masks, the common case, four voxels per step: masks are mostly background, and a zero
 * 32-bit word is four background voxels skipped at once (~4× a byte loop on a 262 M-voxel mask).
 */
function countUint8(data: Uint8Array, counts: Uint32Array): void {
  const toAligned = (4 - (data.byteOffset % 4)) % 4;
  if (data.length < toAligned + 4) {
    for (let n = 0; n < data.length; n++) counts[data[n]!]!++;
    return;
  }
  const head = toAligned;
  for (let n = 0; n < head; n++) counts[data[n]!]!++;
  const wordCount = (data.length - head) >> 2;
  const words = new Uint32Array(data.buffer, data.byteOffset + head, wordCount);
  for (let w = 0; w < wordCount; w++) {
    const v = words[w]!;
    if (v === 0) continue;
    counts[v & 255]!++;
    counts[(v >>> 8) & 255]!++;
    counts[(v >>> 16) & 255]!++;
    counts[v >>> 24]!++;
  }
  for (let n = head + wordCount * 4; n < data.length; n++) counts[data[n]!]!++;
}

function sorted(counts: Map<number, number>): LabelCount[] {
  return [...counts].sort((a, b) => a[0] - b[0]).map(([value, voxelCount]) => ({ value, voxelCount }));
}

function limited(labels: LabelCount[], limit: number, truncated = false): LabelCounts {
  return labels.length > limit || truncated ? { labels: labels.slice(0, limit), truncated: true } : { labels, truncated: false };
}

/** Counted labels with the colours and names the file itself gives (label files, added by the host, override). */
export function withFileLabels(labels: readonly LabelCount[], header: VolumeHeader): LabelInfo[] {
  return labels.map((l) => {
    const colour = header.labelColours?.get(l.value);
    const name = header.labelNames?.get(l.value);
    return { ...l, ...(name !== undefined ? { name } : {}), ...(colour ? { colour } : {}) };
  });
}
