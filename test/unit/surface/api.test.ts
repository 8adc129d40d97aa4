// The public API's own promises: labels and foreground, per-label tolerance, voxel types, per-slice
// series along each axis, cancellation, input checks, conventions and the JSON form.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { surfaceMetrics, surfaceToJson, surfaceNumberToJson, type SurfaceVolume } from '../../../src/core/surface';
import type { Vec3, VoxelArray } from '../../../src/core/volume';
import { monaiSphere, volumeOf } from './helpers';

const SHAPE: Vec3 = [24, 20, 16];
const SPACING: Vec3 = [0.9, 1.4, 2.2];

/** Two labelled boxes per volume; the prediction's are shifted, and it has a stray voxel of label 2. */
function labelled(shift: number, stray: boolean): SurfaceVolume {
  const data = new Uint8Array(SHAPE[0] * SHAPE[1] * SHAPE[2]);
  const put = (i: number, j: number, k: number, v: number) => (data[i + SHAPE[0] * (j + SHAPE[1] * k)] = v);
  for (let k = 3; k < 12; k++) {
    for (let j = 2; j < 9; j++) for (let i = 2 + shift; i < 10 + shift; i++) put(i, j, k, 1);
    for (let j = 11; j < 18; j++) for (let i = 12; i < 20 + shift; i++) put(i, j, k, 2);
  }
  if (stray) put(22, 1, 14, 2);
  return { data, shape: SHAPE, spacing: SPACING };
}

const retype = (v: SurfaceVolume, make: (n: number) => VoxelArray): SurfaceVolume => {
  const data = make(v.data.length);
  v.data.forEach((x, n) => (data[n] = x));
  return { ...v, data };
};

test('labels are measured separately, the foreground as any non-zero value, absent labels are null', () => {
  const ref = labelled(0, false);
  const pred = labelled(1, true);
  const r = surfaceMetrics(ref, pred, [2, 1, 5]);
  assert.deepEqual(r.labels.map((l) => l.label), [2, 1, 5]);
  const one = r.labels[1];
  assert.equal(one.hd, 0.9); // the box moved one voxel along i
  assert.ok(r.labels[0].hd! > 10, 'the stray voxel of label 2 is far from the reference');
  assert.deepEqual(r.labels[2], { label: 5, hd: null, hd95: null, assd: null, nsd: null, toleranceMm: 1 });
  assert.notDeepEqual(r.foreground, one);
  // Only label 2 given: the foreground still holds label 1's voxels.
  assert.deepEqual(surfaceMetrics(ref, pred, [2]).foreground, r.foreground);
});

test('a binary mask gives the same numbers for its label and the foreground', () => {
  const a = monaiSphere(8, [12, 12, 12], [26, 26, 26]);
  const b = monaiSphere(9, [13, 12, 12], [26, 26, 26]);
  const r = surfaceMetrics(a, b, [1]);
  const { label, ...values } = r.labels[0];
  assert.equal(label, 1);
  assert.deepEqual(values, r.foreground);
});

test('tolerance: default 1 mm, overridden per label, and NSD grows with it', () => {
  const ref = labelled(0, false);
  const pred = labelled(2, false);
  const r = surfaceMetrics(ref, pred, [1, 2], { toleranceMm: 0.5, toleranceMmByLabel: new Map([[2, 3]]) });
  assert.deepEqual(r.labels.map((l) => l.toleranceMm), [0.5, 3]);
  assert.equal(r.foreground.toleranceMm, 0.5);
  assert.equal(r.conventions.toleranceMm, 0.5);
  const byDefault = surfaceMetrics(ref, pred, [1, 2]);
  assert.equal(byDefault.labels[0].toleranceMm, 1);
  assert.ok(r.labels[0].nsd! < byDefault.labels[0].nsd!);
  assert.ok(r.labels[1].nsd! > byDefault.labels[1].nsd!);
  assert.equal(surfaceMetrics(ref, pred, [1], { toleranceMm: 10 }).labels[0].nsd, 1);
});

test('any voxel type gives the same numbers, including float and signed labels', () => {
  const ref = labelled(0, false);
  const pred = labelled(1, true);
  const expected = surfaceMetrics(ref, pred, [1, 2]);
  for (const make of [(n: number) => new Float32Array(n), (n: number) => new Int16Array(n), (n: number) => new Uint32Array(n), (n: number) => new Float64Array(n)]) {
    assert.deepEqual(surfaceMetrics(retype(ref, make), retype(pred, make), [1, 2]), expected);
  }
  const negative = (v: SurfaceVolume) => ({ ...v, data: Int16Array.from(v.data, (x) => (x === 2 ? -300 : x)) });
  assert.deepEqual(surfaceMetrics(negative(ref), negative(pred), [1, -300]).labels[1], { ...expected.labels[1], label: -300 });
});

test('per slice along each axis equals the metrics of that slice on its own', () => {
  const ref = labelled(0, false);
  const pred = labelled(1, true);
  for (const axis of [0, 1, 2] as const) {
    const slices = surfaceMetrics(ref, pred, [1, 2], { perSlice: { axis } }).perSlice!;
    assert.equal(slices.axis, axis);
    assert.equal(slices.sliceCount, SHAPE[axis]);
    assert.deepEqual(slices.labels.map((l) => l.label), [1, 2]);
    for (let s = 0; s < SHAPE[axis]; s += 3) {
      // The slice as a one-slice volume: its plane axes in increasing order, then axis 2 of size 1.
      const [u, w] = axis === 0 ? [1, 2] : axis === 1 ? [0, 2] : [0, 1];
      const shape: Vec3 = [SHAPE[u], SHAPE[w], 1];
      const cut = (v: SurfaceVolume) =>
        volumeOf(shape, [SPACING[u], SPACING[w], 1], (a, b) => {
          const at = [0, 0, 0];
          at[axis] = s;
          at[u] = a;
          at[w] = b;
          return v.data[at[0] + SHAPE[0] * (at[1] + SHAPE[1] * at[2])] === 2;
        });
      const alone = surfaceMetrics(cut(ref), cut(pred), [1], { perSlice: { axis: 2 } }).perSlice!.labels[0];
      const label2 = slices.labels[1];
      assert.deepEqual([label2.hd[s], label2.hd95[s], label2.assd[s], label2.nsd[s]], [alone.hd[0], alone.hd95[0], alone.assd[0], alone.nsd[0]], `axis ${axis} slice ${s}`);
    }
  }
});

