// TP / FP / FN of one slice pair, classified in the webview from the two mask slices the panes
// already hold: switching the label or the mode needs no round trip to the host. The rule is the
// metrics engine's (src/core/metrics): the foreground is any non-zero label, a probability map is
// label 1 where value >= probThreshold, and a label choice compares label values exactly.
import type { VoxelArray } from '../../core/volume';
import type { LabelChoice } from '../../protocol/compare';

/** Class values written by classifyOverlap; 0 = in neither mask. */
export const TP = 1;
export const FP = 2;
export const FN = 3;
export type OverlapClass = typeof TP | typeof FP | typeof FN;
export const OVERLAP_CLASSES: readonly OverlapClass[] = [TP, FP, FN];

export interface OverlapCounts {
  readonly tp: number;
  readonly fp: number;
  readonly fn: number;
}

/** How the stored values of each mask become labels (from the ComparisonResult's descriptions). */
export interface MaskReading {
  readonly referenceIsProbability: boolean;
  readonly predictionIsProbability: boolean;
  readonly probThreshold: number;
}

export const LABEL_READING: MaskReading = { referenceIsProbability: false, predictionIsProbability: false, probThreshold: 0.5 };

/** Dice from counts; null when both masks are empty (the metrics engine's convention). */
export function diceOf(c: OverlapCounts): number | null {
  const denominator = 2 * c.tp + c.fp + c.fn;
  return denominator === 0 ? null : (2 * c.tp) / denominator;
}

/** A predicate "this stored value is in the chosen label" for one mask. */
function membership(label: LabelChoice, isProbability: boolean, probThreshold: number): (v: number) => boolean {
  if (isProbability) {
    // A probability map is a single label 1.
    const wanted = label === null || label === 1;
    return wanted ? (v) => v >= probThreshold : () => false;
  }
  return label === null ? (v) => v !== 0 : (v) => v === label;
}

/**
 * Writes TP/FP/FN/0 per element into `out` (same layout as the inputs) and returns the counts.
 * `out`, `reference` and `prediction` hold the same number of elements.
 */
export function classifyOverlap(
  out: Uint8Array, reference: VoxelArray, prediction: VoxelArray, label: LabelChoice, reading: MaskReading,
): OverlapCounts {
  // Label masks (the usual case) take loops without a call per voxel, and voxels empty in both
  // masks (most of any slice) take one comparison: this runs on every slice change.
  if (!reading.referenceIsProbability && !reading.predictionIsProbability) {
    return label === null ? classifyForeground(out, reference, prediction) : classifyLabel(out, reference, prediction, label);
  }
  const inRef = membership(label, reading.referenceIsProbability, reading.probThreshold);
  const inPred = membership(label, reading.predictionIsProbability, reading.probThreshold);
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (let i = 0; i < out.length; i++) {
    const r = inRef(reference[i]!);
    const p = inPred(prediction[i]!);
    if (r) {
      if (p) { out[i] = TP; tp++; } else { out[i] = FN; fn++; }
    } else if (p) {
      out[i] = FP; fp++;
    } else {
      out[i] = 0;
    }
  }
  return { tp, fp, fn };
}

function classifyForeground(out: Uint8Array, reference: VoxelArray, prediction: VoxelArray): OverlapCounts {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (let i = 0; i < out.length; i++) {
    const r = reference[i]!;
    const p = prediction[i]!;
    if (r === 0 && p === 0) {
      out[i] = 0;
    } else if (r !== 0) {
      if (p !== 0) { out[i] = TP; tp++; } else { out[i] = FN; fn++; }
    } else {
      out[i] = FP; fp++;
    }
  }
  return { tp, fp, fn };
}

function classifyLabel(out: Uint8Array, reference: VoxelArray, prediction: VoxelArray, label: number): OverlapCounts {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (let i = 0; i < out.length; i++) {
    const r = reference[i] === label;
    const p = prediction[i] === label;
    if (!r && !p) {
      out[i] = 0;
    } else if (r) {
      if (p) { out[i] = TP; tp++; } else { out[i] = FN; fn++; }
    } else {
      out[i] = FP; fp++;
    }
  }
  return { tp, fp, fn };
}
