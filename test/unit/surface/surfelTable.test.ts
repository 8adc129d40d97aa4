// Checks on the transcribed surfel table that do not depend on the peers' test cases (which only
// exercise flat faces and single voxels): a surface's area cannot depend on how the cube is turned,
// mirrored or which side is inside, so a mistyped normal would break one of these symmetries.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { contourLengthByCode, surfaceAreaByCode } from '../../../src/core/surface/surfelTable';
import type { Vec3 } from '../../../src/core/volume';

const bitOf = (d: readonly number[]): number => 7 - (4 * d[0] + 2 * d[1] + d[2]);

/** The code of the 2×2×2 neighbourhood after permuting axes (new axis a = old axis perm[a]) and flipping. */
function transform(code: number, perm: readonly number[], flip: readonly boolean[]): number {
  let out = 0;
  for (let bits = 0; bits < 8; bits++) {
    const d = [(bits >> 2) & 1, (bits >> 1) & 1, bits & 1];
    if (((code >> bitOf(d)) & 1) === 0) continue;
    // Old offset d lands at new offset e with e[a] = d[perm[a]], mirrored where flipped.
    const e = [0, 1, 2].map((a) => (flip[a] ? 1 - d[perm[a]] : d[perm[a]]));
    out |= 1 << bitOf(e);
  }
  return out;
}

const PERMUTATIONS = [[0, 1, 2], [0, 2, 1], [1, 0, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0]];
const FLIPS = [0, 1, 2, 3, 4, 5, 6, 7].map((f) => [(f & 4) !== 0, (f & 2) !== 0, (f & 1) !== 0]);

test('surfel areas are invariant under the 48 symmetries of the cube, with anisotropic spacing', () => {
  const spacing: Vec3 = [0.7, 1.3, 2.9];
  const area = surfaceAreaByCode(spacing);
  for (const perm of PERMUTATIONS) {
    const turned = surfaceAreaByCode([spacing[perm[0]], spacing[perm[1]], spacing[perm[2]]]);
    for (const flip of FLIPS) {
      for (let code = 0; code < 256; code++) {
        const image = transform(code, perm, flip);
        assert.ok(Math.abs(turned[image] - area[code]) < 1e-12, `code ${code} -> ${image} under ${perm} ${flip}`);
      }
    }
  }
});

test('surfel areas do not depend on which side is inside', () => {
  const area = surfaceAreaByCode([0.7, 1.3, 2.9]);
  for (let code = 0; code < 256; code++) assert.ok(Math.abs(area[code] - area[255 - code]) < 1e-12, `code ${code}`);
});

test('surfel areas of simple cells: a cut corner, a face, nothing', () => {
  const [s0, s1, s2] = [0.5, 2, 3];
  const area = surfaceAreaByCode([s0, s1, s2]);
  assert.equal(area[0], 0);
  assert.equal(area[255], 0);
  // One voxel at offset (1,1,1): a triangle through the midpoints of its three edges.
  const a = [s0 / 2, 0, 0];
  const b = [0, s1 / 2, 0];
  const c = [0, 0, s2 / 2];
  const u = [b[0] - a[0], b[1] - a[1], b[2] - a[2]];
  const v = [c[0] - a[0], c[1] - a[1], c[2] - a[2]];
  const cross = Math.hypot(u[1] * v[2] - u[2] * v[1], u[2] * v[0] - u[0] * v[2], u[0] * v[1] - u[1] * v[0]);
  assert.ok(Math.abs(area[0b00000001] - cross / 2) < 1e-12);
  // The four voxels with d0 = 1 filled: a flat face across the cell, normal to axis 0.
  assert.ok(Math.abs(area[0b00001111] - s1 * s2) < 1e-12);
  assert.ok(Math.abs(area[0b00110011] - s0 * s2) < 1e-12);
  assert.ok(Math.abs(area[0b01010101] - s0 * s1) < 1e-12);
});

test('contour lengths in 2-D: edges, cut corners and saddles', () => {
  const len = contourLengthByCode([2, 1]);
  const diag = 0.5 * Math.hypot(2, 1);
  assert.deepEqual(Array.from(len), [0, diag, diag, 1, diag, 2, 2 * diag, diag, diag, 2 * diag, 2, diag, 1, diag, diag, 0]);
});
