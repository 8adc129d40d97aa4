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
