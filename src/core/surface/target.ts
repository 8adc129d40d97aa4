// What gets measured: each requested label, then the foreground (any non-zero value), with where
// its voxels are in both volumes.

import type { Vec3, VoxelArray } from '../volume';
import { findExtents, type LabelExtent, type MaskSelector } from './box';

/** A mask or label volume: voxels i fastest, then j, then k; spacing in mm along i, j, k. */
export interface SurfaceVolume {
  readonly data: VoxelArray;
  readonly shape: Vec3;
  readonly spacing: Vec3;
}

/** One mask to measure: how its voxels are selected and where they are in each volume. */
export interface SurfaceTarget {
  readonly select: MaskSelector;
  readonly toleranceMm: number;
  readonly ref: LabelExtent;
  readonly pred: LabelExtent;
  /** The foreground holds exactly this target's voxels in both volumes, so shares its numbers. */
  readonly sameAs?: number;
}

/** The requested labels, then the foreground, with their extents in both volumes. */
export function surfaceTargets(
  ref: SurfaceVolume,
  pred: SurfaceVolume,
  labels: readonly number[],
  toleranceMm: number,
  toleranceMmByLabel: ReadonlyMap<number, number> | undefined,
): SurfaceTarget[] {
  const inRef = findExtents(ref.data, ref.shape, labels);
  const inPred = findExtents(pred.data, pred.shape, labels);
  const targets: SurfaceTarget[] = labels.map((value, n) => ({
    select: { kind: 'label', value },
    toleranceMm: toleranceMmByLabel?.get(value) ?? toleranceMm,
    ref: inRef.labels[n],
    pred: inPred.labels[n],
  }));
  // A label whose voxels are all of the foreground in both volumes (every binary mask) has the same
  // surfaces as the foreground: measure it once.
  const fgRef = inRef.foreground.count;
  const fgPred = inPred.foreground.count;
  const same = targets.findIndex(
    (t) => t.ref.count === fgRef && t.pred.count === fgPred && fgRef + fgPred > 0 && t.toleranceMm === toleranceMm,
  );
  targets.push({
    select: { kind: 'foreground' },
    toleranceMm,
    ref: inRef.foreground,
    pred: inPred.foreground,
    ...(same >= 0 ? { sameAs: same } : {}),
  });
  return targets;
}
