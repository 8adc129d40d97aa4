// The progress a surface computation reports (the comparison worker shows it): it rises, reaches
// 1 at the end, about half-way once the 3-D values are done when per-slice values follow, and the
// callback changes no number.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { surfaceMetrics } from '../../../src/core/surface';
import type { Vec3 } from '../../../src/core/volume';
import { emptyVolume, volumeOf } from './helpers';

const SHAPE: Vec3 = [20, 18, 14];
const SPACING: Vec3 = [0.8, 1.2, 2.0];

/** Label 1 a box, label 2 a smaller box; the prediction's are shifted by `shift` voxels along i. */
const pair = (shift: number) =>
  volumeOf(SHAPE, SPACING, (i, j, k) => i >= 2 + shift && i < 9 + shift && j >= 2 && j < 8 && k >= 2 && k < 10);

test('progress rises to 1; with per-slice values the 3-D part ends about half-way', () => {
  const ref = pair(0);
  const pred = pair(2);
  const seen: number[] = [];
  const withProgress = surfaceMetrics(ref, pred, [1], { perSlice: { axis: 2 }, onProgress: (f) => seen.push(f) });
  assert.ok(seen.length > 8, `reported after each label and slice (${seen.length} reports)`);
  for (let n = 1; n < seen.length; n++) assert.ok(seen[n]! >= seen[n - 1]!, `monotonic at ${n}: ${seen.join(', ')}`);
  assert.equal(seen.at(-1), 1);
  // Label 1 is the whole foreground here: one 3-D measurement (shared), then its slices.
  assert.equal(seen[0], 0.5);
  assert.deepEqual(withProgress, surfaceMetrics(ref, pred, [1], { perSlice: { axis: 2 } }));
});

test('3-D only: one report per measured target, ending at 1; an empty pair reports only 1', () => {
  const seen: number[] = [];
  surfaceMetrics(pair(0), pair(1), [1, 5], { onProgress: (f) => seen.push(f) });
  assert.equal(seen.at(-1), 1);
  assert.ok(seen.every((f) => f >= 0 && f <= 1));
  const empty: number[] = [];
  surfaceMetrics(emptyVolume(SHAPE, SPACING), emptyVolume(SHAPE, SPACING), [1], { onProgress: (f) => empty.push(f) });
  assert.ok(empty.length > 0 && empty.every((f) => f === 1), empty.join(', '));
});
