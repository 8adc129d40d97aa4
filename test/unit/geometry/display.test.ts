// Display geometry: orientation codes and world positions are checked against nibabel (fixture made
// by test/fixtures/geometry/make-display-affines.py); screen placement against hand-derived
// positions of known voxels and against the anatomical direction each screen step must move in.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fixtures from '../../fixtures/geometry/display-affines.json';
import {
  PLANES,
  planeMapping,
  screenToVoxel,
  sliceStrides,
  voxelToScreen,
  voxelToWorld,
  type DisplayConvention,
  type GridGeometry,
  type Plane,
} from '../../../src/core/geometry/display';
import type { Affine, Vec3 } from '../../../src/core/volume';

interface FixtureCase {
  affine: number[];
  codes: string;
  voxels: number[][];
  world: number[][];
}
const cases = fixtures as Record<string, FixtureCase>;

function asAffine(values: number[]): Affine {
  assert.equal(values.length, 16);
  return values as unknown as Affine;
}

function columnNorms(affine: Affine): Vec3 {
  const n = (c: number): number => Math.hypot(affine[c]!, affine[4 + c]!, affine[8 + c]!);
  return [n(0), n(1), n(2)];
}

function grid(name: string, shape: Vec3): GridGeometry {
  const affine = asAffine(cases[name]!.affine);
  return { shape, spacing: columnNorms(affine), affine };
}

test('the plane mapping follows nibabel\'s axis codes (RAS, LPS, permuted, oblique)', () => {
  // The array axis each plane slices along must be the one whose nibabel code is S/I, A/P or R/L.
  const sliceLetters: Record<Plane, string> = { axial: 'SI', coronal: 'AP', sagittal: 'RL' };
  for (const [name, c] of Object.entries(cases)) {
    for (const plane of PLANES) {
      const m = planeMapping(grid(name, [3, 4, 5]), plane, 'radiological');
      assert.ok(sliceLetters[plane].includes(c.codes[m.sliceAxis]!), `${name} ${plane}: axis ${m.sliceAxis} of ${c.codes}`);
    }
  }
});

test('voxel to world matches nibabel apply_affine', () => {
  for (const [name, c] of Object.entries(cases)) {
    c.voxels.forEach((v, n) => {
      const got = voxelToWorld(asAffine(c.affine), [v[0]!, v[1]!, v[2]!]);
      got.forEach((g, axis) => assert.ok(Math.abs(g - c.world[n]![axis]!) < 1e-9, `${name} voxel ${v} axis ${axis}`));
    });
  }
});

test('RAS file: a voxel on the patient\'s left appears on screen right in radiological axial and coronal', () => {
  const g = grid('RAS', [4, 5, 6]);
  // Voxel (0, 0, 0) of a RAS file is the patient's left-posterior-inferior corner.
  assert.deepEqual(voxelToScreen(planeMapping(g, 'axial', 'radiological'), [0, 0, 0]), { x: 3, y: 4, slice: 0 });
  assert.deepEqual(voxelToScreen(planeMapping(g, 'axial', 'neurological'), [0, 0, 0]), { x: 0, y: 4, slice: 0 });
  assert.deepEqual(voxelToScreen(planeMapping(g, 'coronal', 'radiological'), [0, 0, 0]), { x: 3, y: 5, slice: 0 });
  // Sagittal: anterior on screen left, so the posterior voxel j = 0 is at the right edge.
  assert.deepEqual(voxelToScreen(planeMapping(g, 'sagittal', 'radiological'), [0, 0, 0]), { x: 4, y: 5, slice: 0 });
  assert.deepEqual(voxelToScreen(planeMapping(g, 'sagittal', 'neurological'), [0, 0, 0]), { x: 4, y: 5, slice: 0 });
});

test('LPS file: voxel (0,0,0) is right-anterior-inferior, so top-left in radiological axial', () => {
  const g = grid('LPS', [4, 5, 6]);
  assert.deepEqual(voxelToScreen(planeMapping(g, 'axial', 'radiological'), [0, 0, 0]), { x: 0, y: 0, slice: 0 });
  assert.deepEqual(voxelToScreen(planeMapping(g, 'axial', 'neurological'), [0, 0, 0]), { x: 3, y: 0, slice: 0 });
  assert.deepEqual(voxelToScreen(planeMapping(g, 'coronal', 'radiological'), [0, 0, 0]), { x: 0, y: 5, slice: 0 });
  assert.deepEqual(voxelToScreen(planeMapping(g, 'sagittal', 'radiological'), [0, 0, 0]), { x: 0, y: 5, slice: 0 });
  assert.deepEqual(voxelToScreen(planeMapping(g, 'axial', 'radiological'), [3, 4, 5]), { x: 3, y: 4, slice: 5 });
});

test('permuted SRA file: each plane slices along the right array axis with the right sizes', () => {
  const g = grid('SRA', [6, 4, 5]); // i -> S (1.5 mm), j -> R (1 mm), k -> A (2 mm)
  const axial = planeMapping(g, 'axial', 'radiological');
  assert.deepEqual([axial.sliceAxis, axial.xAxis, axial.yAxis], [0, 1, 2]);
  assert.deepEqual([axial.width, axial.height, axial.sliceCount], [4, 5, 6]);
  assert.deepEqual([axial.pixelWidthMm, axial.pixelHeightMm], [1, 2]);
  const coronal = planeMapping(g, 'coronal', 'radiological');
  assert.deepEqual([coronal.sliceAxis, coronal.xAxis, coronal.yAxis], [2, 1, 0]);
  assert.deepEqual([coronal.pixelWidthMm, coronal.pixelHeightMm], [1, 1.5]);
  const sagittal = planeMapping(g, 'sagittal', 'radiological');
  assert.deepEqual([sagittal.sliceAxis, sagittal.xAxis, sagittal.yAxis], [1, 2, 0]);
  // Superior-most voxel (i = 5) is the top row of coronal and sagittal.
  assert.equal(voxelToScreen(coronal, [5, 0, 0]).y, 0);
  assert.equal(voxelToScreen(sagittal, [5, 0, 0]).y, 0);
});

