// Walking a comparison's problems: Go to Worst Slice and Next/Previous Problem. They follow the
// Problems panel's order (most severe first, then the HD95 problems), across every label, or only
// the chosen label's when navigation is restricted to it. Pure, so unit tests pin the order
// without VS Code.
import type { ComparisonResult, OverlapMetrics } from '../../core/metrics/types';
import { errorMm2, severity } from '../../core/metrics/severity';
import type { LabelChoice } from '../../protocol/compare';

/** A (label, slice) pair: what a problem points at and what the comparison shows. */
export interface SliceRef {
  readonly label: LabelChoice;
  readonly index: number;
}

function metricsOf(result: ComparisonResult, label: LabelChoice): OverlapMetrics | undefined {
  return label === null ? result.foreground : result.labels.find((l) => l.label === label);
}

/** Per-slice Dice of `label`, in index order; null where neither mask has it (empty when absent). */
export function sliceDice(result: ComparisonResult, label: LabelChoice): (number | null)[] {
  return metricsOf(result, label)?.slices.map((s) => s.dice) ?? [];
}

/**
 * Where Go to Worst Slice goes: the first problem (of `only` when given, else of any label or the
 * foreground); when nothing is flagged, the slice with the largest severity, so the command still
 * shows where the masks disagree most. undefined when no slice has a defined Dice.
 */
export function worstSlice(result: ComparisonResult, problems: readonly SliceRef[], only?: LabelChoice): SliceRef | undefined {
  const first = problems.find((p) => only === undefined || p.label === only);
  if (first) return { label: first.label, index: first.index };
  let worst: { ref: SliceRef; severity: number; dice: number } | undefined;
  const consider = (label: LabelChoice, m: OverlapMetrics): void => {
    for (const s of m.slices) {
      if (s.dice === null) continue;
      const sev = severity(errorMm2(s, result.sliceVoxelAreaMm2), s.dice);
      if (!worst || sev > worst.severity || (sev === worst.severity && s.dice < worst.dice)) worst = { ref: { label, index: s.index }, severity: sev, dice: s.dice };
    }
  };
  if (only === undefined || only === null) consider(null, result.foreground);
  for (const l of result.labels) if (only === undefined || only === l.label) consider(l.label, l);
  return worst?.ref;
}

/**
 * The next (direction 1) or previous (-1) problem after the one shown, in `problems`' order with
 * wrap-around (restricted to label `only` when given). From a slice that is not a problem, next is
 * the first problem and previous the last. undefined when there is none.
 */
export function stepProblem(problems: readonly SliceRef[], shown: SliceRef, direction: 1 | -1, only?: LabelChoice): SliceRef | undefined {
  // A slice listed twice (low Dice and far HD95) is one stop, at its first position.
  const seen = new Set<string>();
  const walk = problems.filter((p) => {
    const key = `${p.label}:${p.index}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return only === undefined || p.label === only;
  });
  if (walk.length === 0) return undefined;
  const at = walk.findIndex((p) => p.label === shown.label && p.index === shown.index);
  if (at < 0) return direction === 1 ? walk[0] : walk[walk.length - 1];
  return walk[(at + direction + walk.length) % walk.length];
}
