// "Worst label per slice" chooses, in each slice, the most severe flagged label; else the label with
// the lowest Dice whose error reaches the floor; else the foreground. Hand-made counts, so each rule
// is seen deciding a slice.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ComparisonResult, SliceMetrics } from '../../src/core/metrics/types';
import { worstLabelPerSlice } from '../../src/webview/compare/stripModes';

const slice = (index: number, tp: number, fp: number, fn: number): SliceMetrics => ({
  index, tp, fp, fn, dice: tp + fp + fn === 0 ? null : (2 * tp) / (2 * tp + fp + fn),
});

test('worst label per slice: most severe flagged, else lowest Dice above the floor, else the foreground', () => {
  // 1 mm² voxels, floor 10 mm², threshold 0.8.
  const labels = [
    { label: 1, slices: [slice(0, 20, 20, 20), slice(1, 100, 5, 6), slice(2, 50, 0, 1), slice(3, 0, 0, 0)] },
    { label: 2, slices: [slice(0, 0, 12, 0), slice(1, 100, 10, 10), slice(2, 0, 3, 0), slice(3, 0, 0, 0)] },
  ];
  const foreground = { slices: [slice(0, 20, 32, 20), slice(1, 200, 15, 16), slice(2, 50, 3, 1), slice(3, 0, 0, 0)] };
  const result = { labels, foreground, threshold: 0.8, minErrorMm2: 10, sliceVoxelAreaMm2: 1 } as unknown as ComparisonResult;
  const worst = worstLabelPerSlice(result);
  // slice 0: label 1 severity 40 × 0.5 = 20 beats label 2's 12 × 1 = 12.
  // slice 1: nothing flagged; both ≥ 10 mm² (11 and 20): the lower Dice is label 2's (0.909 < 0.948).
  // slice 2: label 1 has 1 mm², label 2 has 3 mm² (Dice 0): both under the floor: the foreground.
  // slice 3: both empty: the foreground (n/a).
  assert.deepEqual(worst.labels, [1, 2, null, null]);
  assert.equal(worst.slices[0], labels[0]!.slices[0]);
  assert.equal(worst.slices[2], foreground.slices[2]);
  assert.equal(worst.slices[3]!.dice, null);
});
