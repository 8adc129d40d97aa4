// From the per-slice count tables to the metrics people read. All ratios are computed here, once,
// from exact integer counts, so volume and slice values share one definition.
import type { LabelTable } from './labelTable';
import { compareProblems, problemOf, type ProblemRule } from './severity';
import type { FlaggedSlice, LabelMetrics, OverlapMetrics, SliceMetrics } from './types';

export interface SummaryParameters {
  readonly smooth: number;
  readonly threshold: number;
  readonly minErrorMm2: number;
  /** mm² of one voxel face in the slice plane. */
  readonly voxelAreaMm2: number;
  /** Millilitres per voxel of each file: |det| of the affine's 3×3 part / 1000; null = no usable geometry. */
  readonly refVoxelMl: number | null;
  readonly predVoxelMl: number | null;
}

/** (2TP + s) / (2TP + FP + FN + s); null when both masks are empty, whatever s is. */
export function dice(tp: number, fp: number, fn: number, smooth: number): number | null {
  if (tp + fp + fn === 0) return null;
  return (2 * tp + smooth) / (2 * tp + fp + fn + smooth);
}

/** (TP + s) / (TP + FP + FN + s); null when both masks are empty. */
export function iou(tp: number, fp: number, fn: number, smooth: number): number | null {
  if (tp + fp + fn === 0) return null;
  return (tp + smooth) / (tp + fp + fn + smooth);
}

/** Mean of the defined values; null when there are none. */
export function meanDefined(values: readonly (number | null)[]): number | null {
  let sum = 0;
  let n = 0;
  for (const v of values) {
    if (v === null) continue;
    sum += v;
    n++;
  }
  return n === 0 ? null : sum / n;
}

/** Per-slice counts of one label (or the foreground): reference, prediction, both. */
interface SliceCounts {
  ref(slice: number): number;
  pred(slice: number): number;
  inter(slice: number): number;
}

/** Slice `s` of a label in neither mask there; one frozen object per index, shared by every label. */
export function emptySlice(s: number): SliceMetrics {
  return (EMPTY_SLICES[s] ??= Object.freeze({ index: s, tp: 0, fp: 0, fn: 0, dice: null }));
}

/**
 * A label image's labels each fill a few of its slices: 4,999 labels in 64 slices are 320,000
 * slice rows, nearly all empty. Sharing the empty ones keeps those rows from being 320,000 objects
 * that every garbage collection copies.
 */
const EMPTY_SLICES: SliceMetrics[] = [];

/** One slice's metrics from its reference, prediction and shared voxel counts. */
function sliceMetrics(s: number, r: number, q: number, both: number, smooth: number): SliceMetrics {
  return r + q === 0 ? emptySlice(s) : { index: s, tp: both, fp: q - both, fn: r - both, dice: dice(both, q - both, r - both, smooth) };
}

function overlap(counts: SliceCounts, sliceCount: number, p: SummaryParameters): OverlapMetrics {
  const slices: SliceMetrics[] = new Array<SliceMetrics>(sliceCount);
  let tp = 0;
  let refVoxels = 0;
  let predVoxels = 0;
  for (let s = 0; s < sliceCount; s++) {
    const r = counts.ref(s);
    const q = counts.pred(s);
    const both = counts.inter(s);
    tp += both;
    refVoxels += r;
    predVoxels += q;
    slices[s] = sliceMetrics(s, r, q, both, p.smooth);
  }
  const fp = predVoxels - tp;
  const fn = refVoxels - tp;
  return {
    tp,
    fp,
    fn,
    dice: dice(tp, fp, fn, p.smooth),
    iou: iou(tp, fp, fn, p.smooth),
    refVoxels,
    predVoxels,
    refMl: p.refVoxelMl === null ? null : refVoxels * p.refVoxelMl,
    predMl: p.predVoxelMl === null ? null : predVoxels * p.predVoxelMl,
    meanSliceDice: meanDefined(slices.map((s) => s.dice)),
    slices,
  };
}

export interface Summary {
  readonly foreground: OverlapMetrics;
  readonly labels: readonly LabelMetrics[];
  readonly meanDice: number | null;
  readonly flagged: readonly FlaggedSlice[];
}

export function summarise(table: LabelTable, p: SummaryParameters): Summary {
  const { sliceCount, capacity: width } = table;
  const columns = table.labels.map((label, column) => ({ label, column })).sort((a, b) => a.label - b.label);
  const labels: LabelMetrics[] = columns.map(({ label, column }) => ({
    label,
    ...overlap(
      {
        ref: (s) => table.ref[s * width + column],
        pred: (s) => table.pred[s * width + column],
        inter: (s) => table.inter[s * width + column],
      },
      sliceCount,
      p,
    ),
  }));
  const foreground = overlap(foregroundCounts(table), sliceCount, p);
  return {
    foreground,
    labels,
    meanDice: meanDefined(labels.map((l) => l.dice)),
    flagged: flag(foreground, labels, p),
  };
}

/** The foreground's counts per slice: sums over the labels, or counted directly when segments overlap. */
function foregroundCounts(table: LabelTable): SliceCounts {
  const rowSum = (counts: Uint32Array, s: number): number => {
    let sum = 0;
    for (let c = 0; c < table.labels.length; c++) sum += counts[s * table.capacity + c];
    return sum;
  };
  return {
    ref: (s) => (table.fgRef === null ? rowSum(table.ref, s) : table.fgRef[s]!),
    pred: (s) => (table.fgPred === null ? rowSum(table.pred, s) : table.fgPred[s]!),
    inter: (s) => table.fgInter[s],
  };
}

/**
 * The foreground's metrics of slices [from, to) as the table holds them now: while the counting pass
 * runs along the slices, those it has finished (the editor's strip fills in from them).
 */
export function foregroundSlices(table: LabelTable, from: number, to: number, smooth: number): SliceMetrics[] {
  const counts = foregroundCounts(table);
  const out: SliceMetrics[] = [];
  for (let s = from; s < to; s++) out.push(sliceMetrics(s, counts.ref(s), counts.pred(s), counts.inter(s), smooth));
  return out;
}

/** The problems of every label and the foreground, most severe first (see severity.ts). */
export function flag(foreground: OverlapMetrics, labels: readonly LabelMetrics[], rule: ProblemRule): FlaggedSlice[] {
  const out: FlaggedSlice[] = [];
  const collect = (label: number | null, m: OverlapMetrics): void => {
    for (const s of m.slices) {
      const problem = problemOf(label, s, rule);
      if (problem) out.push(problem);
    }
  };
  collect(null, foreground);
  for (const l of labels) collect(l.label, l);
  return out.sort(compareProblems);
}
