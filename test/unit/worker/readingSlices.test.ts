// When a slice of a pair still being read may be cut: only once every voxel it takes has arrived in
// both arrays. A prediction stored flipped along k holds reference slice 0 in its last slices, so
// that slice waits for the prediction's whole read; a plane across k never comes early.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Vec3, VoxelArray } from '../../../src/core/volume';
import type { FillingSource } from '../../../src/worker/fillingSource';
import { readySlice, type ReadingPair } from '../../../src/worker/readingSlices';

const SHAPE: Vec3 = [2, 3, 4];
const SLICE = SHAPE[0] * SHAPE[1];
const PLANES = {
  axial: { sliceAxis: 2, fastAxis: 0, slowAxis: 1 },
  coronal: { sliceAxis: 1, fastAxis: 0, slowAxis: 2 },
  sagittal: { sliceAxis: 0, fastAxis: 1, slowAxis: 2 },
} as const;

/** A source read `slices` k-slices far; voxel n holds n + 1 (so a slice shows where it came from). */
function readTo(slices: number): FillingSource {
  const data: VoxelArray = Uint8Array.from({ length: SLICE * SHAPE[2] }, (_, n) => (n < slices * SLICE ? n + 1 : 0));
  return { filled: () => ({ data, slices }) } as unknown as FillingSource;
}

function pair(refSlices: number, predSlices: number, flipped: boolean): ReadingPair {
  return {
    reference: readTo(refSlices),
    prediction: readTo(predSlices),
    shape: SHAPE,
    predictionShape: SHAPE,
    predictionMap: flipped ? { offset: (SHAPE[2] - 1) * SLICE, strides: [1, SHAPE[0], -SLICE] } : { offset: 0, strides: [1, SHAPE[0], SLICE] },
    planes: PLANES,
    sliceEarly: true,
  };
}

test('an axial slice comes once both files are read past it, with the voxels read', () => {
  assert.equal(readySlice(pair(1, 1, false), 'axial', 1), undefined, 'slice 1 not read yet');
  const s = readySlice(pair(2, 2, false), 'axial', 1);
  assert.ok(s);
  assert.deepEqual([...new Uint8Array(s.reference.buffer)], [7, 8, 9, 10, 11, 12]);
  assert.deepEqual([...new Uint8Array(s.prediction.buffer)], [7, 8, 9, 10, 11, 12]);
  assert.equal(readySlice(pair(4, 1, false), 'axial', 1), undefined, 'the prediction lags behind');
});

test('a prediction flipped along k holds reference slice 0 last: it waits for its whole read', () => {
  assert.equal(readySlice(pair(4, 3, true), 'axial', 0), undefined);
  const s = readySlice(pair(1, 4, true), 'axial', 0);
  assert.ok(s);
  assert.deepEqual([...new Uint8Array(s.prediction.buffer)], [19, 20, 21, 22, 23, 24]);
  assert.ok(readySlice(pair(4, 1, true), 'axial', 3), 'reference slice 3 is the flipped prediction\'s first');
});

test('planes across k, out-of-range slices and renumbered predictions never come early', () => {
  assert.equal(readySlice(pair(4, 4, false), 'coronal', 0), undefined);
  assert.equal(readySlice(pair(4, 4, false), 'sagittal', 0), undefined);
  assert.equal(readySlice(pair(4, 4, false), 'axial', 4), undefined);
  assert.equal(readySlice({ ...pair(4, 4, false), sliceEarly: false }, 'axial', 0), undefined);
});
