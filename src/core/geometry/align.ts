// Do two volumes sample the same physical grid? Either identically, or the same grid stored with
// its axes in another order and/or reversed (e.g. RAS vs LPS storage), or not at all.
import type { Geometry, Vec3 } from '../volume';
import { applyAffine, column, linearPart, translationPart } from './matrix';

export interface GridTolerance {
  /** Largest allowed difference of voxel sizes and of voxel-centre positions, in mm. */
  readonly mm: number;
  /** Largest allowed difference of any direction-cosine component. */
  readonly cosine: number;
}

export const DEFAULT_GRID_TOLERANCE: GridTolerance = { mm: 1e-3, cosine: 1e-4 };

export type Axis = 0 | 1 | 2;

export type GridAlignment =
  /** `unchecked`: a file has no usable geometry, so equal shapes are taken voxel by voxel; says so in one sentence. */
  | { readonly kind: 'identical'; readonly unchecked?: string }
  | {
      readonly kind: 'reoriented';
      /** perm[a] = the prediction axis that runs along reference axis a. */
      readonly perm: readonly [Axis, Axis, Axis];
      /**
       * flip[a]: the index runs the other way. Reference voxel r and prediction voxel p are the same
       * point when, for each reference axis a, r[a] = flip[a] ? shape[a] - 1 - p[perm[a]] : p[perm[a]].
       */
      readonly flip: readonly [boolean, boolean, boolean];
    }
  | { readonly kind: 'mismatch'; readonly reason: string };

type GridFields = Pick<Geometry, 'shape' | 'affine'> & Partial<Pick<Geometry, 'affineSource'>>;

const vec3 = (f: (a: Axis) => number): Vec3 => [f(0), f(1), f(2)];
const fmt = (v: readonly number[]): string => `(${v.map((x) => +x.toFixed(4)).join(', ')})`;
const dims = (s: readonly number[]): string => s.join('×');

function unitColumns(g: GridFields): Vec3[] {
  const m = linearPart(g.affine);
  return [0, 1, 2].map((c) => {
    const v = column(m, c);
    const n = Math.hypot(...v) || 1;
    return [v[0] / n, v[1] / n, v[2] / n] as Vec3;
  });
}

function spacingOfGrid(g: GridFields): Vec3 {
  const m = linearPart(g.affine);
  return [Math.hypot(...column(m, 0)), Math.hypot(...column(m, 1)), Math.hypot(...column(m, 2))];
}

/** For each reference axis, the prediction axis (and sign) whose direction is closest; one-to-one. */
function matchAxes(refDirs: Vec3[], predDirs: Vec3[]): { perm: [Axis, Axis, Axis]; flip: [boolean, boolean, boolean] } {
  const dot = (a: Vec3, b: Vec3): number => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
  const perms: [Axis, Axis, Axis][] = [[0, 1, 2], [0, 2, 1], [1, 0, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0]];
  let best = perms[0]!;
  let bestScore = -Infinity;
  for (const p of perms) {
    const score = p.reduce<number>((s, b, a) => s + Math.abs(dot(refDirs[a]!, predDirs[b]!)), 0);
    if (score > bestScore) [best, bestScore] = [p, score];
  }
  const flip = best.map((b, a) => dot(refDirs[a]!, predDirs[b]!) < 0) as [boolean, boolean, boolean];
  return { perm: best, flip };
}

/**
 * How `pred`'s voxel grid relates to `ref`'s. A mismatch names the first thing that differs, in the
 * order shape, direction, spacing, origin, in one sentence.
 */
export function alignGrids(ref: GridFields, pred: GridFields, tol: GridTolerance = DEFAULT_GRID_TOLERANCE): GridAlignment {
  const voxelOnly = [ref.affineSource === 'voxel' ? 'the reference' : '', pred.affineSource === 'voxel' ? 'the prediction' : ''].filter((w) => w !== '');
  if (voxelOnly.length > 0) {
    const which = voxelOnly.join(' and ');
    if (dims(ref.shape) !== dims(pred.shape)) {
      return { kind: 'mismatch', reason: `The shapes differ (reference ${dims(ref.shape)}, prediction ${dims(pred.shape)}) and ${which} ${voxelOnly.length === 1 ? 'has' : 'have'} no usable geometry to match them in space.` };
    }
    return { kind: 'identical', unchecked: `The world-space check was skipped: ${which} ${voxelOnly.length === 1 ? 'has' : 'have'} no usable geometry, so the files were compared voxel by voxel (equal shapes).` };
  }
  const sorted = (s: Vec3): string => [...s].sort((a, b) => a - b).join(',');
  if (sorted(ref.shape) !== sorted(pred.shape)) {
    return { kind: 'mismatch', reason: `The shapes differ: reference ${dims(ref.shape)}, prediction ${dims(pred.shape)}.` };
  }
  const refDirs = unitColumns(ref);
  const predDirs = unitColumns(pred);
  const { perm, flip } = matchAxes(refDirs, predDirs);
  const dirError = Math.max(...[0, 1, 2].flatMap((a) => {
    const p = predDirs[perm[a]!]!;
    const s = flip[a] ? -1 : 1;
    return refDirs[a]!.map((v, w) => Math.abs(v - s * p[w]!));
  }));
  if (dirError > tol.cosine) {
    return { kind: 'mismatch', reason: `The axis directions differ (direction cosines differ by up to ${+dirError.toPrecision(3)}; orientation matrices are not the same up to axis order and flips).` };
  }
  const permutedShape = vec3((a) => pred.shape[perm[a]]);
  if (dims(permutedShape) !== dims(ref.shape)) {
    return { kind: 'mismatch', reason: `The shapes differ along matching axes: reference ${dims(ref.shape)}, prediction ${dims(pred.shape)} reordered to ${dims(permutedShape)}.` };
  }
  const refSpacing = spacingOfGrid(ref);
  const predSpacing = spacingOfGrid(pred);
  const permutedSpacing = perm.map((b) => predSpacing[b]!);
  if (refSpacing.some((s, a) => Math.abs(s - permutedSpacing[a]!) > tol.mm)) {
    return { kind: 'mismatch', reason: `The voxel spacing differs: reference ${fmt(refSpacing)} mm, prediction ${fmt(permutedSpacing)} mm along matching axes.` };
  }
  // Prediction voxel 0 must sit where the reference voxel it maps to sits.
  const refVoxel = vec3((a) => (flip[a] ? ref.shape[a] - 1 : 0));
  const expected = applyAffine(ref.affine, refVoxel);
  const actual = translationPart(pred.affine);
  if (expected.some((v, w) => Math.abs(v - actual[w]!) > tol.mm)) {
    return { kind: 'mismatch', reason: `The origin differs: the prediction's first voxel is at ${fmt(actual)} mm, the reference has that voxel at ${fmt(expected)} mm.` };
  }
  const isIdentity = perm.every((b, a) => b === a) && flip.every((f) => !f);
  return isIdentity ? { kind: 'identical' } : { kind: 'reoriented', perm, flip };
}
