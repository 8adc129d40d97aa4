// The published expected values of google-deepmind/surface-distance, surface_distance_test.py
// (2-D and 3-D, including empty masks), reproduced on the same inputs. That library reports every
// measure on its voxel-corner surfels weighted by area, so its average distance, robust Hausdorff
// and overlap numbers check our corner distances and surfel areas (the NSD machinery); NSD itself
// is compared directly. Their tolerance is assertAlmostEqual(places=3).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { surfaceMetrics } from '../../../src/core/surface';
import type { DirectedDistances } from '../../../src/core/surface/pair';
import type { Vec3 } from '../../../src/core/volume';
import { assertPlaces, directed2d, directed3d, emptyVolume, overlapAt, volumeOf, weightedMean, weightedPercentile } from './helpers';

interface Expected {
  readonly averageDistance: readonly [number, number];
  readonly hausdorff100: number;
  readonly hausdorff95: number;
  readonly overlapAt1mm: readonly [number, number];
  readonly surfaceDiceAt1mm: number;
}

/** DeepMind's _assert_metrics, on our corner distances (gt = ref, pred = pred). */
function assertDeepMindMetrics(d: DirectedDistances, e: Expected, nsd: number | null): void {
  const c = d.corners;
  assertPlaces(weightedMean(c.refToPred, c.refAreas), e.averageDistance[0], 3, 'average distance gt->pred');
  assertPlaces(weightedMean(c.predToRef, c.predAreas), e.averageDistance[1], 3, 'average distance pred->gt');
  for (const [percent, expected] of [[100, e.hausdorff100], [95, e.hausdorff95]] as const) {
    const hd = Math.max(weightedPercentile(c.refToPred, c.refAreas, percent), weightedPercentile(c.predToRef, c.predAreas, percent));
    assertPlaces(hd, expected, 3, `robust Hausdorff ${percent}`);
  }
  assertPlaces(overlapAt(c.refToPred, c.refAreas, 1), e.overlapAt1mm[0], 3, 'overlap gt');
  assertPlaces(overlapAt(c.predToRef, c.predAreas, 1), e.overlapAt1mm[1], 3, 'overlap pred');
  assertPlaces(nsd, e.surfaceDiceAt1mm, 3, 'surface Dice at 1 mm');
}

/** (distance, area) pairs sorted as DeepMind's _sort_distances_surfels sorts them. */
function sortedPairs(distances: ArrayLike<number>, areas: ArrayLike<number>): [number, number][] {
  return Array.from({ length: distances.length }, (_, i): [number, number] => [distances[i], areas[i]]).sort(
    (a, b) => a[0] - b[0] || a[1] - b[1],
  );
}

function assertPairsClose(actual: [number, number][], expected: [number, number][], what: string): void {
  assert.equal(actual.length, expected.length, `${what}: surfel count`);
  actual.forEach(([d, a], n) => {
    assert.ok(Math.abs(d - expected[n][0]) < 1e-12 && Math.abs(a - expected[n][1]) < 1e-12, `${what}[${n}]: ${d}, ${a} vs ${expected[n]}`);
  });
}

/** A one-slice volume holding 2-D rows (row index = axis 0), for the public per-slice API. */
function planeVolume(rows: readonly number[][], spacing: readonly [number, number]) {
  const shape: Vec3 = [rows.length, rows[0].length, 1];
  return volumeOf(shape, [spacing[0], spacing[1], 1], (a0, a1) => rows[a0][a1] === 1);
}

function pixelRows(n: number, pixels: readonly [number, number][]): number[][] {
  const rows = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (const [a0, a1] of pixels) rows[a0][a1] = 1;
  return rows;
}

test('DeepMind 2-D: two pixels 2 mm apart at spacing (2, 1)', () => {
  const gt = pixelRows(128, [[50, 70]]);
  const pred = pixelRows(128, [[50, 72]]);
  const d = directed2d(gt, pred, [2, 1]);
  const diag = 0.5 * Math.hypot(2, 1);
  assertPairsClose(sortedPairs(d.corners.refToPred, d.corners.refAreas), [[1, diag], [1, diag], [2, diag], [2, diag]], 'gt');
  assertPairsClose(sortedPairs(d.corners.predToRef, d.corners.predAreas), [[1, diag], [1, diag], [2, diag], [2, diag]], 'pred');
  const slices = surfaceMetrics(planeVolume(gt, [2, 1]), planeVolume(pred, [2, 1]), [1], { perSlice: { axis: 2 } }).perSlice!;
  assertDeepMindMetrics(
    d,
    { averageDistance: [1.5, 1.5], hausdorff100: 2, hausdorff95: 2, overlapAt1mm: [0.5, 0.5], surfaceDiceAt1mm: 0.5 },
    slices.labels[0].nsd[0],
  );
});

