// Intensity statistics of a background image for its default window: the range, and the 1st–99th
// percentiles, read off a histogram (two passes, no sort: a 262 M-voxel CT must not be copied).
import type { VoxelArray } from '../core/volume';

export interface IntensityStats {
  readonly range: readonly [number, number];
  readonly autoWindow: { readonly low: number; readonly high: number };
}

const BINS = 65536;

/**
 * Percentiles are exact for integer images spanning fewer than 65536 values (one bin per value),
 * otherwise within one bin width ((max - min) / 65536). NaNs are ignored.
 */
export function intensityStats(data: VoxelArray, lowPercent = 1, highPercent = 99): IntensityStats {
  let min = Infinity;
  let max = -Infinity;
  for (let n = 0; n < data.length; n++) {
    const v = data[n]!;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (min > max) return { range: [0, 0], autoWindow: { low: 0, high: 0 } }; // empty or all NaN
  if (min === max) return { range: [min, max], autoWindow: { low: min, high: max } };

  const integer = !(data instanceof Float32Array || data instanceof Float64Array);
  const span = max - min;
  const bins = integer && span < BINS ? span + 1 : BINS;
  const scale = integer && span < BINS ? 1 : (BINS - 1) / span;
  const histogram = new Float64Array(bins);
  let total = 0;
  for (let n = 0; n < data.length; n++) {
    const v = data[n]!;
    if (v !== v) continue; // NaN
    histogram[Math.floor((v - min) * scale)]!++;
    total++;
  }
  const valueAt = (bin: number): number => min + bin / scale;
  return {
    range: [min, max],
    autoWindow: { low: valueAt(rankBin(histogram, total, lowPercent)), high: valueAt(rankBin(histogram, total, highPercent)) },
  };
}

/** The bin holding the value at `percent` (numpy's 'lower' definition: index floor(p/100·(n-1))). */
function rankBin(histogram: Float64Array, total: number, percent: number): number {
  const rank = Math.floor((percent / 100) * (total - 1));
  let seen = 0;
  for (let b = 0; b < histogram.length; b++) {
    seen += histogram[b]!;
    if (seen > rank) return b;
  }
  return histogram.length - 1;
}
