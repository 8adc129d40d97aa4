// Where things sit in the per-slice Dice strip, and the colour a Dice value gets. Pure, so the
// pointer handling, the painter and the tests agree on one mapping.
import type { Rgba } from '../../protocol/viewer';

/** Plot area in CSS pixels of the strip canvas: bars stand on `baseline`, Dice 1 reaches `top`. */
export interface StripLayout {
  readonly left: number;
  readonly right: number;
  readonly top: number;
  readonly baseline: number;
  readonly count: number;
}

/** Room for the "1"/"0" marks on the left, the threshold value on the right, slice numbers below. */
const MARGIN = { left: 26, right: 40, top: 9, bottom: 16 } as const;

export function stripLayout(width: number, height: number, count: number): StripLayout {
  return {
    left: MARGIN.left,
    right: Math.max(MARGIN.left + 1, width - MARGIN.right),
    top: MARGIN.top,
    baseline: Math.max(MARGIN.top + 1, height - MARGIN.bottom),
    count: Math.max(0, count),
  };
}

/** Width of one slice's bar (may be below a pixel for long volumes). */
export function barWidth(l: StripLayout): number {
  return l.count === 0 ? 0 : (l.right - l.left) / l.count;
}

/** Left edge of slice `index`'s bar (index = count gives the plot's right edge). */
export function barLeft(l: StripLayout, index: number): number {
  return l.left + index * barWidth(l);
}

/** The slice under x, clamped to the strip (dragging past either end stays on the end slice). */
export function sliceAt(l: StripLayout, x: number): number {
  if (l.count === 0) return 0;
  const i = Math.floor((x - l.left) / barWidth(l));
  return Math.min(l.count - 1, Math.max(0, i));
}

/** y of a Dice value (0 at the baseline, 1 at the top). */
export function diceY(l: StripLayout, dice: number): number {
  return l.baseline - Math.min(1, Math.max(0, dice)) * (l.baseline - l.top);
}

/**
 * Colour of a bar. Two hue families that stay apart under the common colour-vision deficiencies
 * (Okabe & Ito's blue and orange) split at the threshold, so a flagged slice reads as flagged from
 * its colour as well as its height: at or above the threshold sky blue -> blue as Dice rises to 1;
 * below it orange -> vermillion as Dice falls to 0 (the worst slices are the most saturated).
 */
export function diceColour(dice: number, threshold: number): Rgba {
  if (dice >= threshold) {
    const t = threshold >= 1 ? 1 : (dice - threshold) / (1 - threshold);
    return mix(SKY_BLUE, BLUE, t);
  }
  const t = threshold <= 0 ? 1 : dice / threshold;
  return mix(VERMILLION, ORANGE, t);
}

const SKY_BLUE: Rgba = [86, 180, 233, 255];
const BLUE: Rgba = [0, 114, 178, 255];
const ORANGE: Rgba = [230, 159, 0, 255];
const VERMILLION: Rgba = [213, 94, 0, 255];

function mix(a: Rgba, b: Rgba, t: number): Rgba {
  const k = Math.min(1, Math.max(0, t));
  return [
    Math.round(a[0] + (b[0] - a[0]) * k),
    Math.round(a[1] + (b[1] - a[1]) * k),
    Math.round(a[2] + (b[2] - a[2]) * k),
    255,
  ];
}

/** Slice numbers worth labelling under the strip: a 1-2-5 step leaving at least `minGap` px between. */
export function tickStep(l: StripLayout, minGap = 48): number {
  const w = barWidth(l);
  if (w <= 0) return 1;
  const wanted = minGap / w;
  for (let magnitude = 1; ; magnitude *= 10) {
    for (const m of [1, 2, 5]) if (m * magnitude >= wanted) return m * magnitude;
  }
}
