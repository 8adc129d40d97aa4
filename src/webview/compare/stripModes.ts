// What the Dice strip can show: the foreground, the label chosen in the toolbar, or each slice's
// worst label. On a many-label pair the foreground hides an organ that is half missing (its slices
// stay above 0.8 because every other organ is right), and one label at a time means looking through
// forty; "worst label per slice" colours each slice from the label that is most wrong there, and
// its tooltip names that label. Pure, so the choice per slice is unit-tested.
import type { ComparisonResult, SliceMetrics } from '../../core/metrics/types';
import { errorMm2, severity } from '../../core/metrics/severity';

export const STRIP_MODES = ['foreground', 'label', 'worstLabel'] as const;
export type StripMode = (typeof STRIP_MODES)[number];

export const STRIP_MODE_TEXT: Record<StripMode, string> = {
  foreground: 'Foreground',
  label: 'Chosen label',
  worstLabel: 'Worst label per slice',
};

export interface WorstLabelSlices {
  /** The chosen label's counts and Dice in each slice (the foreground's where no label qualifies). */
  readonly slices: readonly SliceMetrics[];
  /** The label each slice's bar comes from; null = the foreground (no label's error reaches the floor). */
  readonly labels: readonly (number | null)[];
}

/**
 * Each slice's worst label: among the labels whose error there reaches the noise floor, the most
 * severe flagged one (Dice below the threshold), else the one with the lowest Dice; a slice where no
 * label's error reaches the floor shows the foreground. So a bar is below the threshold exactly when
 * the slice holds a problem, and a stray voxel does not paint a slice red.
 */
export function worstLabelPerSlice(result: ComparisonResult): WorstLabelSlices {
  const count = result.foreground.slices.length;
  const slices: SliceMetrics[] = [];
  const labels: (number | null)[] = [];
  for (let s = 0; s < count; s++) {
    let flagged: { label: number; slice: SliceMetrics; severity: number } | undefined;
    let lowest: { label: number; slice: SliceMetrics } | undefined;
    for (const l of result.labels) {
      const slice = l.slices[s];
      if (!slice || slice.dice === null) continue;
      const error = errorMm2(slice, result.sliceVoxelAreaMm2);
      if (error < result.minErrorMm2 || error === 0) continue;
      if (slice.dice < result.threshold) {
        const sev = severity(error, slice.dice);
        if (!flagged || sev > flagged.severity) flagged = { label: l.label, slice, severity: sev };
      } else if (!lowest || slice.dice < lowest.slice.dice!) {
        lowest = { label: l.label, slice };
      }
    }
    const pick = flagged ?? lowest;
    slices.push(pick ? pick.slice : result.foreground.slices[s]!);
    labels.push(pick ? pick.label : null);
  }
  return { slices, labels };
}

const memo = new WeakMap<ComparisonResult, WorstLabelSlices>();

/** worstLabelPerSlice, computed once per result (the strip repaints on every frame). */
export function worstLabelsOf(result: ComparisonResult): WorstLabelSlices {
  let found = memo.get(result);
  if (!found) {
    found = worstLabelPerSlice(result);
    memo.set(result, found);
  }
  return found;
}
