// Builders for the peers' test inputs and DeepMind's area-weighted reductions, so tests can compare
// our directed distances and surfel areas with the numbers those libraries publish.

import type { Vec3 } from '../../../src/core/volume';
import type { SurfaceVolume } from '../../../src/core/surface';
import { extractPaddedMask, findExtents, unionExtent } from '../../../src/core/surface/box';
import { EdtWorkspace } from '../../../src/core/surface/edt';
import { directedDistances, type DirectedDistances } from '../../../src/core/surface/pair';
import { contourLengthByCode, surfaceAreaByCode } from '../../../src/core/surface/surfelTable';

/** A uint8 volume (i fastest) with 1 where inside(a0, a1, a2) holds; a0 is numpy axis 0 = our i. */
export function volumeOf(shape: Vec3, spacing: Vec3, inside: (a0: number, a1: number, a2: number) => boolean): SurfaceVolume {
  const data = new Uint8Array(shape[0] * shape[1] * shape[2]);
  for (let a2 = 0; a2 < shape[2]; a2++) {
    for (let a1 = 0; a1 < shape[1]; a1++) {
      for (let a0 = 0; a0 < shape[0]; a0++) {
        if (inside(a0, a1, a2)) data[a0 + shape[0] * (a1 + shape[1] * a2)] = 1;
      }
    }
  }
  return { data, shape, spacing };
}

/**
 * MONAI's create_spherical_seg_3d (tests/metrics/test_hausdorff_distance.py): 1 where
 * (a1·s1 − c1)² + (a0·s0 − c0)² + (a2·s2 − c2)² <= r², summed in numpy's order so voxels exactly on
 * the sphere round the same way. The spacing only shapes the sphere; metrics get it separately.
 */
export function monaiSphere(
  radius = 20,
  centre: Vec3 = [49, 49, 49],
  shape: Vec3 = [99, 99, 99],
  imSpacing: Vec3 = [1, 1, 1],
  metricSpacing: Vec3 = [1, 1, 1],
): SurfaceVolume {
  return volumeOf(shape, metricSpacing, (a0, a1, a2) => {
    const y = a0 * imSpacing[0] - centre[0];
    const x = a1 * imSpacing[1] - centre[1];
    const z = a2 * imSpacing[2] - centre[2];
    return x * x + y * y + z * z <= radius * radius;
  });
}

export function emptyVolume(shape: Vec3, spacing: Vec3 = [1, 1, 1]): SurfaceVolume {
  return { data: new Uint8Array(shape[0] * shape[1] * shape[2]), shape, spacing };
}

/** |actual − expected| <= rtol·|expected| (numpy assert_allclose with atol 0), Infinity equal to itself. */
export function assertClose(actual: number | null, expected: number, rtol: number, what: string): void {
  if (actual === expected) return;
  if (actual === null || !(Math.abs(actual - expected) <= rtol * Math.abs(expected))) {
    throw new Error(`${what}: expected ${expected} (rtol ${rtol}), got ${actual}`);
  }
}

/** assertAlmostEqual(places): round(|a − e|, places) == 0. */
export function assertPlaces(actual: number | null, expected: number, places: number, what: string): void {
  if (actual === expected) return;
  if (actual === null || Math.round(Math.abs(actual - expected) * 10 ** places) !== 0) {
    throw new Error(`${what}: expected ${expected} to ${places} places, got ${actual}`);
  }
}

/** DeepMind compute_average_surface_distance, one direction: area-weighted mean distance. */
export function weightedMean(distances: Float64Array, areas: Float64Array): number {
  let sum = 0;
  let total = 0;
  for (let i = 0; i < distances.length; i++) {
    sum += distances[i] * areas[i];
    total += areas[i];
  }
  return sum / total;
}

/**
 * DeepMind compute_robust_hausdorff, one direction: sort by distance, then the first distance whose
 * cumulative area fraction reaches percent/100 (np.searchsorted, side left).
 */
export function weightedPercentile(distances: Float64Array, areas: Float64Array, percent: number): number {
  if (distances.length === 0) return Infinity;
  const order = [...distances.keys()].sort((a, b) => distances[a] - distances[b] || areas[a] - areas[b]);
  const total = order.reduce((s, i) => s + areas[i], 0);
  let cumulative = 0;
  for (const i of order) {
    cumulative += areas[i];
    if (cumulative / total >= percent / 100) return distances[i];
  }
  return distances[order[order.length - 1]];
}

/** DeepMind compute_surface_overlap_at_tolerance, one direction. */
export function overlapAt(distances: Float64Array, areas: Float64Array, toleranceMm: number): number {
  let within = 0;
  let total = 0;
  for (let i = 0; i < distances.length; i++) {
    total += areas[i];
    if (distances[i] <= toleranceMm) within += areas[i];
  }
  return within / total;
}

/** Our directed distances for a 3-D pair (both non-empty), through the same steps surfaceMetrics takes. */
export function directed3d(ref: SurfaceVolume, pred: SurfaceVolume): DirectedDistances {
  const r = findExtents(ref.data, ref.shape, []).foreground;
  const p = findExtents(pred.data, pred.shape, []).foreground;
  const box = unionExtent(r, p)!;
  const select = { kind: 'foreground' } as const;
  const a = extractPaddedMask(ref.data, ref.shape, box, select);
  const b = extractPaddedMask(pred.data, pred.shape, box, select);
  const settings = { spacing: ref.spacing, planar: false, areaByCode: surfaceAreaByCode(ref.spacing) };
  return directedDistances(a.mask, b.mask, a.dims, settings, new EdtWorkspace());
}

/** The same for 2-D masks given as rows of 0/1 (row index = axis 0), padded here by one pixel. */
export function directed2d(ref: readonly number[][], pred: readonly number[][], spacing: readonly [number, number]): DirectedDistances {
  const n0 = ref.length;
  const n1 = ref[0].length;
  const dims: Vec3 = [n0 + 2, n1 + 2, 1];
  const pad = (rows: readonly number[][]): Uint8Array => {
    const m = new Uint8Array(dims[0] * dims[1]);
    rows.forEach((row, a0) => row.forEach((v, a1) => (m[a0 + 1 + (a1 + 1) * dims[0]] = v ? 1 : 0)));
    return m;
  };
  const settings = { spacing: [spacing[0], spacing[1], 1] as const, planar: true, areaByCode: contourLengthByCode(spacing) };
  return directedDistances(pad(ref), pad(pred), dims, settings, new EdtWorkspace());
}
