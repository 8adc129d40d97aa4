// Axis codes and plane axes agree with nibabel's aff2axcodes on every NIfTI fixture.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openVolume } from '../../../src/core/io/open';
import { axisCodes, planeAxis } from '../../../src/core/geometry/orientation';
import { qformAffine } from '../../../src/core/geometry/niftiAffine';
import type { Affine } from '../../../src/core/volume';
import { expected, fixture } from '../io/fixtures';

/** From nibabel's axis codes: the array axis running along S/I (axial), A/P (coronal), R/L (sagittal). */
function nibabelPlaneAxis(codes: string, letters: string): number {
  return [...codes].findIndex((c) => letters.includes(c));
}

for (const [name, e] of Object.entries(expected.nifti)) {
  if (e.affine_method1) continue;
  test(`${name}: axis codes and plane axes match nibabel (${e.axcodes})`, async () => {
    const { geometry } = (await openVolume(fixture(name))).header;
    assert.equal(axisCodes(e.affine.flat() as unknown as Affine), e.axcodes);
    assert.equal(planeAxis(geometry, 'axial'), nibabelPlaneAxis(e.axcodes, 'SI'));
    assert.equal(planeAxis(geometry, 'coronal'), nibabelPlaneAxis(e.axcodes, 'AP'));
    assert.equal(planeAxis(geometry, 'sagittal'), nibabelPlaneAxis(e.axcodes, 'RL'));
  });
}

test('plane axes of a permuted file follow its anatomy, not its array order', async () => {
  // grid_perm stores the RAS grid as (k reversed, i, j): axcodes IRA.
  const { geometry } = (await openVolume(fixture('grid_perm.nii.gz'))).header;
  assert.equal(geometry.orientation, 'IRA');
  assert.deepEqual([planeAxis(geometry, 'axial'), planeAxis(geometry, 'coronal'), planeAxis(geometry, 'sagittal')], [0, 2, 1]);
});

test('a 45°-ish oblique affine still gives three distinct plane axes', () => {
  const c = Math.cos(Math.PI / 4 + 0.01);
  const s = Math.sin(Math.PI / 4 + 0.01);
  const affine: Affine = [c, -s, 0, 0, s, c, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1];
  const axes = (['axial', 'coronal', 'sagittal'] as const).map((p) => planeAxis({ affine }, p));
  assert.equal(new Set(axes).size, 3);
  assert.equal(axes[0], 2);
});

test('qform with qfac -1 flips the third axis (nibabel quat2mat convention)', () => {
  const identityQuaternion = qformAffine({
    qformCode: 1, sformCode: 0, pixdim: [-1, 2, 3, 4, 0, 0, 0, 0], quatern: [0, 0, 0], qoffset: [1, 2, 3], srow: [[], [], []],
  });
  assert.deepEqual(identityQuaternion.map((v) => v + 0), [2, 0, 0, 1, 0, 3, 0, 2, 0, 0, -4, 3, 0, 0, 0, 1]);
});
