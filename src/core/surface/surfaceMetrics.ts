// Boundary metrics in mm between a reference and a prediction volume, per label and for the
// foreground (any non-zero value): HD, HD95, ASSD and NSD, optionally also within each 2-D slice.
// Pure and browser-safe; the worker runs it and can cancel it through an AbortSignal, which is
// checked between slabs of the pass, between labels and between slices. One pass collects the
// surfaces (collect.ts), so memory follows the surfaces, not labels × volume.

import type { Vec3 } from '../volume';
import { slabReader } from '../volumePages';
import { SurfaceCollector, type CollectedSurfaces, type CollectOptions } from './collect';
import { surfaceConventions, type SurfaceConventions, type SurfaceValues } from './conventions';
import { EdtWorkspace } from './edt';
import { emptyCaseValues, type PairSettings } from './pair';
import { surfacePerSlice, type PerSliceSurface } from './perSlice';
import { boxVoxels, WorkProgress, type ProgressCallback } from './progress';
import { unionBox, volumeValues } from './reduce';
import { contourLengthByCode, surfaceAreaByCode } from './surfelTable';
import { surfaceTargets, type SurfaceVolume } from './target';

export type { SurfaceVolume } from './target';

export interface SurfaceOptions {
  /** NSD tolerance τ in mm; default 1. */
  readonly toleranceMm?: number;
  /** τ per label, overriding toleranceMm for those labels (the foreground uses toleranceMm). */
  readonly toleranceMmByLabel?: ReadonlyMap<number, number>;
  /** Percentile of the robust Hausdorff distance reported as hd95; default 95. */
  readonly percentile?: number;
  /** Also compute 2-D metrics within each slice along this array axis. */
  readonly perSlice?: { readonly axis: 0 | 1 | 2 };
  readonly signal?: AbortSignal;
  /** Called with the fraction done (0..1) after each label in 3-D and each slice per slice. */
  readonly onProgress?: ProgressCallback;
}

export interface LabelSurfaceValues extends SurfaceValues {
  readonly label: number;
}

export interface SurfaceReport {
  readonly conventions: SurfaceConventions;
  /** In the order of the requested labels. */
  readonly labels: LabelSurfaceValues[];
  readonly foreground: SurfaceValues;
  readonly perSlice?: PerSliceSurface;
  /** Set when nothing could be measured (a file without millimetres): why, and every value is null. */
  readonly unmeasured?: string;
}

export function surfaceMetrics(
  ref: SurfaceVolume,
  pred: SurfaceVolume,
  labels: readonly number[],
  options: SurfaceOptions = {},
): SurfaceReport {
  const shape = checkPair(ref, pred);
  const toleranceMm = options.toleranceMm ?? 1;
  const percentile = options.percentile ?? 95;
  checkParameters(toleranceMm, percentile, options.toleranceMmByLabel);
  const found = collectVolumes(ref, pred, shape, { labels, perSliceAxis: options.perSlice?.axis }, options.signal);
  return measureSurfaces(found, ref.spacing, labels, options);
}

/**
 * The collecting pass over two volumes in memory, a few slices at a time; `thresholds` binarise a
 * probability map as the comparison does (value >= threshold is foreground label 1).
 */
export function collectVolumes(ref: SurfaceVolume, pred: SurfaceVolume, shape: Vec3, options: CollectOptions, signal?: AbortSignal): CollectedSurfaces {
  const collector = new SurfaceCollector(shape, options);
  const plane = shape[0] * shape[1];
  const step = Math.max(1, Math.floor((1 << 22) / plane));
  const refSlabs = slabReader(ref, step * plane);
  const predSlabs = slabReader(pred, step * plane);
  for (let k = 0; k < shape[2]; k += step) {
    signal?.throwIfAborted();
    const count = Math.min(step, shape[2] - k);
    collector.add(k, count, refSlabs(k * plane, count * plane), predSlabs(k * plane, count * plane));
  }
  return collector.finish();
}

