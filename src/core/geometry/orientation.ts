// Which anatomical direction each array axis runs along, following nibabel's io_orientation /
// aff2axcodes: take the nearest rotation to the affine's normalised linear part, then assign each
// array axis (in order) the world axis it moves along most, never reusing a world axis.
import type { Affine, Geometry, Vec3 } from '../volume';
import { column, invert3, linearPart, norm, transpose3, type Mat3 } from './matrix';

export type ArrayAxisIndex = 0 | 1 | 2;

/** The anatomical planes; same strings as display.ts's Plane. */
export type AnatomicalPlane = 'axial' | 'coronal' | 'sagittal';

/** For one array axis: the world axis (0 = R, 1 = A, 2 = S) and whether the index grows toward it. */
export interface AxisOrientation {
  readonly worldAxis: 0 | 1 | 2;
  readonly positive: boolean;
}

const POSITIVE = ['R', 'A', 'S'] as const;
const NEGATIVE = ['L', 'P', 'I'] as const;

/** Voxel sizes: the lengths of the affine's first three columns. */
export function spacingOf(affine: Affine): Vec3 {
  const m = linearPart(affine);
  return [norm(column(m, 0)), norm(column(m, 1)), norm(column(m, 2))];
}

/** Nearest orthogonal matrix (polar decomposition by Newton iteration), or undefined if singular. */
function nearestRotation(m: Mat3): Mat3 | undefined {
  let x = m;
  for (let iter = 0; iter < 60; iter++) {
    const inv = invert3(x);
    if (!inv) return undefined;
    const invT = transpose3(inv);
    const next = x.map((v, idx) => 0.5 * (v + invT[idx]!)) as Mat3;
    const change = Math.max(...next.map((v, idx) => Math.abs(v - x[idx]!)));
    x = next;
    if (change < 1e-15) break;
  }
  return x;
}

/** Per array axis, the world axis it follows; a degenerate (zero) column gets a leftover world axis. */
export function axisOrientations(affine: Affine): readonly [AxisOrientation, AxisOrientation, AxisOrientation] {
  const lin = linearPart(affine);
  const zooms = spacingOf(affine);
  const normalised = lin.map((v, idx) => (zooms[idx % 3]! > 0 ? v / zooms[idx % 3]! : 0)) as Mat3;
  const r = nearestRotation(normalised) ?? normalised;
  const rows = [0, 1, 2].map((row) => [r[row * 3]!, r[row * 3 + 1]!, r[row * 3 + 2]!]);
  const result: (AxisOrientation | undefined)[] = [undefined, undefined, undefined];
  for (let inAx = 0; inAx < 3; inAx++) {
    const col = rows.map((row) => row[inAx]!);
    if (col.every((v) => Math.abs(v) < 1e-8)) continue;
    let outAx = 0;
    for (let w = 1; w < 3; w++) if (Math.abs(col[w]!) > Math.abs(col[outAx]!)) outAx = w;
    result[inAx] = { worldAxis: outAx as 0 | 1 | 2, positive: col[outAx]! >= 0 };
    rows[outAx] = [0, 0, 0];
  }
  const used = new Set(result.filter((o) => o !== undefined).map((o) => o.worldAxis));
  const spare = ([0, 1, 2] as const).filter((w) => !used.has(w));
  const filled = result.map((o) => o ?? { worldAxis: spare.shift() ?? 0, positive: true });
  return [filled[0]!, filled[1]!, filled[2]!];
}

/** Axis codes like nibabel's aff2axcodes: "RAS", "LPS", "LAS", … one letter per array axis. */
export function axisCodes(affine: Affine): string {
  return axisOrientations(affine)
    .map((o) => (o.positive ? POSITIVE : NEGATIVE)[o.worldAxis])
    .join('');
}

const PLANE_NORMAL: Record<AnatomicalPlane, 0 | 1 | 2> = { sagittal: 0, coronal: 1, axial: 2 };

/**
 * The array axis a plane slices along: axial = the axis running most toward S, coronal toward A,
 * sagittal toward R. Read from the orientation, so it holds for RAS, LPS and oblique files alike.
 */
export function planeAxis(geometry: Pick<Geometry, 'affine'>, plane: AnatomicalPlane): ArrayAxisIndex {
  const target = PLANE_NORMAL[plane];
  const axis = axisOrientations(geometry.affine).findIndex((o) => o.worldAxis === target);
  return axis as ArrayAxisIndex;
}

/** A Geometry record from a shape and an affine: spacing and orientation derived from the affine. */
export function makeGeometry(shape: Vec3, affine: Affine, affineSource: Geometry['affineSource'], geometryWarning?: string): Geometry {
  const geometry = { shape, spacing: spacingOf(affine), affine, affineSource, orientation: axisCodes(affine) };
  return geometryWarning === undefined ? geometry : { ...geometry, geometryWarning };
}
