// The uint8 fast path and the general path must produce identical tables for any data, any slab
// cut and any byte alignment; a byte-at-a-time count written out plainly here is the yardstick.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { countingPass } from '../../../src/core/metrics/countingPass';
import type { LabelTable } from '../../../src/core/metrics/labelTable';
import type { Slab, Vec3, VoxelArray } from '../../../src/core/volume';

/** Deterministic pseudo-random labels with runs, so both uniform and mixed words occur. */
function labels(n: number, seed: number, maxLabel: number): Uint8Array {
  const out = new Uint8Array(n);
  let x = seed >>> 0;
  let v = 0;
  for (let i = 0; i < n; i++) {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    if ((x >>> 28) < 3) v = (x >>> 8) % (maxLabel + 1);
    out[i] = v;
  }
  return out;
}

async function* slabsOf(data: VoxelArray, shape: Vec3, cut: readonly number[], misalign: number): AsyncGenerator<Slab> {
  const sliceLength = shape[0] * shape[1];
  let k = 0;
  let c = 0;
  while (k < shape[2]) {
    const kCount = Math.min(cut[c++ % cut.length]!, shape[2] - k);
    // Copy into a buffer at an odd offset, as a reader slicing zlib chunks might hand out.
    const part = data.subarray(k * sliceLength, (k + kCount) * sliceLength);
    const Ctor = part.constructor as new (b: ArrayBuffer, o: number, n: number) => VoxelArray;
    const bytes = part.BYTES_PER_ELEMENT;
    const view = new Ctor(new ArrayBuffer((part.length + misalign + 1) * bytes), misalign * bytes, part.length);
    view.set(part);
    yield { kStart: k, kCount, data: view };
    k += kCount;
  }
}

function naive(ref: VoxelArray, pred: VoxelArray, shape: Vec3, axis: 0 | 1 | 2) {
  const counts = new Map<string, number>();
  const bump = (key: string) => counts.set(key, (counts.get(key) ?? 0) + 1);
  for (let k = 0, n = 0; k < shape[2]; k++) {
    for (let j = 0; j < shape[1]; j++) {
      for (let i = 0; i < shape[0]; i++, n++) {
        const s = [i, j, k][axis];
        const r = ref[n]!;
        const p = pred[n]!;
        if (r) bump(`r ${s} ${r}`);
        if (p) bump(`p ${s} ${p}`);
        if (r && r === p) bump(`i ${s} ${r}`);
        if (r && p) bump(`f ${s}`);
      }
    }
  }
  return counts;
}

function tableCounts(table: LabelTable) {
  const counts = new Map<string, number>();
  for (let s = 0; s < table.sliceCount; s++) {
    table.labels.forEach((label, c) => {
      const at = s * table.capacity + c;
      if (table.ref[at]) counts.set(`r ${s} ${label}`, table.ref[at]!);
      if (table.pred[at]) counts.set(`p ${s} ${label}`, table.pred[at]!);
      if (table.inter[at]) counts.set(`i ${s} ${label}`, table.inter[at]!);
    });
    if (table.fgInter[s]) counts.set(`f ${s}`, table.fgInter[s]!);
  }
  return counts;
}

const sorted = (m: Map<string, number>) => [...m.entries()].sort();

for (const shape of [[16, 8, 7], [13, 11, 9], [5, 3, 4]] as Vec3[]) {
  for (const axis of [0, 1, 2] as const) {
    test(`uint8 and general paths (int16, float32, float64) agree with a plain count: shape ${shape}, axis ${axis}`, async () => {
      const n = shape[0] * shape[1] * shape[2];
      const ref = labels(n, 7, 5);
      const pred = labels(n, 11, 6);
      const expected = sorted(naive(ref, pred, shape, axis));
      for (const [cutA, cutB, misA, misB] of [[[1], [2, 3], 0, 1], [[4], [1], 3, 3], [[100], [100], 2, 0]] as const) {
        const pass = await countingPass({
          ref: slabsOf(ref, shape, cutA, misA), pred: slabsOf(pred, shape, cutB, misB),
          shape, axis, probThreshold: 0.5, refPath: 'r', predPath: 'p',
        });
        assert.deepEqual(sorted(tableCounts(pass.table)), expected);
        // Same data as int16 forces the general path.
        const pass16 = await countingPass({
          ref: slabsOf(Int16Array.from(ref), shape, cutA, 0), pred: slabsOf(Float32Array.from(pred), shape, cutB, 1),
          shape, axis, probThreshold: 0.5, refPath: 'r', predPath: 'p',
        });
        assert.deepEqual(sorted(tableCounts(pass16.table)), expected);
        // Equal element sizes take the general path's 16-byte block skipping (when aligned).
        for (const Ctor of [Int16Array, Float32Array, Float64Array]) {
          const same = await countingPass({
            ref: slabsOf(Ctor.from(ref), shape, cutA, misA), pred: slabsOf(Ctor.from(pred), shape, cutB, misA),
            shape, axis, probThreshold: 0.5, refPath: 'r', predPath: 'p',
          });
          assert.deepEqual(sorted(tableCounts(same.table)), expected, Ctor.name);
        }
      }
    });
  }
}

test('a table grows past its first capacity and keeps earlier counts', async () => {
  const shape: Vec3 = [10, 10, 3];
  const ref = new Uint16Array(300).map((_, i) => (i % 20) * 37);
  const pred = new Uint16Array(300).map((_, i) => (i % 25) * 37);
  const pass = await countingPass({ ref: slabsOf(ref, shape, [1], 0), pred: slabsOf(pred, shape, [3], 0), shape, axis: 2, probThreshold: 0.5, refPath: 'r', predPath: 'p' });
  assert.deepEqual(sorted(tableCounts(pass.table)), sorted(naive(ref, pred, shape, 2)));
});
