// Reading the ComparisonResult for the view: the metrics of the chosen label, label titles, and how
// each mask's values are read (labels or a thresholded probability map).
import type { OverlapMetrics } from '../../core/metrics/types';
import type { CompareLabel, ComparisonResult, LabelChoice } from '../../protocol/compare';
import { formatNumber } from '../dom';
import type { MaskReading } from './overlap';

/** The foreground's or one label's metrics; undefined for a label the result does not hold. */
export function metricsFor(result: ComparisonResult, choice: LabelChoice): OverlapMetrics | undefined {
  return choice === null ? result.foreground : result.labels.find((l) => l.label === choice);
}

/** "Foreground", "2 liver", or "label 2" when nothing names it. */
export function choiceTitle(choice: LabelChoice, labels: readonly CompareLabel[]): string {
  if (choice === null) return 'Foreground';
  const name = labels.find((l) => l.value === choice)?.name;
  return name ? `${formatNumber(choice)} ${name}` : `label ${formatNumber(choice)}`;
}

export function readingOf(result: ComparisonResult): MaskReading {
  return {
    referenceIsProbability: result.reference.kind === 'probability',
    predictionIsProbability: result.prediction.kind === 'probability',
    probThreshold: result.probThreshold,
  };
}

/** Three decimals, the precision people quote Dice with; "n/a" when undefined (both masks empty). */
export function formatDice(dice: number | null | undefined): string {
  return dice === null || dice === undefined ? 'n/a' : dice.toFixed(3);
}

/** The label to show after new metrics arrive: the current one if it still exists, else the foreground. */
export function validChoice(result: ComparisonResult, choice: LabelChoice): LabelChoice {
  return metricsFor(result, choice) ? choice : null;
}

/** The chosen label's flagged slices along the metrics plane (Dice below the threshold, error at the floor or more). */
export function flaggedCount(result: ComparisonResult, choice: LabelChoice): number {
  return result.flagged.reduce((n, f) => (f.label === choice ? n + 1 : n), 0);
}

/** The slice a comparison opens on: the one holding the most of either mask, so something shows. */
export function busiestSlice(metrics: OverlapMetrics): number | undefined {
  let best: number | undefined;
  let most = 0;
  for (const s of metrics.slices) {
    const voxels = s.tp + s.fp + s.fn;
    if (voxels > most) {
      most = voxels;
      best = s.index;
    }
  }
  return best;
}
