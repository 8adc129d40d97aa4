// One physical grid stored as RAS, LPS and axis-permuted must align voxel for voxel; grids that
// differ in origin, spacing, shape or direction must be refused with a reason naming the difference.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { alignGrids } from '../../../src/core/geometry/align';
import { predictionIndexMap, reorientToReference } from '../../../src/core/geometry/reorient';
import { openVolume } from '../../../src/core/io/open';
import type { Affine, Geometry, Volume } from '../../../src/core/volume';
import { expected, fixture, sumOf, valueAt } from '../io/fixtures';

async function read(name: string): Promise<Volume> {
  return (await openVolume(fixture(name))).readAll();
}

const { alignment } = expected;

test('a grid aligns with itself as identical', async () => {
  const ref = await read(alignment.reference);
  assert.deepEqual(alignGrids(ref.header.geometry, ref.header.geometry), { kind: 'identical' });
  assert.equal(reorientToReference(ref, ref.header.geometry, { kind: 'identical' }), ref);
});

for (const name of alignment.same_grid) {
  test(`${name} holds the reference grid in another order: reoriented voxels match nibabel's canonical data`, async () => {
    const ref = await read(alignment.reference);
    const pred = await read(name);
    const found = alignGrids(ref.header.geometry, pred.header.geometry);
    assert.equal(found.kind, 'reoriented');
    if (found.kind !== 'reoriented') return;
    const moved = reorientToReference(pred, ref.header.geometry, found);
    assert.equal(moved.data.constructor, pred.data.constructor);
    assert.deepEqual([...moved.header.geometry.shape], alignment.canonical_shape);
    // nibabel's as_closest_canonical of every stored form (RAS already for the reference).
    for (const v of alignment.canonical_voxels) assert.equal(valueAt(moved.data, alignment.canonical_shape, v.ijk), v.value, `voxel ${v.ijk}`);
    const [ni, nj, nk] = alignment.canonical_shape as [number, number, number];
    const sumsByK = Array.from({ length: nk }, (_, k) => sumOf(moved.data.subarray(k * ni * nj, (k + 1) * ni * nj)));
    assert.deepEqual(sumsByK, alignment.canonical_sum_by_k);
    assert.deepEqual([...moved.data], [...ref.data]);
    // The streaming-friendly index map says the same thing as the whole-volume copy.
    const { offset, stride } = predictionIndexMap(found, pred.header.geometry.shape);
    for (let k = 0; k < nk; k++) for (let j = 0; j < nj; j++) for (let i = 0; i < ni; i++) {
      assert.equal(pred.data[offset + i * stride[0] + j * stride[1] + k * stride[2]], ref.data[i + ni * (j + nj * k)]);
    }
    // And the other way round.
    const back = alignGrids(pred.header.geometry, ref.header.geometry);
    assert.equal(back.kind, 'reoriented');
    if (back.kind === 'reoriented') assert.deepEqual([...reorientToReference(ref, pred.header.geometry, back).data], [...pred.data]);
  });
}

test('the LPS copy is the RAS grid with i and j reversed', async () => {
  const ref = await read(alignment.reference);
  const lps = await read('grid_lps.nii.gz');
  assert.deepEqual(alignGrids(ref.header.geometry, lps.header.geometry), { kind: 'reoriented', perm: [0, 1, 2], flip: [true, true, false] });
});

for (const [name, what] of Object.entries(alignment.mismatch)) {
  test(`${name} differs from the reference in ${what}`, async () => {
    const ref = await read(alignment.reference);
    const pred = await read(name);
    const found = alignGrids(ref.header.geometry, pred.header.geometry);
    assert.equal(found.kind, 'mismatch');
    if (found.kind === 'mismatch') {
      assert.match(found.reason, new RegExp(what === 'direction' ? 'direction' : what, 'i'));
      assert.match(found.reason, /\.$/);
    }
  });
}

function shifted(g: Geometry, dx: number): Geometry {
  const a = [...g.affine];
  a[3] = a[3]! + dx;
  return { ...g, affine: a as unknown as Affine };
}

test('tolerance: 0.5 µm of origin difference is identical, 2 µm is not (default 1e-3 mm)', async () => {
  const g = (await read(alignment.reference)).header.geometry;
  assert.equal(alignGrids(g, shifted(g, 5e-4)).kind, 'identical');
  assert.equal(alignGrids(g, shifted(g, 2e-3)).kind, 'mismatch');
  assert.equal(alignGrids(g, shifted(g, 2e-3), { mm: 1e-2, cosine: 1e-4 }).kind, 'identical');
});