test('per slice: null where neither mask has the label, Infinity/0 where one has, a stray island stands out', () => {
  const slices = surfaceMetrics(labelled(0, false), labelled(0, true), [1, 2], { perSlice: { axis: 2 } }).perSlice!;
  const label2 = slices.labels[1];
  assert.equal(label2.hd[0], null);
  assert.equal(label2.nsd[0], null);
  assert.equal(label2.hd[5], 0);
  assert.equal(label2.nsd[5], 1);
  assert.equal(label2.hd[14], Infinity); // only the prediction's stray voxel is in slice 14
  assert.equal(label2.nsd[14], 0);
  assert.deepEqual(slices.foreground.hd95.slice(3, 12), new Array(9).fill(0));
});

test('an aborted signal stops the computation with its reason', () => {
  const controller = new AbortController();
  controller.abort();
  assert.throws(() => surfaceMetrics(labelled(0, false), labelled(1, false), [1], { signal: controller.signal }), { name: 'AbortError' });
  let checks = 0;
  const counting = { aborted: false, throwIfAborted: () => void checks++ } as unknown as AbortSignal;
  surfaceMetrics(labelled(0, false), labelled(1, false), [1, 2], { signal: counting, perSlice: { axis: 2 } });
  assert.ok(checks >= 3 + 9, `checked between labels and slices (${checks} checks)`);
});

test('inputs that cannot be compared are refused with a clear message', () => {
  const ref = labelled(0, false);
  const other = { ...ref, shape: [20, 24, 16] as Vec3 };
  assert.throws(() => surfaceMetrics(ref, other, [1]), /one shape, got 24×20×16 and 20×24×16/);
  assert.throws(() => surfaceMetrics(ref, { ...ref, spacing: [1, 1.4, 2.2] }, [1]), /one voxel spacing/);
  assert.throws(() => surfaceMetrics(ref, { ...ref, data: ref.data.subarray(1) }, [1]), /holds 7679 voxels instead of 7680/);
  assert.throws(() => surfaceMetrics({ ...ref, spacing: [0, 1, 1] }, { ...ref, spacing: [0, 1, 1] }, [1]), /positive and finite/);
  assert.throws(() => surfaceMetrics(ref, ref, [1], { toleranceMm: -1 }), /tolerance must be a finite number of mm >= 0, got -1/);
  assert.throws(() => surfaceMetrics(ref, ref, [1], { toleranceMmByLabel: new Map([[1, NaN]]) }), /got NaN/);
  assert.throws(() => surfaceMetrics(ref, ref, [1], { percentile: 101 }), /within 0\.\.100, got 101/);
});

test('the result names its conventions and the peers they follow', () => {
  const c = surfaceMetrics(labelled(0, false), labelled(1, false), [1], { percentile: 90 }).conventions;
  assert.equal(c.percentile, 90);
  assert.match(c.surface, /face-connected/);
  assert.match(c.edge, /border_value=0/);
  assert.match(c.hd95, /90th percentiles, linear interpolation/);
  assert.match(c.assd, /pooled \(MONAI SurfaceDistanceMetric symmetric=True, MedPy 0\.5\.2/);
  assert.match(c.nsd, /DeepMind surface-distance/);
});

test('JSON writes Infinity as "inf" and keeps null for both-empty', () => {
  const r = surfaceMetrics(labelled(0, false), labelled(0, true), [2, 7], { perSlice: { axis: 2 } });
  const back = JSON.parse(surfaceToJson(r)) as {
    labels: { hd: unknown; nsd: unknown }[];
    perSlice: { labels: { hd: unknown[] }[] };
  };
  assert.equal(back.labels[1].hd, null);
  assert.equal(back.perSlice.labels[0].hd[14], 'inf');
  assert.equal(back.perSlice.labels[0].hd[0], null);
  assert.deepEqual([Infinity, -Infinity, NaN, null, 1.5].map(surfaceNumberToJson), ['inf', '-inf', 'nan', null, 1.5]);
});

test('a one-slice volume (a PNG) is measured in 2-D: the same numbers as its slice along k', () => {
  const shape: Vec3 = [30, 25, 1];
  const spacing: Vec3 = [0.7, 1.1, 5];
  const ref = volumeOf(shape, spacing, (i, j) => (i - 12) ** 2 + (j - 11) ** 2 <= 64);
  const pred = volumeOf(shape, spacing, (i, j) => (i - 14) ** 2 + (j - 11) ** 2 <= 49 || (i === 28 && j === 2));
  const r = surfaceMetrics(ref, pred, [1], { perSlice: { axis: 2 } });
  const s = r.perSlice!.labels[0];
  const { label, ...values } = r.labels[0];
  assert.equal(label, 1);
  assert.deepEqual(values, { hd: s.hd[0], hd95: s.hd95[0], assd: s.assd[0], nsd: s.nsd[0], toleranceMm: 1 });
  // The stray pixel at (28, 2) is 2-D distance away from the disc's rim, not from every pixel.
  assert.ok(r.labels[0].hd! > 8 && r.labels[0].assd! < 2, JSON.stringify(values));
});
