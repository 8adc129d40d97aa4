import { test } from 'node:test';
import assert from 'node:assert/strict';
import { countLabels } from '../../../src/worker/labelCounts';
import type { VoxelArray } from '../../../src/core/volume';

/** The obvious count, to hold the dense and sparse paths against. */
function naive(data: ArrayLike<number>): [number, number][] {
  const m = new Map<number, number>();
  for (let n = 0; n < data.length; n++) if (data[n] !== 0) m.set(data[n]!, (m.get(data[n]!) ?? 0) + 1);
  return [...m].sort((a, b) => a[0] - b[0]);
}

function pseudoRandom(seed: number): () => number {
  let s = seed;
  return () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
}

test('every array type counts like the naive count, including negative labels', () => {
  const rand = pseudoRandom(3);
  const make = <T extends VoxelArray>(a: T, lo: number, hi: number): T => {
    for (let n = 0; n < a.length; n++) a[n] = Math.floor(lo + rand() * (hi - lo));
    return a;
  };
  const arrays: VoxelArray[] = [
    make(new Uint8Array(5000), 0, 256),
    make(new Int8Array(5000), -128, 128),
    make(new Uint16Array(5000), 0, 40),
    make(new Int16Array(5000), -300, 300),
    make(new Int32Array(5000), -5, 200),
    make(new Float32Array(5000), 0, 117),
  ];
  for (const a of arrays) {
    const got = countLabels(a);
    assert.deepEqual(got.labels.map((l) => [l.value, l.voxelCount]), naive(a), a.constructor.name);
    assert.equal(got.truncated, false);
  }
});

test('more distinct values than the limit: truncated, smallest values listed', () => {
  const a = new Float32Array(10000);
  for (let n = 0; n < a.length; n++) a[n] = n * 0.25;
  const got = countLabels(a, 100);
  assert.equal(got.truncated, true);
  assert.equal(got.labels.length, 100);
  assert.deepEqual(got.labels.slice(0, 2), [{ value: 0.25, voxelCount: 1 }, { value: 0.5, voxelCount: 1 }]);
});

test('uint8 word-skipping count: unaligned views and odd lengths count every voxel once', () => {
  const rand = pseudoRandom(11);
  const backing = new Uint8Array(4099);
  for (let n = 0; n < backing.length; n++) backing[n] = rand() < 0.7 ? 0 : Math.floor(rand() * 5);
  for (const [offset, length] of [[0, 4099], [1, 4097], [2, 7], [3, 3], [3, 0], [1, 4096]] as const) {
    const view = backing.subarray(offset, offset + length);
    assert.deepEqual(countLabels(view).labels.map((l) => [l.value, l.voxelCount]), naive(view), `offset ${offset} length ${length}`);
  }
});
