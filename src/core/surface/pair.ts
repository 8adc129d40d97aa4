// Boundary metrics of one pair of masks from their surface points in one padded box: border voxels
// for HD, HD95 and ASSD, border corners weighted by surfel area for NSD. Also every directed
// distance of two padded 0/1 masks (box.ts), which the checks against the peers' tests read.

import type { Vec3 } from '../volume';
import { areasAt, borderCorners, markVoxelBorders, type SurfacePoints } from './borders';
import type { SurfaceValues } from './conventions';
import { distancesAtQueries, SCRATCH, type EdtWorkspace } from './edt';
import { maxOf, percentileLinear, pooledMean, sum } from './stats';
import { areaWithinTolerance, cornerSet } from './tolerance';

export interface PairSettings {
  /** mm per step along the grid's axes 0, 1, 2 (2 is unused when planar). */
  readonly spacing: Vec3;
  /** A 2-D grid (dims[2] === 1): 4-neighbour borders and contour lengths. */
  readonly planar: boolean;
  /** surfaceAreaByCode or contourLengthByCode for this spacing. */
  readonly areaByCode: Float64Array;
}

/** Every directed distance, before reduction: what the peers' own tests check. */
export interface DirectedDistances {
  /** From each border voxel of one mask to the other mask's border voxels, in index order. */
  readonly voxels: { readonly refToPred: Float64Array; readonly predToRef: Float64Array };
  /** From each border corner to the other mask's border corners, with that corner's surfel area. */
  readonly corners: {
    readonly refToPred: Float64Array;
    readonly predToRef: Float64Array;
    readonly refAreas: Float64Array;
    readonly predAreas: Float64Array;
  };
}

interface BorderVoxels {
  readonly ref: SurfacePoints;
  readonly pred: SurfacePoints;
}

/** Border voxels of both masks, marked in place (see markVoxelBorders). */
function borderVoxels(ref: Uint8Array, pred: Uint8Array, dims: Vec3, planar: boolean): BorderVoxels {
  return { ref: markVoxelBorders(ref, dims, planar), pred: markVoxelBorders(pred, dims, planar) };
}

function voxelDistances(b: BorderVoxels, dims: Vec3, spacing: Vec3, work: EdtWorkspace): DirectedDistances['voxels'] {
  return {
    refToPred: distancesAtQueries(b.pred.at, dims, spacing, b.ref.at, work),
    predToRef: distancesAtQueries(b.ref.at, dims, spacing, b.pred.at, work),
  };
}

interface CornerSurfels {
  readonly ref: SurfacePoints;
  readonly pred: SurfacePoints;
  readonly refAreas: Float64Array;
  readonly predAreas: Float64Array;
}

function cornerSurfels(ref: Uint8Array, pred: Uint8Array, b: BorderVoxels, dims: Vec3, settings: PairSettings): CornerSurfels {
  const size = dims[0] * dims[1] * dims[2];
  const refCorners = borderCorners(ref, b.ref.at, dims, settings.planar, new Uint8Array(size));
  const predCorners = borderCorners(pred, b.pred.at, dims, settings.planar, new Uint8Array(size));
  return {
    ref: refCorners,
    pred: predCorners,
    refAreas: areasAt(refCorners, settings.areaByCode),
    predAreas: areasAt(predCorners, settings.areaByCode),
  };
}

/**
 * Every directed distance between two non-empty padded masks, for checks against the peers' own
 * tests. Marks border voxels in both masks.
 */
export function directedDistances(
  ref: Uint8Array,
  pred: Uint8Array,
  dims: Vec3,
  settings: PairSettings,
  work: EdtWorkspace,
): DirectedDistances {
  const borders = borderVoxels(ref, pred, dims, settings.planar);
  const voxels = voxelDistances(borders, dims, settings.spacing, work);
  const c = cornerSurfels(ref, pred, borders, dims, settings);
  const corners = {
    refToPred: distancesAtQueries(c.pred.at, dims, settings.spacing, c.ref.at, work),
    predToRef: distancesAtQueries(c.ref.at, dims, settings.spacing, c.pred.at, work),
    refAreas: c.refAreas,
    predAreas: c.predAreas,
  };
  return { voxels, corners };
}

/**
 * Surface points of two non-empty masks in one padded box, each list in increasing index order:
 * border voxels, and border corners with their surfel areas.
 */
export interface SurfaceLists {
  readonly refVoxels: Uint32Array;
  readonly predVoxels: Uint32Array;
  readonly refCorners: Uint32Array;
  readonly predCorners: Uint32Array;
  readonly refAreas: Float64Array;
  readonly predAreas: Float64Array;
}

/** The reported numbers from the surface points of two non-empty masks in a box of `dims`. */
export function surfaceValues(s: SurfaceLists, dims: Vec3, settings: PairSettings, percentile: number, toleranceMm: number, work: EdtWorkspace): SurfaceValues {
  const refToPred = distancesAtQueries(s.predVoxels, dims, settings.spacing, s.refVoxels, work, work.f64(SCRATCH.refToPred, s.refVoxels.length));
  const predToRef = distancesAtQueries(s.refVoxels, dims, settings.spacing, s.predVoxels, work, work.f64(SCRATCH.predToRef, s.predVoxels.length));
  // One corner set at a time: each lives only during its own call (its slots are scratch).
  const within =
    areaWithinTolerance(cornerSet(s.predCorners, work), dims, settings.spacing, s.refCorners, s.refAreas, toleranceMm, work) +
    areaWithinTolerance(cornerSet(s.refCorners, work), dims, settings.spacing, s.predCorners, s.predAreas, toleranceMm, work);
  return {
    hd: Math.max(maxOf(refToPred), maxOf(predToRef)),
    hd95: Math.max(percentileLinear(refToPred, percentile), percentileLinear(predToRef, percentile)),
    assd: pooledMean(refToPred, predToRef),
    nsd: within / (sum(s.refAreas) + sum(s.predAreas)),
    toleranceMm,
  };
}

/** Values when at least one mask is empty (countRef, countPred are voxel counts). */
export function emptyCaseValues(countRef: number, countPred: number, toleranceMm: number): SurfaceValues | null {
  if (countRef > 0 && countPred > 0) return null;
  if (countRef === 0 && countPred === 0) return { hd: null, hd95: null, assd: null, nsd: null, toleranceMm };
  return { hd: Infinity, hd95: Infinity, assd: Infinity, nsd: 0, toleranceMm };
}
