// The acquisition plane: the plane slicing along the coarsest axis, axial when the voxels are
// near-isotropic. Slice axes here are those of real storage orders (RAS, PIR, a coronal stack).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { acquisitionPlane } from '../../../src/core/geometry/acquisitionPlane';
import type { ArrayAxis, Plane } from '../../../src/core/geometry/display';

const RAS: Record<Plane, ArrayAxis> = { sagittal: 0, coronal: 1, axial: 2 };
// PIR (panoptica's spine MR): axis 0 runs P, 1 runs I, 2 runs R.
const PIR: Record<Plane, ArrayAxis> = { coronal: 0, axial: 1, sagittal: 2 };

test('an axial CT stack (0.8 × 0.8 × 2.5 mm, RAS) opens axial', () => {
  assert.equal(acquisitionPlane([0.8, 0.8, 2.5], (p) => RAS[p]), 'axial');
});

test('a sagittal spine MR (0.59 × 0.59 × 3.3 mm, PIR) opens sagittal', () => {
  assert.equal(acquisitionPlane([0.586, 0.586, 3.3], (p) => PIR[p]), 'sagittal');
});

test('a coronal stack (slices 3 mm apart along A) opens coronal', () => {
  assert.equal(acquisitionPlane([0.7, 3, 0.7], (p) => RAS[p]), 'coronal');
});

test('near-isotropic voxels (1 × 1 × 1.2 mm) open axial even when another axis is the coarsest', () => {
  assert.equal(acquisitionPlane([1.2, 1, 1], (p) => RAS[p]), 'axial');
  assert.equal(acquisitionPlane([1, 1, 1], (p) => PIR[p]), 'axial');
});

test('just past the isotropy limit (1 × 1 × 1.3 mm, thick along R) is a sagittal acquisition', () => {
  assert.equal(acquisitionPlane([1.3, 1, 1], (p) => RAS[p]), 'sagittal');
});
