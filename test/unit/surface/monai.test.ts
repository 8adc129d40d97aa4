// MONAI's published expected values, reproduced on the same inputs (spheres from their
// create_spherical_seg_3d helper, re-implemented in helpers.ts):
// - Project-MONAI/MONAI tests/metrics/test_hausdorff_distance.py, TEST_CASES, distance_metric
//   "euclidean" (the other metrics are chamfer transforms we do not offer), directed True and False,
//   rtol 1e-6. MONAI calls metric(y_pred=seg_1, y=seg_2); "directed" is from seg_1 to seg_2, so
//   seg_1 is our prediction.
// - tests/metrics/test_surface_distance.py, euclidean cases, symmetric True (our ASSD) and False
//   (mean of prediction -> reference distances), rtol 1e-5.
// - tests/metrics/test_surface_dice.py test_compute_surface_dice_subvoxel (use_subvoxels=True).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { surfaceMetrics, type SurfaceVolume } from '../../../src/core/surface';
import { maxOf, percentileLinear } from '../../../src/core/surface/stats';
import type { Vec3 } from '../../../src/core/volume';
import { assertClose, directed3d, emptyVolume, monaiSphere, volumeOf } from './helpers';

const TEST_SPACING: Vec3 = [0.85, 1.2, 0.9];

interface HdCase {
  readonly name: string;
  readonly seg1: () => SurfaceVolume;
  readonly seg2: () => SurfaceVolume;
  readonly percentile?: number;
  /** [directed seg1 -> seg2, undirected] */
  readonly expected: readonly [number, number];
}

const sphere = (r: number, c: Vec3, spaced = false): (() => SurfaceVolume) =>
  () => (spaced ? monaiSphere(r, c, [99, 99, 99], TEST_SPACING, TEST_SPACING) : monaiSphere(r, c));

const HD_CASES: HdCase[] = [
  { name: 'identical spheres', seg1: () => monaiSphere(), seg2: () => monaiSphere(), expected: [0, 0] },
  { name: 'r20 shifted by (1,1,1)', seg1: sphere(20, [20, 20, 20]), seg2: sphere(20, [19, 19, 19]), expected: [1.7320508075688772, 1.7320508075688772] },
  { name: 'r33 touching the array edge, shifted by 1', seg1: sphere(33, [19, 33, 22]), seg2: sphere(33, [20, 33, 22]), expected: [1, 1] },
  { name: 'r20 inside r40', seg1: sphere(20, [20, 33, 22]), seg2: sphere(40, [20, 33, 22]), expected: [20.09975124224178, 20.223748416156685] },
  { name: 'r20 inside r40, 95th percentile', seg1: sphere(20, [20, 33, 22]), seg2: sphere(40, [20, 33, 22]), percentile: 95, expected: [19.924858845171276, 20.09975124224178] },
  { name: 'r20 shifted, anisotropic spacing', seg1: sphere(20, [20, 20, 20], true), seg2: sphere(20, [19, 19, 19], true), expected: [2.0808651447296143, 2.2671568] },
  { name: 'r15 inside r30, anisotropic spacing', seg1: sphere(15, [20, 33, 22], true), seg2: sphere(30, [20, 33, 22], true), expected: [15.439640998840332, 15.62594] },
];

for (const c of HD_CASES) {
  test(`MONAI Hausdorff: ${c.name}`, () => {
    const pred = c.seg1();
    const ref = c.seg2();
    const d = directed3d(ref, pred);
    const directed = c.percentile === undefined ? maxOf(d.voxels.predToRef) : percentileLinear(d.voxels.predToRef, c.percentile);
    assertClose(directed, c.expected[0], 1e-6, 'directed');
    const report = surfaceMetrics(ref, pred, [1], { percentile: c.percentile ?? 95 });
    const undirected = c.percentile === undefined ? report.labels[0].hd : report.labels[0].hd95;
    assertClose(undirected, c.expected[1], 1e-6, 'undirected');
    const { label, ...labelValues } = report.labels[0];
    assert.equal(label, 1);
    assert.deepEqual(report.foreground, labelValues);
  });
}

