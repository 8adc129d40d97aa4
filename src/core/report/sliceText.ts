// How one slice's overlap is said in words, shared by the editor's diagnostics, its report, the
// tree view and the Markdown export, so a slice reads the same everywhere:
//   "axial slice 42, label 2 (liver): Dice 0.31 (TP 812, FP 1410, FN 2203)"
import type { Plane, SliceMetrics } from '../metrics/types';

/** Label value -> name, from label files or settings. */
export type LabelNames = ReadonlyMap<number, string>;

/** "foreground", "label 2 (liver)" or "label 2". `label` null = the foreground. */
export function labelText(label: number | null, names: LabelNames): string {
  if (label === null) return 'foreground';
  const name = names.get(label);
  return name ? `label ${label} (${name})` : `label ${label}`;
}

/**
 * Dice with two decimals, or as many more (up to 6) as it takes not to round a value below the
 * threshold up to it: 0.7996 under 0.8 reads "0.7996", not "0.80".
 */
export function diceText(dice: number | null, threshold?: number): string {
  if (dice === null) return 'n/a';
  let text = dice.toFixed(2);
  for (let digits = 3; threshold !== undefined && dice < threshold && Number(text) >= threshold && digits <= 6; digits++) {
    text = dice.toFixed(digits);
  }
  return text;
}

export function sliceMessage(plane: Plane, label: number | null, slice: SliceMetrics, names: LabelNames, threshold?: number): string {
  const where = label === null ? `${plane} slice ${slice.index}, foreground` : `${plane} slice ${slice.index}, ${labelText(label, names)}`;
  return `${where}: Dice ${diceText(slice.dice, threshold)} (TP ${slice.tp}, FP ${slice.fp}, FN ${slice.fn})`;
}

/** A flagged slice: the slice's words and how much of it is wrong, e.g. "…, FN 2203), 3615 mm² wrong". */
export function problemMessage(plane: Plane, label: number | null, slice: SliceMetrics, errorMm2: number, names: LabelNames, threshold?: number): string {
  return `${sliceMessage(plane, label, slice, names, threshold)}, ${areaText(errorMm2)} mm² wrong`;
}

/** Whole mm² from 10 up, one decimal below (a one-voxel error is often under 1 mm²). */
export function areaText(mm2: number): string {
  return mm2 >= 10 ? mm2.toFixed(0) : mm2.toFixed(1);
}

/** The rule that makes a slice a problem, in words: "Dice < 0.8 and error ≥ 10 mm²". */
export function problemRuleText(threshold: number, minErrorMm2: number): string {
  return minErrorMm2 > 0 ? `Dice < ${threshold} and error ≥ ${minErrorMm2} mm²` : `Dice < ${threshold}`;
}
