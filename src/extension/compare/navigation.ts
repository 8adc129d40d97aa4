// Walking a comparison's slices for one label (null = foreground): the worst slice, and the flagged
// slices in index order with wrap-around. Pure, so unit tests pin the order without VS Code.
import type { ComparisonResult } from '../../core/metrics/types';
import type { LabelChoice } from '../../protocol/compare';

function metricsOf(result: ComparisonResult, label: LabelChoice) {
  return label === null ? result.foreground : result.labels.find((l) => l.label === label);
}

/** Per-slice Dice of `label`, in index order; null where neither mask has it (empty when absent). */
export function sliceDice(result: ComparisonResult, label: LabelChoice): (number | null)[] {
  return metricsOf(result, label)?.slices.map((s) => s.dice) ?? [];
}

/** The flagged slices of `label` (Dice < threshold), ascending by index. */
export function flaggedIndices(result: ComparisonResult, label: LabelChoice): number[] {
  return result.flagged
    .filter((f) => f.label === label)
    .map((f) => f.index)
    .sort((a, b) => a - b);
}

/** The slice with the lowest defined Dice (the lowest index among ties); undefined when none is defined. */
export function worstSlice(result: ComparisonResult, label: LabelChoice): number | undefined {
  let worst: { index: number; dice: number } | undefined;
  for (const s of metricsOf(result, label)?.slices ?? []) {
    if (s.dice !== null && (worst === undefined || s.dice < worst.dice)) worst = { index: s.index, dice: s.dice };
  }
  return worst?.index;
}

/**
 * The next (direction 1) or previous (-1) flagged slice of `label` after `current`, wrapping around
 * the ends; undefined when nothing is flagged. From an unflagged slice, "next" is the first flagged
 * one above it.
 */
export function stepFlagged(result: ComparisonResult, label: LabelChoice, current: number, direction: 1 | -1): number | undefined {
  const flagged = flaggedIndices(result, label);
  if (flagged.length === 0) return undefined;
  if (direction === 1) return flagged.find((i) => i > current) ?? flagged[0];
  return [...flagged].reverse().find((i) => i < current) ?? flagged[flagged.length - 1];
}