/** The numbers from the surfaces a collecting pass found (in memory or streamed). */
export function measureSurfaces(found: CollectedSurfaces, spacing: Vec3, labels: readonly number[], options: SurfaceOptions = {}): SurfaceReport {
  const toleranceMm = options.toleranceMm ?? 1;
  const percentile = options.percentile ?? 95;
  checkParameters(toleranceMm, percentile, options.toleranceMmByLabel);
  for (let axis = 0; axis < 3; axis++) {
    const s = spacing[axis];
    if (!(s > 0 && Number.isFinite(s))) throw new RangeError(`Voxel spacing must be positive and finite, got ${spacing.join(', ')}.`);
  }
  const targets = surfaceTargets(found, labels, toleranceMm, options.toleranceMmByLabel);
  // One slice (a PNG, a single-slice NIfTI) is a 2-D image and is measured as one, as MONAI and the
  // DeepMind library measure 2-D arrays: in 3-D both faces of the slice would be surface, making
  // every voxel a border voxel.
  const planar = found.shape[2] === 1;
  const [sx, sy] = spacing;
  const settings: PairSettings = planar
    ? { spacing: [sx, sy, 1], planar, areaByCode: contourLengthByCode([sx, sy]) }
    : { spacing, planar, areaByCode: surfaceAreaByCode(spacing) };
  const work = new EdtWorkspace();
  const weights = targets.map((t) => (t.sameAs === undefined && t.ref.count + t.pred.count > 0 ? boxVoxels(unionBox(t.ref, t.pred)) : 0));
  const total = weights.reduce((a, b) => a + b, 0) * (options.perSlice === undefined ? 1 : 2);
  const progress = new WorkProgress(total, options.onProgress);
  const values: SurfaceValues[] = [];
  for (const [n, target] of targets.entries()) {
    options.signal?.throwIfAborted();
    if (target.sameAs !== undefined) {
      values.push(values[target.sameAs]);
      continue;
    }
    const empty = emptyCaseValues(target.ref.count, target.pred.count, target.toleranceMm);
    values.push(empty ?? volumeValues(target.ref, target.pred, found.shape, settings, percentile, target.toleranceMm, work));
    progress.add(weights[n]);
  }
  const report: SurfaceReport = {
    conventions: surfaceConventions(percentile, toleranceMm),
    labels: labels.map((label, n) => ({ label, ...values[n] })),
    foreground: values[labels.length],
  };
  if (options.perSlice === undefined) {
    progress.finish();
    return report;
  }
  if (found.perSliceAxis !== options.perSlice.axis) throw new Error(`The pass collected slices along axis ${found.perSliceAxis}, not ${options.perSlice.axis}.`);
  const perSlice = surfacePerSlice(found, spacing, labels, targets, options.perSlice.axis, percentile, options.signal, progress);
  progress.finish();
  return { ...report, perSlice };
}

function checkPair(ref: SurfaceVolume, pred: SurfaceVolume): Vec3 {
  const a = ref.shape;
  const b = pred.shape;
  if (a[0] !== b[0] || a[1] !== b[1] || a[2] !== b[2]) {
    throw new RangeError(`Surface metrics need volumes of one shape, got ${a.join('×')} and ${b.join('×')}.`);
  }
  for (const v of [ref, pred]) {
    if (v.data.length !== a[0] * a[1] * a[2]) {
      throw new RangeError(`A volume of shape ${a.join('×')} holds ${v.data.length} voxels instead of ${a[0] * a[1] * a[2]}.`);
    }
  }
  for (let axis = 0; axis < 3; axis++) {
    const s = ref.spacing[axis];
    if (!(s > 0 && Number.isFinite(s))) throw new RangeError(`Voxel spacing must be positive and finite, got ${ref.spacing.join(', ')}.`);
    if (Math.abs(pred.spacing[axis] - s) > 1e-5 * s) {
      throw new RangeError(`Surface metrics need one voxel spacing, got ${ref.spacing.join(', ')} and ${pred.spacing.join(', ')} mm.`);
    }
  }
  return a;
}

function checkParameters(toleranceMm: number, percentile: number, byLabel: ReadonlyMap<number, number> | undefined): void {
  for (const t of [toleranceMm, ...(byLabel?.values() ?? [])]) {
    if (!(t >= 0 && Number.isFinite(t))) throw new RangeError(`A surface Dice tolerance must be a finite number of mm >= 0, got ${t}.`);
  }
  if (!(percentile >= 0 && percentile <= 100)) throw new RangeError(`The Hausdorff percentile must be within 0..100, got ${percentile}.`);
}
