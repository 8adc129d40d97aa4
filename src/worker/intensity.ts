// Intensity statistics of a background image for its default window: the range, and the 1st–99th
// percentiles, read off a histogram (two passes, no sort: a 262 M-voxel CT must not be copied).
//
// Which voxels the percentiles are taken over. Over all voxels, a CT's percentiles are dominated by
// the air around the patient (often half the volume, -1000 HU) and by bone: the 1st percentile lands
// in the air, and soft tissue, where masks mostly are, ends up a washed-out light grey. Radiologists
// read CT in HU with fixed windows instead (soft tissue W400/L40 = -160..240 HU, mediastinum
// W350/L50, brain W80/L40). So when an image looks like CT in HU, its lowest value at or below
// -900 (air is -1000; scanners pad outside the field of view with -1024 to -3024), the percentiles
// are taken over the soft-tissue range only: above -500 HU (air and lung parenchyma below) and up to
// 300 HU (fat, water, organs, muscle, contrast-enhanced blood; cortical bone above). On an abdomen
// that gives about the soft-tissue window, on a chest about the mediastinal one, on a head something
// near the brain window, while still fitting the data. Data type does not matter: resampled and
// scaled CTs (scl_slope/scl_inter) arrive as floats. MR, PET and other images never reach -900, and
// keep the plain rule; so does a CT with under 1% of its voxels in that range (a lung-only crop).
import type { VoxelArray } from '../core/volume';

export interface IntensityStats {
  readonly range: readonly [number, number];
  readonly autoWindow: { readonly low: number; readonly high: number };
}

const BINS = 65536;

/** Lowest value at or below which an image is taken for CT in Hounsfield units. */
const CT_AIR_HU = -900;
/** The soft-tissue range, (low, high] in HU, whose percentiles make a CT's automatic window. */
const CT_TISSUE_HU = [-500, 300] as const;
/** Fewer tissue voxels than this fraction of the image: the plain rule. */
const MIN_TISSUE_FRACTION = 0.01;

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
  const binOf = (value: number): number => Math.floor((value - min) * scale);
  let first = 0;
  let last = bins - 1;
  if (min <= CT_AIR_HU) {
    // Bins wholly above -500 through the bin holding 300: exact for integer bins, within a bin otherwise.
    const tissueFirst = Math.max(0, binOf(CT_TISSUE_HU[0]) + 1);
    const tissueLast = Math.min(bins - 1, binOf(CT_TISSUE_HU[1]));
    let tissue = 0;
    for (let b = tissueFirst; b <= tissueLast; b++) tissue += histogram[b]!;
    if (tissue > 0 && tissue >= MIN_TISSUE_FRACTION * total) {
      first = tissueFirst;
      last = tissueLast;
      total = tissue;
    }
  }
  return {
    range: [min, max],
    autoWindow: {
      low: valueAt(rankBin(histogram, first, last, total, lowPercent)),
      high: valueAt(rankBin(histogram, first, last, total, highPercent)),
    },
  };
}

/**
 * The bin holding the value at `percent` of the `total` voxels in bins first..last (numpy's 'lower'
 * definition: index floor(p/100·(n-1))).
 */
function rankBin(histogram: Float64Array, first: number, last: number, total: number, percent: number): number {
  const rank = Math.floor((percent / 100) * (total - 1));
  let seen = 0;
  for (let b = first; b <= last; b++) {
    seen += histogram[b]!;
    if (seen > rank) return b;
  }
  return last;
}