test('edge letters name the anatomy at each side of the screen', () => {
  const g = grid('RAS', [4, 5, 6]);
  assert.deepEqual(planeMapping(g, 'axial', 'radiological').edges, { left: 'R', right: 'L', top: 'A', bottom: 'P' });
  assert.deepEqual(planeMapping(g, 'axial', 'neurological').edges, { left: 'L', right: 'R', top: 'A', bottom: 'P' });
  assert.deepEqual(planeMapping(g, 'coronal', 'radiological').edges, { left: 'R', right: 'L', top: 'S', bottom: 'I' });
  assert.deepEqual(planeMapping(g, 'sagittal', 'radiological').edges, { left: 'A', right: 'P', top: 'S', bottom: 'I' });
});

// For every fixture affine: one pixel step right/down on screen must move in world space mostly
// along the anatomical direction the convention names (world from nibabel-checked voxelToWorld).
const EXPECTED_STEP: Record<DisplayConvention, Record<Plane, { x: [number, number]; y: [number, number] }>> = {
  // [world axis (0 R, 1 A, 2 S), sign]
  radiological: { axial: { x: [0, -1], y: [1, -1] }, coronal: { x: [0, -1], y: [2, -1] }, sagittal: { x: [1, -1], y: [2, -1] } },
  neurological: { axial: { x: [0, 1], y: [1, -1] }, coronal: { x: [0, 1], y: [2, -1] }, sagittal: { x: [1, -1], y: [2, -1] } },
};

function dominant(delta: Vec3): [number, number] {
  const axis = [0, 1, 2].reduce((best, a) => (Math.abs(delta[a]!) > Math.abs(delta[best]!) ? a : best), 0);
  return [axis, Math.sign(delta[axis]!)];
}

test('screen steps move toward the conventional anatomical direction for every affine', () => {
  for (const name of Object.keys(cases)) {
    const g = grid(name, [3, 4, 5]);
    for (const convention of ['radiological', 'neurological'] as const) {
      for (const plane of PLANES) {
        const m = planeMapping(g, plane, convention);
        const world = (x: number, y: number): Vec3 => voxelToWorld(g.affine, screenToVoxel(m, x + 0.5, y + 0.5, 1)!);
        const o = world(0, 0);
        const dx = world(1, 0);
        const dy = world(0, 1);
        const label = `${name} ${convention} ${plane}`;
        assert.deepEqual(dominant([dx[0] - o[0], dx[1] - o[1], dx[2] - o[2]]), EXPECTED_STEP[convention][plane].x, `${label} x`);
        assert.deepEqual(dominant([dy[0] - o[0], dy[1] - o[1], dy[2] - o[2]]), EXPECTED_STEP[convention][plane].y, `${label} y`);
      }
    }
  }
});

test('screenToVoxel inverts voxelToScreen and refuses positions outside the image', () => {
  const g = grid('PIL', [3, 4, 5]);
  for (const plane of PLANES) {
    const m = planeMapping(g, plane, 'radiological');
    for (let i = 0; i < 3; i++) for (let j = 0; j < 4; j++) for (let k = 0; k < 5; k++) {
      const s = voxelToScreen(m, [i, j, k]);
      assert.deepEqual(screenToVoxel(m, s.x + 0.99, s.y + 0.01, s.slice), [i, j, k]);
    }
    assert.equal(screenToVoxel(m, -0.01, 0, 0), undefined);
    assert.equal(screenToVoxel(m, m.width, 0, 0), undefined);
    assert.equal(screenToVoxel(m, 0, 0, m.sliceCount), undefined);
  }
});

/** The documented slice layout, extracted with plain loops: in-plane axes ascending, lower fastest. */
function extractSlice(data: Int32Array, shape: Vec3, sliceAxis: number, index: number): Int32Array {
  const [a, b] = [0, 1, 2].filter((axis) => axis !== sliceAxis) as [number, number];
  const out = new Int32Array(shape[a]! * shape[b]!);
  for (let vb = 0; vb < shape[b]!; vb++) for (let va = 0; va < shape[a]!; va++) {
    const v = [0, 0, 0];
    v[a] = va;
    v[b] = vb;
    v[sliceAxis] = index;
    out[va + vb * shape[a]!] = data[v[0]! + shape[0] * (v[1]! + shape[1] * v[2]!)]!;
  }
  return out;
}

test('sliceStrides addresses the transmitted slice layout for every plane and orientation', () => {
  const shape: Vec3 = [3, 4, 5];
  const volume = Int32Array.from({ length: 60 }, (_, n) => n);
  for (const name of Object.keys(cases)) {
    for (const plane of PLANES) {
      const m = planeMapping(grid(name, shape), plane, 'radiological');
      const slice = extractSlice(volume, shape, m.sliceAxis, 2);
      const { origin, stepX, stepY } = sliceStrides(m);
      for (let y = 0; y < m.height; y++) for (let x = 0; x < m.width; x++) {
        const v = screenToVoxel(m, x, y, 2)!;
        assert.equal(slice[origin + x * stepX + y * stepY], volume[v[0] + 3 * (v[1] + 4 * v[2])], `${name} ${plane} (${x},${y})`);
      }
    }
  }
});
