// Surface metrics alongside a Dice comparison of two volumes in memory (CLI --surface, the worker):
// the same labels, the prediction put on the reference's grid the way the comparison did it,
// probability maps binarised at the comparison's threshold, per-slice values along its slice axis.

import { alignGrids } from '../geometry/align';
import { reorientToReference } from '../geometry/reorient';
import type { ComparisonResult, LabelMetrics, OverlapMetrics, SliceMetrics, VolumeDescription } from '../metrics/types';
import { hasWorldGeometry, type Vec3, type Volume, type VolumeHeader } from '../volume';
import type { CollectedSurfaces } from './collect';
import { surfaceConventions, type SurfaceConventions, type SurfaceValues } from './conventions';
import type { SliceSeries } from './perSlice';
import { collectVolumes, measureSurfaces, type SurfaceReport } from './surfaceMetrics';

export interface SurfaceComparisonOptions {
  /** NSD tolerance τ in mm; default 1. */
  readonly toleranceMm?: number;
  /** τ per label value, overriding toleranceMm for those labels (the foreground keeps toleranceMm). */
  readonly toleranceMmByLabel?: ReadonlyMap<number, number>;
  /** Also the 2-D values within each slice along the comparison's slice axis. */
  readonly perSlice?: boolean;
  readonly signal?: AbortSignal;
  /** Called with the fraction done (0..1) as labels and slices are measured. */
  readonly onProgress?: (fraction: number) => void;
}

/** Boundary metrics of one slice (2-D, within the slice). */
export type SliceSurfaceValues = Pick<SurfaceValues, 'hd' | 'hd95' | 'assd' | 'nsd'>;

export type WithSurface<T extends OverlapMetrics> = Omit<T, 'slices'> &
  SurfaceValues & { readonly slices: readonly (SliceMetrics & Partial<SliceSurfaceValues>)[] };

/** A comparison result with boundary metrics added to each label, the foreground and (per slice) each slice. */
export interface SurfaceComparisonResult extends Omit<ComparisonResult, 'labels' | 'foreground'> {
  readonly labels: readonly WithSurface<LabelMetrics>[];
  readonly foreground: WithSurface<OverlapMetrics>;
  readonly surface: { readonly conventions: SurfaceConventions; readonly perSlice: boolean };
}

/**
 * Surface metrics for the labels of `result`, which compared `ref` with `pred`. Throws if the
 * prediction is not on the reference's grid, which compareVolumes would already have refused.
 */
export function surfaceForComparison(ref: Volume, pred: Volume, result: ComparisonResult, opts: SurfaceComparisonOptions = {}): SurfaceReport {
  const geometry = ref.header.geometry;
  const none = unmeasurable(ref.header, pred.header, result, opts);
  if (none !== null) return none;
  let predData = pred.data;
  if (result.geometry.alignment === 'reoriented') {
    const alignment = alignGrids(geometry, pred.header.geometry);
    if (alignment.kind === 'mismatch') throw new Error(`The comparison reoriented ${pred.header.source}, but its grid no longer aligns.`);
    predData = reorientToReference(pred, geometry, alignment).data;
  }
  // With --ignore-geometry both are taken voxel by voxel on the reference's grid and spacing.
  const shape = geometry.shape;
  const found = collectVolumes(
    { data: ref.data, shape, spacing: geometry.spacing, ...(ref.writtenPages && { writtenPages: ref.writtenPages }) },
    { data: predData, shape, spacing: geometry.spacing, ...(predData === pred.data && pred.writtenPages && { writtenPages: pred.writtenPages }) },
    shape,
    {
      labels: result.labels.map((l) => l.label),
      perSliceAxis: opts.perSlice ? result.axis : undefined,
      ...comparisonThresholds(result),
    },
    opts.signal,
  );
  return measureComparison(found, geometry.spacing, result, opts);
}

/** Probability maps are foreground (label 1) where value >= the comparison's threshold. */
export function comparisonThresholds(result: Pick<ComparisonResult, 'reference' | 'prediction' | 'probThreshold'>): { refThreshold: number | null; predThreshold: number | null } {
  const at = (d: VolumeDescription) => (d.kind === 'probability' ? result.probThreshold : null);
  return { refThreshold: at(result.reference), predThreshold: at(result.prediction) };
}

/** Surface metrics for the labels of `result` from the surfaces a pass over its pair collected. */
export function measureComparison(found: CollectedSurfaces, spacing: Vec3, result: ComparisonResult, opts: SurfaceComparisonOptions = {}): SurfaceReport {
  return measureSurfaces(found, spacing, result.labels.map((l) => l.label), {
    toleranceMm: opts.toleranceMm,
    toleranceMmByLabel: opts.toleranceMmByLabel,
    perSlice: opts.perSlice ? { axis: result.axis } : undefined,
    signal: opts.signal,
    onProgress: opts.onProgress,
  });
}

