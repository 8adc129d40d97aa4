// The batch summary, in the spirit of nnU-Net's summary.json: every case with its per-label numbers,
// then per label and for the foreground the mean, median and minimum over cases. Cases where a
// label's Dice is null (both masks empty) are skipped for that label, like numpy's nanmean; `n`
// says how many cases each statistic is over.
import type { ComparisonResult, OverlapMetrics } from '../core/metrics/types';

export interface CaseNumbers {
  readonly dice: number | null;
  readonly iou: number | null;
  readonly tp: number;
  readonly fp: number;
  readonly fn: number;
  readonly refVoxels: number;
  readonly predVoxels: number;
  readonly refMl: number | null;
  readonly predMl: number | null;
  readonly meanSliceDice: number | null;
}

export interface ComparedCase {
  readonly name: string;
  readonly reference: string;
  readonly prediction: string;
  readonly foreground: CaseNumbers;
  /** Keyed by label value. */
  readonly labels: Readonly<Record<string, CaseNumbers>>;
  readonly meanDice: number | null;
  readonly geometry: ComparisonResult['geometry'];
  /** The comparison's warnings (e.g. no usable geometry, so no mL), when it had any. */
  readonly warnings?: readonly string[];
  readonly softDice?: number | null;
}

export interface FailedCase {
  readonly name: string;
  readonly reference: string;
  readonly prediction: string;
  readonly error: string;
}

export type CaseSummary = ComparedCase | FailedCase;

export interface Statistic {
  readonly mean: number | null;
  readonly median: number | null;
  readonly min: number | null;
  /** Cases with a defined value. */
  readonly n: number;
}

export interface BatchSummary {
  readonly referenceDir: string;
  readonly predictionDir: string;
  readonly cases: readonly CaseSummary[];
  readonly labels: Readonly<Record<string, { readonly dice: Statistic; readonly iou: Statistic }>>;
  readonly foreground: { readonly dice: Statistic; readonly iou: Statistic };
  /** Statistics of each case's mean Dice over labels. */
  readonly meanDice: Statistic;
  readonly unmatched: { readonly references: readonly string[]; readonly predictions: readonly string[] };
  readonly failed: number;
  readonly conventions: ComparisonResult['conventions'] & { readonly aggregation: string };
}

export function caseNumbers(m: OverlapMetrics): CaseNumbers {
  const { dice, iou, tp, fp, fn, refVoxels, predVoxels, refMl, predMl, meanSliceDice } = m;
  return { dice, iou, tp, fp, fn, refVoxels, predVoxels, refMl, predMl, meanSliceDice };
}

export function statistic(values: readonly (number | null | undefined)[]): Statistic {
  const defined = values.filter((v): v is number => typeof v === 'number').sort((a, b) => a - b);
  const n = defined.length;
  if (n === 0) return { mean: null, median: null, min: null, n };
  const mid = n >> 1;
  return {
    mean: defined.reduce((a, b) => a + b, 0) / n,
    median: n % 2 === 1 ? defined[mid] : (defined[mid - 1] + defined[mid]) / 2,
    min: defined[0],
    n,
  };
}

export const AGGREGATION =
  'Statistics over cases skip cases where the value is null (both masks empty for that label), like numpy.nanmean; n is the number of cases counted. Failed cases are listed and counted in no statistic.';

export function summariseBatch(
  dirs: { referenceDir: string; predictionDir: string },
  cases: readonly CaseSummary[],
  unmatched: BatchSummary['unmatched'],
  conventions: ComparisonResult['conventions'],
): BatchSummary {
  const ok = cases.filter((c): c is ComparedCase => !('error' in c));
  const labelKeys = [...new Set(ok.flatMap((c) => Object.keys(c.labels)))].sort((a, b) => Number(a) - Number(b));
  const labels: Record<string, { dice: Statistic; iou: Statistic }> = {};
  for (const key of labelKeys) {
    labels[key] = { dice: statistic(ok.map((c) => c.labels[key]?.dice)), iou: statistic(ok.map((c) => c.labels[key]?.iou)) };
  }
  return {
    ...dirs,
    cases,
    labels,
    foreground: { dice: statistic(ok.map((c) => c.foreground.dice)), iou: statistic(ok.map((c) => c.foreground.iou)) },
    meanDice: statistic(ok.map((c) => c.meanDice)),
    unmatched,
    failed: cases.length - ok.length,
    conventions: { ...conventions, aggregation: AGGREGATION },
  };
}