test('MONAI Hausdorff: one mask empty gives Infinity both ways round, both empty gives null', () => {
  const big = monaiSphere(40, [20, 33, 22]);
  const none = emptyVolume([99, 99, 99]);
  for (const [ref, pred] of [[big, none], [none, big], [none, monaiSphere()]] as const) {
    const v = surfaceMetrics(ref, pred, [1]).labels[0];
    assert.equal(v.hd, Infinity);
    assert.equal(v.hd95, Infinity);
    assert.equal(v.assd, Infinity);
    assert.equal(v.nsd, 0);
  }
  const both = surfaceMetrics(emptyVolume([99, 99, 99], TEST_SPACING), emptyVolume([99, 99, 99], TEST_SPACING), [1]);
  assert.deepEqual(both.labels[0], { label: 1, hd: null, hd95: null, assd: null, nsd: null, toleranceMm: 1 });
});

interface AsdCase {
  readonly name: string;
  readonly seg1: () => SurfaceVolume;
  readonly seg2: () => SurfaceVolume;
  /** [symmetric (pooled), seg1 -> seg2 mean] */
  readonly expected: readonly [number, number];
}

const ASD_CASES: AsdCase[] = [
  { name: 'identical spheres', seg1: () => monaiSphere(), seg2: () => monaiSphere(), expected: [0, 0] },
  { name: 'r33 touching the array edge, shifted by 1', seg1: sphere(33, [19, 33, 22]), seg2: sphere(33, [20, 33, 22]), expected: [0.350217, 0.3483278807706289] },
  { name: 'r20 inside r40', seg1: sphere(20, [20, 33, 22]), seg2: sphere(40, [20, 33, 22]), expected: [15.117741, 12.040033513150455] },
  { name: 'r33 shifted, anisotropic spacing', seg1: sphere(33, [42, 45, 52], true), seg2: sphere(33, [43, 45, 52], true), expected: [0.4951, 0.4951] },
];

for (const c of ASD_CASES) {
  test(`MONAI surface distance: ${c.name}`, () => {
    const pred = c.seg1();
    const ref = c.seg2();
    const report = surfaceMetrics(ref, pred, [1]);
    assertClose(report.labels[0].assd, c.expected[0], 1e-5, 'symmetric');
    const d = directed3d(ref, pred).voxels.predToRef;
    const mean = d.reduce((s, x) => s + x, 0) / d.length;
    assertClose(mean, c.expected[1], 1e-5, 'directed mean');
  });
}

test('MONAI surface Dice with subvoxels: single voxels 2 mm apart at spacing (3, 2, 1)', () => {
  const shape: Vec3 = [128, 128, 128];
  const spacing: Vec3 = [3, 2, 1];
  const at = (a: number, b: number, c: number) => volumeOf(shape, spacing, (x, y, z) => x === a && y === b && z === c);
  const gt = at(50, 60, 70);
  const pred = at(50, 60, 72);
  const none = emptyVolume(shape, spacing);
  assert.equal(surfaceMetrics(gt, none, [1]).labels[0].nsd, 0);
  assert.equal(surfaceMetrics(none, pred, [1]).labels[0].nsd, 0);
  assertClose(surfaceMetrics(gt, pred, [1]).labels[0].nsd, 0.5, 1e-7, 'nsd');
});

test('MONAI surface Dice with subvoxels: half-cubes touching the array edge, one slab apart', () => {
  const shape: Vec3 = [100, 100, 100];
  const spacing: Vec3 = [2, 1, 1];
  const gt = volumeOf(shape, spacing, (x) => x < 50);
  const pred = volumeOf(shape, spacing, (x) => x < 51);
  const nsd = surfaceMetrics(gt, pred, [1]).labels[0].nsd;
  // assert_allclose(res, 0.836145, atol=1e-3, rtol=1e-3)
  assert.ok(nsd !== null && Math.abs(nsd - 0.836145) <= 1e-3 + 1e-3 * 0.836145, `nsd ${nsd}`);
});