test('DeepMind 2-D: two squares shifted by one pixel at spacing (2, 1)', () => {
  const gt = pixelRows(6, [[1, 1], [1, 2], [2, 1], [2, 2]]);
  const pred = pixelRows(6, [[1, 1], [1, 2], [2, 1], [2, 2], [3, 1], [3, 2]]);
  const [vertical, horizontal] = [2, 1];
  const diag = 0.5 * Math.hypot(horizontal, vertical);
  // Their expected surfels, clockwise from the top-left corner, and distances.
  const gtAreas = [diag, horizontal, diag, vertical, diag, horizontal, diag, vertical];
  const gtDistances = [0, 0, 0, 0, 0, horizontal, 0, 0];
  const predAreas = [diag, horizontal, diag, vertical, vertical, diag, horizontal, diag, vertical, vertical];
  const predDistances = [0, 0, 0, 0, 0, vertical, vertical, vertical, 0, 0];
  const d = directed2d(gt, pred, [vertical, horizontal]);
  assertPairsClose(sortedPairs(d.corners.refToPred, d.corners.refAreas), sortedPairs(gtDistances, gtAreas), 'gt');
  assertPairsClose(sortedPairs(d.corners.predToRef, d.corners.predAreas), sortedPairs(predDistances, predAreas), 'pred');
  const fromArrays = (distances: number[], areas: number[]) => [Float64Array.from(distances), Float64Array.from(areas)] as const;
  const [gd, ga] = fromArrays(gtDistances, gtAreas);
  const [pd, pa] = fromArrays(predDistances, predAreas);
  const slices = surfaceMetrics(planeVolume(gt, [2, 1]), planeVolume(pred, [2, 1]), [1], { perSlice: { axis: 2 } }).perSlice!;
  const within = ga.reduce((s, a, i) => s + (gd[i] <= 1 ? a : 0), 0) + pa.reduce((s, a, i) => s + (pd[i] <= 1 ? a : 0), 0);
  const total = ga.reduce((s, a) => s + a, 0) + pa.reduce((s, a) => s + a, 0);
  assertDeepMindMetrics(
    d,
    {
      averageDistance: [weightedMean(gd, ga), weightedMean(pd, pa)],
      hausdorff100: Math.max(weightedPercentile(gd, ga, 100), weightedPercentile(pd, pa, 100)),
      hausdorff95: Math.max(weightedPercentile(gd, ga, 95), weightedPercentile(pd, pa, 95)),
      overlapAt1mm: [overlapAt(gd, ga, 1), overlapAt(pd, pa, 1)],
      surfaceDiceAt1mm: within / total,
    },
    slices.labels[0].nsd[0],
  );
});

test('DeepMind 2-D: empty prediction, empty reference, both empty (spacing (3, 2))', () => {
  const one = planeVolume(pixelRows(128, [[50, 60]]), [3, 2]);
  const none = planeVolume(pixelRows(128, []), [3, 2]);
  for (const [ref, pred] of [[one, none], [none, one]]) {
    const s = surfaceMetrics(ref, pred, [1], { perSlice: { axis: 2 } }).perSlice!.labels[0];
    // Their hausdorff 100 and 95 are inf, surface Dice 0.
    assert.deepEqual([s.hd[0], s.hd95[0], s.assd[0], s.nsd[0]], [Infinity, Infinity, Infinity, 0]);
  }
  // Their surface Dice is NaN when both are empty; ours is null.
  const both = surfaceMetrics(none, none, [1], { perSlice: { axis: 2 } }).perSlice!.labels[0];
  assert.deepEqual([both.hd[0], both.hd95[0], both.assd[0], both.nsd[0]], [null, null, null, null]);
});

test('DeepMind 3-D: two voxels 2 mm apart at spacing (3, 2, 1)', () => {
  const shape: Vec3 = [128, 128, 128];
  const spacing: Vec3 = [3, 2, 1];
  const gt = volumeOf(shape, spacing, (a, b, c) => a === 50 && b === 60 && c === 70);
  const pred = volumeOf(shape, spacing, (a, b, c) => a === 50 && b === 60 && c === 72);
  assertDeepMindMetrics(
    directed3d(gt, pred),
    { averageDistance: [1.5, 1.5], hausdorff100: 2, hausdorff95: 2, overlapAt1mm: [0.5, 0.5], surfaceDiceAt1mm: 0.5 },
    surfaceMetrics(gt, pred, [1]).labels[0].nsd,
  );
});

test('DeepMind 3-D: two half-cubes touching the array edge, one slab apart, spacing (2, 1, 1)', () => {
  const shape: Vec3 = [100, 100, 100];
  const spacing: Vec3 = [2, 1, 1];
  const gt = volumeOf(shape, spacing, (a) => a < 50);
  const pred = volumeOf(shape, spacing, (a) => a < 51);
  assertDeepMindMetrics(
    directed3d(gt, pred),
    { averageDistance: [0.322, 0.339], hausdorff100: 2, hausdorff95: 2, overlapAt1mm: [0.842, 0.83], surfaceDiceAt1mm: 0.836 },
    surfaceMetrics(gt, pred, [1]).labels[0].nsd,
  );
});

test('DeepMind 3-D: empty prediction, empty reference, both empty (spacing (3, 2, 1))', () => {
  const shape: Vec3 = [128, 128, 128];
  const spacing: Vec3 = [3, 2, 1];
  const gt = volumeOf(shape, spacing, (a, b, c) => a === 50 && b === 60 && c === 70);
  const pred = volumeOf(shape, spacing, (a, b, c) => a === 50 && b === 60 && c === 72);
  const none = emptyVolume(shape, spacing);
  for (const [ref, p] of [[gt, none], [none, pred]]) {
    const v = surfaceMetrics(ref, p, [1]).labels[0];
    assert.deepEqual([v.hd, v.hd95, v.assd, v.nsd], [Infinity, Infinity, Infinity, 0]);
  }
  const both = surfaceMetrics(none, none, [1]);
  assert.deepEqual([both.labels[0].nsd, both.foreground.nsd, both.foreground.hd], [null, null, null]);
});
