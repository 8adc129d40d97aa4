// What gets measured: each requested label, then the foreground (any non-zero value), with the
// surfaces the pass collected for it in both volumes.

import type { Vec3, VoxelArray } from '../volume';
import { MaskSurface, type CollectedSurfaces } from './collect';

/** A mask or label volume: voxels i fastest, then j, then k; spacing in mm along i, j, k. */
export interface SurfaceVolume {
  readonly data: VoxelArray;
  readonly shape: Vec3;
  readonly spacing: Vec3;
  /** As Volume.writtenPages: the pages of `data` that may hold values (the others are not read). */
  readonly writtenPages?: Uint8Array;
}

/** One mask to measure: its surfaces in each volume. */
export interface SurfaceTarget {
  readonly toleranceMm: number;
  readonly ref: MaskSurface;
  readonly pred: MaskSurface;
  /** The foreground holds exactly this target's voxels in both volumes, so shares its numbers. */
  readonly sameAs?: number;
}

/** A label absent from a volume: no voxels, no points. */
const ABSENT = new MaskSurface();

/** The requested labels, then the foreground, with their surfaces in both volumes. */
export function surfaceTargets(
  found: CollectedSurfaces,
  labels: readonly number[],
  toleranceMm: number,
  toleranceMmByLabel: ReadonlyMap<number, number> | undefined,
): SurfaceTarget[] {
  const targets: SurfaceTarget[] = labels.map((value) => ({
    toleranceMm: toleranceMmByLabel?.get(value) ?? toleranceMm,
    ref: found.ref.byValue.get(value) ?? ABSENT,
    pred: found.pred.byValue.get(value) ?? ABSENT,
  }));
  // A label whose voxels are all of the foreground in both volumes (every binary mask) has the same
  // surfaces as the foreground: measure it once.
  const fgRef = found.ref.foreground.count;
  const fgPred = found.pred.foreground.count;
  const same = targets.findIndex(
    (t) => t.ref.count === fgRef && t.pred.count === fgPred && fgRef + fgPred > 0 && t.toleranceMm === toleranceMm,
  );
  targets.push({
    toleranceMm,
    ref: found.ref.foreground,
    pred: found.pred.foreground,
    ...(same >= 0 ? { sameAs: same } : {}),
  });
  return targets;
}
