// How boundary metrics read in the editor's report, its Markdown export, its diagnostics and the
// comparison view: distances in mm, "∞" when exactly one mask is empty, "n/a" when both are; and
// which slices a 2-D HD95 limit flags. Pure and browser-safe (the webview uses it too).
import type { ComparisonResult, OverlapMetrics, Plane, SliceMetrics } from '../metrics/types';
import type { SliceSurfaceValues, SurfaceComparisonResult } from '../surface/comparison';
import { diceText, labelText, type LabelNames } from './sliceText';

export function hasSurface(r: ComparisonResult | SurfaceComparisonResult): r is SurfaceComparisonResult {
  return 'surface' in r;
}

/** The boundary metrics a label's, the foreground's or a slice's metrics carry, if any. */
export function surfaceOf(m: OverlapMetrics | SliceMetrics): SliceSurfaceValues | undefined {
  if (!('hd95' in m)) return undefined;
  const s = m as OverlapMetrics & Partial<SliceSurfaceValues>;
  return { hd: s.hd ?? null, hd95: s.hd95 ?? null, assd: s.assd ?? null, nsd: s.nsd ?? null };
}

/** A distance: `digits` decimals, "∞" (one mask empty), "n/a" (both empty). No unit. */
export function mmText(v: number | null | undefined, digits = 2): string {
  if (v === null || v === undefined) return 'n/a';
  return v === Infinity ? '∞' : v.toFixed(digits);
}

/** NSD, a fraction in [0, 1]: three decimals, as Dice; "n/a" when both masks are empty. */
export function nsdText(v: number | null | undefined): string {
  return v === null || v === undefined ? 'n/a' : v.toFixed(3);
}

/** A slice whose 2-D HD95 is above the limit. */
export interface Hd95Flag {
  /** null = the foreground. */
  readonly label: number | null;
  readonly index: number;
  readonly hd95: number;
  readonly dice: number;
}

/**
 * Slices (foreground and each label) whose 2-D HD95 is above `limitMm`, largest first (ties: the
 * foreground, then labels ascending, then index). A slice where exactly one mask has the label
 * (HD95 ∞) is left out: its Dice is 0 and it is flagged for that already.
 */
export function hd95Flags(r: ComparisonResult | SurfaceComparisonResult, limitMm: number): Hd95Flag[] {
  if (!hasSurface(r) || !r.surface.perSlice) return [];
  const out: (Hd95Flag & { readonly order: number })[] = [];
  const add = (label: number | null, order: number, m: OverlapMetrics): void => {
    for (const s of m.slices) {
      const hd95 = surfaceOf(s)?.hd95;
      if (typeof hd95 === 'number' && Number.isFinite(hd95) && hd95 > limitMm && s.dice !== null) {
        out.push({ label, index: s.index, hd95, dice: s.dice, order });
      }
    }
  };
  add(null, -Infinity, r.foreground);
  for (const l of r.labels) add(l.label, l.label, l);
  out.sort((a, b) => b.hd95 - a.hd95 || a.order - b.order || a.index - b.index);
  return out.map(({ label, index, hd95, dice }) => ({ label, index, hd95, dice }));
}

/** "axial slice 42, label 2 (liver): HD95 14.2 mm above 10 mm (Dice 0.93)". */
export function hd95Message(plane: Plane, flag: Hd95Flag, names: LabelNames, limitMm: number): string {
  const where = `${plane} slice ${flag.index}, ${labelText(flag.label, names)}`;
  return `${where}: HD95 ${aboveText(flag.hd95, limitMm)} mm above ${limitMm} mm (Dice ${diceText(flag.dice)})`;
}

/** One decimal, or as many more (up to 6) as it takes not to round a value above the limit down to it. */
function aboveText(v: number, limit: number): string {
  let text = v.toFixed(1);
  for (let digits = 2; Number(text) <= limit && digits <= 6; digits++) text = v.toFixed(digits);
  return text;
}
