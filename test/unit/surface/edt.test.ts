// The distance transform and the tolerance test against the definition itself: the nearest
// feature by trying every feature (fine for a few hundred cells), on random grids with anisotropic
// spacing, in 3-D and 2-D.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EdtWorkspace, distancesAtQueries } from '../../../src/core/surface/edt';
import { areaWithinTolerance } from '../../../src/core/surface/tolerance';
import type { Vec3 } from '../../../src/core/volume';

/** A small deterministic generator (mulberry32), so failures reproduce. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick(n: number, share: number, rnd: () => number): Uint32Array {
  const out: number[] = [];
  for (let c = 0; c < n; c++) if (rnd() < share) out.push(c);
  return Uint32Array.from(out);
}

function bruteForce(features: Uint32Array, queries: Uint32Array, dims: Vec3, spacing: Vec3): number[] {
  const [nx, ny] = dims;
  const xyz = (c: number) => [c % nx, Math.floor(c / nx) % ny, Math.floor(c / (nx * ny))];
  return Array.from(queries, (q) => {
    const a = xyz(q);
    let best = Infinity;
    for (const f of features) {
      const b = xyz(f);
      const d = Math.hypot((a[0] - b[0]) * spacing[0], (a[1] - b[1]) * spacing[1], (a[2] - b[2]) * spacing[2]);
      if (d < best) best = d;
    }
    return best;
  });
}

const GRIDS: { dims: Vec3; spacing: Vec3; share: number }[] = [
  { dims: [9, 7, 6], spacing: [0.8, 1.3, 2.5], share: 0.05 },
  { dims: [13, 5, 11], spacing: [2.0, 0.5, 1.1], share: 0.01 },
  { dims: [6, 6, 6], spacing: [1, 1, 1], share: 0.3 },
  { dims: [17, 12, 1], spacing: [0.7, 1.9, 1], share: 0.04 },
  { dims: [1, 9, 14], spacing: [1, 0.9, 0.6], share: 0.08 },
  { dims: [20, 3, 3], spacing: [0.3, 3.1, 0.4], share: 0.02 },
];

test('distances at queries equal the nearest feature found by trying every feature', () => {
  const work = new EdtWorkspace();
  GRIDS.forEach(({ dims, spacing, share }, n) => {
    for (let seed = 0; seed < 20; seed++) {
      const rnd = random(1000 * n + seed);
      const size = dims[0] * dims[1] * dims[2];
      const features = pick(size, share, rnd);
      const queries = pick(size, 0.3, rnd);
      const actual = distancesAtQueries(features, dims, spacing, queries, work);
      const expected = bruteForce(features, queries, dims, spacing);
      expected.forEach((e, q) => {
        assert.ok(e === actual[q] || Math.abs(e - actual[q]) <= 1e-12 * e, `grid ${n} seed ${seed} query ${queries[q]}: ${actual[q]} vs ${e}`);
      });
    }
  });
});

test('distances are Infinity without features and 0 on a feature', () => {
  const work = new EdtWorkspace();
  const dims: Vec3 = [4, 4, 4];
  const queries = Uint32Array.from([0, 5, 63]);
  assert.deepEqual(Array.from(distancesAtQueries(new Uint32Array(0), dims, [1, 2, 3], queries, work)), [Infinity, Infinity, Infinity]);
  assert.deepEqual(Array.from(distancesAtQueries(Uint32Array.from([5]), dims, [1, 2, 3], queries, work)), [Math.hypot(1, 2), 0, Math.hypot(2, 4, 9)]);
});

test('a distance of whole steps is exact, as scipy gives it (0.8 mm, not 0.8000000000000114)', () => {
  const dims: Vec3 = [40, 40, 3];
  const features = Uint32Array.from([1 + 40 * 37]);
  const queries = Uint32Array.from([1 + 40 * 36, 2 + 40 * 37, 1 + 40 * 37 + 1600]);
  const d = distancesAtQueries(features, dims, [0.8, 0.8, 2.4], queries, new EdtWorkspace());
  assert.deepEqual(Array.from(d), [0.8, 0.8, 2.4]);
});

test('area within tolerance equals the sum over surfels whose nearest feature is within τ', () => {
  const work = new EdtWorkspace();
  const isFeature = new Uint8Array(256);
  isFeature[1] = 1;
  GRIDS.forEach(({ dims, spacing, share }, n) => {
    const rnd = random(77 + n);
    const size = dims[0] * dims[1] * dims[2];
    const features = pick(size, share, rnd);
    const cells = new Uint8Array(size);
    for (const f of features) cells[f] = 1;
    const queries = pick(size, 0.4, rnd);
    const areas = Float64Array.from(queries, () => rnd());
    const distances = bruteForce(features, queries, dims, spacing);
    // From below one step (one offset to try) to past the grid (a transform is cheaper).
    for (const tolerance of [0, 0.25, 0.8, 1, 1.3, 2.5, 4, 100]) {
      const expected = distances.reduce((s, d, q) => s + (d <= tolerance ? areas[q] : 0), 0);
      const actual = areaWithinTolerance({ grid: { cells, isFeature }, at: features }, dims, spacing, queries, areas, tolerance, work);
      assert.ok(Math.abs(actual - expected) <= 1e-9 * Math.max(1, expected), `grid ${n} τ ${tolerance}: ${actual} vs ${expected}`);
    }
  });
});
