// Boundary metrics of one pair of masks, both given as padded 0/1 grids of the same box (box.ts).

import type { Vec3 } from '../volume';
import { areasAt, cornerCodesInPlace, featureIndices, markVoxelBorders } from './borders';
import type { SurfaceValues } from './conventions';
import { distancesAtQueries, type EdtWorkspace } from './edt';
import { maxOf, percentileLinear, pooledMean, surfaceDice } from './stats';

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

/**
 * Directed distances between two non-empty padded masks. Consumes both masks: they are overwritten
 * by border marks and then by corner codes.
 */
export function directedDistances(
  ref: Uint8Array,
  pred: Uint8Array,
  dims: Vec3,
  settings: PairSettings,
  work: EdtWorkspace,
): DirectedDistances {
  const { spacing, planar } = settings;
  const refBorder = markVoxelBorders(ref, dims, planar);
  const predBorder = markVoxelBorders(pred, dims, planar);
  const voxels = {
    refToPred: distancesAtQueries(predBorder, dims, spacing, featureIndices(refBorder), work),
    predToRef: distancesAtQueries(refBorder, dims, spacing, featureIndices(predBorder), work),
  };
  const refCorners = cornerCodesInPlace(ref, dims, planar);
  const predCorners = cornerCodesInPlace(pred, dims, planar);
  const refAt = featureIndices(refCorners);
  const predAt = featureIndices(predCorners);
  const corners = {
    refToPred: distancesAtQueries(predCorners, dims, spacing, refAt, work),
    predToRef: distancesAtQueries(refCorners, dims, spacing, predAt, work),
    refAreas: areasAt(refCorners, refAt, settings.areaByCode),
    predAreas: areasAt(predCorners, predAt, settings.areaByCode),
  };
  return { voxels, corners };
}

/** The reported numbers from directed distances. Sorts the voxel distance arrays. */
export function reduceDistances(d: DirectedDistances, percentile: number, toleranceMm: number): SurfaceValues {
  const { refToPred, predToRef } = d.voxels;
  const c = d.corners;
  return {
    hd: Math.max(maxOf(refToPred), maxOf(predToRef)),
    hd95: Math.max(percentileLinear(refToPred, percentile), percentileLinear(predToRef, percentile)),
    assd: pooledMean(refToPred, predToRef),
    nsd: surfaceDice(c.refToPred, c.refAreas, c.predToRef, c.predAreas, toleranceMm),
    toleranceMm,
  };
}

/** Values when at least one mask is empty (countRef, countPred are voxel counts). */
export function emptyCaseValues(countRef: number, countPred: number, toleranceMm: number): SurfaceValues | null {
  if (countRef > 0 && countPred > 0) return null;
  if (countRef === 0 && countPred === 0) return { hd: null, hd95: null, assd: null, nsd: null, toleranceMm };
  return { hd: Infinity, hd95: Infinity, assd: Infinity, nsd: 0, toleranceMm };
}
