// How much is wrong in one slice, so problems are ranked by what a reviewer would fix first rather
// than by Dice alone. A slice where one voxel differs has Dice 0 but nothing worth a look; a slice
// where half a kidney is missing has Dice 0.67 and hundreds of mm² missing. Severity multiplies the
// error area (FP + FN, in mm² of the slice plane, so anisotropic voxels count by their true size)
// by 1 − Dice (how much of the structure in that slice is wrong): a large area that is mostly
// right (a big organ's boundary off by a voxel) and a tiny area that is all wrong (a stray voxel)
// both rank below a large area that is largely wrong. A noise floor (minErrorMm2) keeps slices
// whose error is smaller than annotators' own disagreement out of the problems altogether.
import { column, linearPart, norm } from '../geometry/matrix';
import type { Affine, Vec3 } from '../volume';
import type { FlaggedSlice, SliceMetrics } from './types';

/**
 * The area in mm² of one voxel face in the slice plane across array axis `axis`: the norm of the
 * cross product of the other two affine columns (exact for oblique and sheared grids too).
 */
export function sliceVoxelAreaMm2(affine: Affine, axis: 0 | 1 | 2): number {
  const m = linearPart(affine);
  const [b, c] = axis === 0 ? [1, 2] : axis === 1 ? [0, 2] : [0, 1];
  const u = column(m, b);
  const v = column(m, c);
  const cross: Vec3 = [u[1] * v[2] - u[2] * v[1], u[2] * v[0] - u[0] * v[2], u[0] * v[1] - u[1] * v[0]];
  return norm(cross);
}

/** FP + FN of a slice in mm². */
export function errorMm2(slice: Pick<SliceMetrics, 'fp' | 'fn'>, voxelAreaMm2: number): number {
  return (slice.fp + slice.fn) * voxelAreaMm2;
}

/** errorMm2 × (1 − Dice): 0 for a perfect slice, the whole error area when nothing overlaps. */
export function severity(error: number, dice: number): number {
  return error * (1 - dice);
}

export interface ProblemRule {
  /** Dice below this... */
  readonly threshold: number;
  /** ...and an error area of at least this many mm² make a slice a problem. */
  readonly minErrorMm2: number;
  readonly voxelAreaMm2: number;
}

/** The slice as a problem (Dice < threshold and error ≥ the floor), or undefined. */
export function problemOf(label: number | null, slice: SliceMetrics, rule: ProblemRule): FlaggedSlice | undefined {
  if (slice.dice === null || !(slice.dice < rule.threshold)) return undefined;
  const error = errorMm2(slice, rule.voxelAreaMm2);
  if (error < rule.minErrorMm2) return undefined;
  return { label, index: slice.index, dice: slice.dice, errorMm2: error, severity: severity(error, slice.dice) };
}

/**
 * Problems' order everywhere (CLI `flagged`, Problems panel, report, tree, F8): severity
 * descending; ties by Dice ascending, then the foreground before labels, labels ascending, then
 * slice index ascending, so the order is total and the same in every run.
 */
export function compareProblems(a: FlaggedSlice, b: FlaggedSlice): number {
  const labelOrder = (l: number | null): number => (l === null ? -Infinity : l);
  return b.severity - a.severity || a.dice - b.dice || labelOrder(a.label) - labelOrder(b.label) || a.index - b.index;
}
