// Picking one layer out of interleaved values (Slicer's layers are the fastest axis): whatever the
// chunks a stream is cut into (mid-value, mid-group), the picked bytes are every group's value
// `pick`, as a plain index computation says.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { pickInterleaved } from '../../../src/core/io/raster/rasterSource';

async function* chunksOf(bytes: Uint8Array, cuts: readonly number[]): AsyncGenerator<Uint8Array> {
  let at = 0;
  for (const c of [...cuts].sort((a, b) => a - b)) {
    yield bytes.subarray(at, Math.max(at, c));
    at = Math.max(at, c);
  }
  yield bytes.subarray(at);
}

test('pickInterleaved keeps value `pick` of every group, across any chunking', async () => {
  await fc.assert(fc.asyncProperty(
    fc.constantFrom(1, 2, 4), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 0, max: 40 }), fc.array(fc.nat(200), { maxLength: 6 }),
    async (width, group, groups, cuts) => {
      const pick = groups % group;
      const bytes = Uint8Array.from({ length: width * group * groups }, (_, i) => (i * 37 + 11) & 255);
      const got: number[] = [];
      for await (const c of pickInterleaved(chunksOf(bytes, cuts.map((c) => Math.min(c, bytes.length))), width, group, pick)) got.push(...c);
      const want: number[] = [];
      for (let g = 0; g < groups; g++) for (let b = 0; b < width; b++) want.push(bytes[(g * group + pick) * width + b]!);
      assert.deepEqual(got, want);
    },
  ), { numRuns: 300 });
});
