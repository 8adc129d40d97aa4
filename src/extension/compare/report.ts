// The text of a comparison's report document and the problems attached to it. VS Code tells no
// custom editor which problem was clicked, so the problems live on a read-only virtual document
// whose lines are the flagged slices: opening it at a problem's line tells us which slice to show.
// Pure (no vscode import): line numbers and messages are unit-tested.
import type { ComparisonResult } from '../../core/metrics/types';
import { sliceOf } from '../../core/report/markdown';
import { diceText, labelText, problemMessage, problemRuleText, type LabelNames } from '../../core/report/sliceText';
import { hd95Flags, hd95Message } from '../../core/report/surfaceText';
import type { LabelChoice } from '../../protocol/compare';
import type { SliceRef } from './navigation';

export interface ReportEntry {
  /** 0-based line of the report document. */
  readonly line: number;
  readonly label: LabelChoice;
  readonly index: number;
  readonly dice: number;
  /** Why the slice is listed: Dice below the threshold, or (maskInspector.flagHd95AboveMm) its 2-D HD95 above the limit. */
  readonly reason: 'dice' | 'hd95';
  readonly message: string;
}

export interface Report {
  readonly lines: readonly string[];
  /** Every flagged slice, most severe first (then those flagged for HD95), one line each. */
  readonly entries: readonly ReportEntry[];
  /** The first `maxDiagnostics` entries become problems; the rest are summed up on this line. */
  readonly listed: number;
  readonly summary?: { readonly line: number; readonly message: string };
}

export interface ReportOptions {
  readonly referenceName: string;
  readonly predictionName: string;
  readonly names: LabelNames;
  readonly maxDiagnostics: number;
  /** Also list slices whose 2-D HD95 is above this many mm (needs per-slice surface metrics); null = off. */
  readonly hd95LimitMm?: number | null;
}

const HEADER_LINES = 3;

export function buildReport(result: ComparisonResult, opts: ReportOptions): Report {
  const { names } = opts;
  const limit = opts.hd95LimitMm ?? null;
  const far = limit === null ? [] : hd95Flags(result, limit).map((f) => ({ ...f, message: hd95Message(result.plane, f, names, limit) }));
  const total = result.flagged.length + far.length;
  const listed = Math.min(total, Math.max(0, Math.floor(opts.maxDiagnostics)));
  const volumeDice = [
    `foreground ${diceText(result.foreground.dice)}`,
    ...result.labels.map((l) => `${labelText(l.label, names)} ${diceText(l.dice)}`),
  ].join(', ');
  const hidden = total - listed;
  const diceRule = problemRuleText(result.threshold, result.minErrorMm2);
  const rule = limit === null ? diceRule : `${diceRule}, or 2-D HD95 > ${limit} mm`;
  const lines = [
    `Mask Inspector: ${opts.referenceName} (reference) vs ${opts.predictionName} (prediction)`,
    `${result.plane} slices, flagged when ${rule}. Volume Dice: ${volumeDice}.`,
    total === 0
      ? 'No slice is flagged.'
      : `${flaggedText(result.flagged.length, far.length)}, most severe first (severity = error mm² × (1 − Dice)). Select one (here or in the Problems panel) to show it in the comparison editor.`,
  ];
  const entries = result.flagged.map((f, n): ReportEntry => {
    const message = problemMessage(result.plane, f.label, sliceOf(result, f.label, f.index), f.errorMm2, names, result.threshold);
    return { line: HEADER_LINES + n, label: f.label, index: f.index, dice: f.dice, reason: 'dice', message };
  });
  // After the low-Dice slices (a slice may be in both lists: each reason is its own problem).
  for (const f of far) entries.push({ line: HEADER_LINES + entries.length, label: f.label, index: f.index, dice: f.dice, reason: 'hd95', message: f.message });
  lines.push(...entries.map((e) => e.message));
  if (hidden === 0) return { lines, entries, listed };
  const summary = {
    line: 2,
    message: `${hidden} more slice${hidden === 1 ? '' : 's'} with ${rule} ${hidden === 1 ? 'is' : 'are'} not listed as problems (maskInspector.maxDiagnostics is ${listed}); they are in the report and the export.`,
  };
  return { lines, entries, listed, summary };
}

function flaggedText(lowDice: number, farHd95: number): string {
  const slices = (n: number): string => `${n} flagged slice${n === 1 ? '' : 's'}`;
  return farHd95 === 0 ? slices(lowDice) : `${slices(lowDice + farHd95)} (${lowDice} for Dice, ${farHd95} for HD95)`;
}

/** The (label, slice) of every entry, in the Problems panel's order: what F8 walks. */
export function problemRefs(report: Report): SliceRef[] {
  return report.entries.map((e) => ({ label: e.label, index: e.index }));
}

/** The entry on `line`, if that line is a flagged slice. */
export function entryAt(report: Report, line: number): ReportEntry | undefined {
  const entry = report.entries[line - HEADER_LINES];
  return entry?.line === line ? entry : undefined;
}
