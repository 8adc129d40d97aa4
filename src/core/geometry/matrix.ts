// Small dense-matrix helpers for 3×3 and 4×4 affines, kept here so the geometry modules stay pure
// and browser-safe (the webview imports geometry). Matrices are row-major number arrays.
import type { Affine, Vec3 } from '../volume';

export type Mat3 = [number, number, number, number, number, number, number, number, number];

/** affine[row][col] of a row-major 4×4. */
export function affineAt(affine: Affine, row: number, col: number): number {
  return affine[row * 4 + col]!;
}

/** The upper-left 3×3 (rotation · zooms · shears) of an affine. */
export function linearPart(affine: Affine): Mat3 {
  const m: number[] = [];
  for (let r = 0; r < 3; r++) for (let c = 0; c < 3; c++) m.push(affineAt(affine, r, c));
  return m as Mat3;
}

export function translationPart(affine: Affine): Vec3 {
  return [affineAt(affine, 0, 3), affineAt(affine, 1, 3), affineAt(affine, 2, 3)];
}

export function affineFrom(linear: Mat3, translation: Vec3): Affine {
  const [a, b, c, d, e, f, g, h, i] = linear;
  return [a, b, c, translation[0], d, e, f, translation[1], g, h, i, translation[2], 0, 0, 0, 1];
}

export function column(m: Mat3, c: number): Vec3 {
  return [m[c]!, m[3 + c]!, m[6 + c]!];
}

export function norm(v: Vec3): number {
  return Math.hypot(v[0], v[1], v[2]);
}

export function det3(m: Mat3): number {
  const [a, b, c, d, e, f, g, h, i] = m;
  return a * (e * i - f * h) - b * (d * i - f * g) + c * (d * h - e * g);
}

/** Inverse of a 3×3, or undefined when it is singular. */
export function invert3(m: Mat3): Mat3 | undefined {
  const [a, b, c, d, e, f, g, h, i] = m;
  const det = det3(m);
  if (!Number.isFinite(det) || Math.abs(det) < 1e-300) return undefined;
  const s = 1 / det;
  return [
    (e * i - f * h) * s, (c * h - b * i) * s, (b * f - c * e) * s,
    (f * g - d * i) * s, (a * i - c * g) * s, (c * d - a * f) * s,
    (d * h - e * g) * s, (b * g - a * h) * s, (a * e - b * d) * s,
  ];
}

export function transpose3(m: Mat3): Mat3 {
  return [m[0], m[3], m[6], m[1], m[4], m[7], m[2], m[5], m[8]];
}

export function apply3(m: Mat3, v: Vec3): Vec3 {
  return [
    m[0] * v[0] + m[1] * v[1] + m[2] * v[2],
    m[3] * v[0] + m[4] * v[1] + m[5] * v[2],
    m[6] * v[0] + m[7] * v[1] + m[8] * v[2],
  ];
}

/** World position (mm) of a (possibly fractional) voxel coordinate. */
export function applyAffine(affine: Affine, voxel: Vec3): Vec3 {
  const w = apply3(linearPart(affine), voxel);
  const t = translationPart(affine);
  return [w[0] + t[0], w[1] + t[1], w[2] + t[2]];
}