/** All-null surface values when either file has no millimetres (a voxel grid only), else null. */
export function unmeasurable(ref: VolumeHeader, pred: VolumeHeader, result: ComparisonResult, opts: SurfaceComparisonOptions = {}): SurfaceReport | null {
  const voxelOnly = [ref, pred].filter((h) => !hasWorldGeometry(h.geometry)).map((h) => h.source);
  if (voxelOnly.length === 0) return null;
  return unmeasured(result, opts, `${voxelOnly.join(' and ')} ${voxelOnly.length === 1 ? 'has' : 'have'} no usable geometry: the surface distances (hd, hd95, assd, nsd) are null.`);
}

/** Surface values that cannot be measured (no millimetres): all null, with the sentence saying why. */
function unmeasured(result: ComparisonResult, opts: SurfaceComparisonOptions, why: string): SurfaceReport {
  const toleranceMm = opts.toleranceMm ?? 1;
  const none = (tau: number): SurfaceValues => ({ hd: null, hd95: null, assd: null, nsd: null, toleranceMm: tau });
  return {
    conventions: surfaceConventions(95, toleranceMm),
    labels: result.labels.map((l) => ({ label: l.label, ...none(opts.toleranceMmByLabel?.get(l.label) ?? toleranceMm) })),
    foreground: none(toleranceMm),
    unmeasured: why,
  };
}

/** `result` with the numbers of `surface` (from surfaceForComparison on the same result) merged in. */
export function withSurface(result: ComparisonResult, surface: SurfaceReport): SurfaceComparisonResult {
  return { ...withSurfaceExceptLabels(result, surface), labels: result.labels.map((_, n) => labelWithSurface(result, surface, n)) };
}

/**
 * withSurface's result with `labels` still those of `result` (in their place among the keys), for a
 * writer that merges each label as it writes it (labelWithSurface): a label image's labels times
 * slices merged at once are hundreds of thousands of objects alive together.
 */
export function withSurfaceExceptLabels(result: ComparisonResult, surface: SurfaceReport): Omit<SurfaceComparisonResult, 'labels'> & Pick<ComparisonResult, 'labels'> {
  return {
    ...result,
    foreground: mergeSurface(result.foreground, surface.foreground, surface.perSlice?.foreground),
    surface: { conventions: surface.conventions, perSlice: surface.perSlice !== undefined },
    warnings: surface.unmeasured === undefined ? result.warnings : [...result.warnings, surface.unmeasured],
  };
}

/** Label `n` of `result` with its numbers from `surface`, as withSurface has it. */
export function labelWithSurface(result: ComparisonResult, surface: SurfaceReport, n: number): WithSurface<LabelMetrics> {
  return mergeSurface(result.labels[n], withoutLabel(surface.labels[n]), surface.perSlice?.labels[n]);
}

function mergeSurface<T extends OverlapMetrics>(m: T, values: SurfaceValues, series: SliceSeries | undefined): WithSurface<T> {
  return { ...m, ...values, slices: series === undefined ? m.slices : m.slices.map((s) => sliceWithSurface(s, series)) };
}

/**
 * One slice's counts and boundary values, written out field by field: a label image can have
 * thousands of labels times hundreds of slices, and an object spread here made each of them a
 * slow dictionary-mode object (seconds and hundreds of MB on 4,999 labels).
 */
function sliceWithSurface(s: SliceMetrics, series: SliceSeries): SliceMetrics & SliceSurfaceValues {
  const n = s.index;
  // Neither mask in this slice: no boundary values either, and the row is the same for every label.
  if (s.tp + s.fp + s.fn === 0 && series.hd[n] === null && series.hd95[n] === null && series.assd[n] === null && series.nsd[n] === null) {
    return (EMPTY_SLICES[n] ??= Object.freeze({ index: n, tp: 0, fp: 0, fn: 0, dice: null, hd: null, hd95: null, assd: null, nsd: null }));
  }
  return { index: n, tp: s.tp, fp: s.fp, fn: s.fn, dice: s.dice, hd: series.hd[n], hd95: series.hd95[n], assd: series.assd[n], nsd: series.nsd[n] };
}

/** Empty slices with their (null) boundary values, one per index, shared as summarise.ts shares those without. */
const EMPTY_SLICES: (SliceMetrics & SliceSurfaceValues)[] = [];

function withoutLabel(v: SurfaceValues & { readonly label: number }): SurfaceValues {
  return { hd: v.hd, hd95: v.hd95, assd: v.assd, nsd: v.nsd, toleranceMm: v.toleranceMm };
}
