// Progress and cancellation on in-memory volumes (the worker's case): a whole volume is one slab,
// yet progress must move and an abort sent from another event must stop the count.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { makeGeometry } from '../../../src/core/geometry/orientation';
import { compareVolumes } from '../../../src/core/metrics/compare';
import type { Vec3, Volume } from '../../../src/core/volume';

function volume(shape: Vec3, fill: (i: number) => number): Volume {
  const data = new Uint8Array(shape[0] * shape[1] * shape[2]);
  for (let i = 0; i < data.length; i += 97) data[i] = fill(i);
  const geometry = makeGeometry(shape, [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1], 'sform');
  return {
    header: { source: 'mem.nii', format: 'nifti1', dataType: 'uint8', geometry, scaling: { slope: 1, inter: 0 }, volumes: 1, volumeIndex: 0 },
    data,
  };
}

const shape: Vec3 = [256, 256, 160];

test('progress on an in-memory volume comes in several steps and ends at 1', async () => {
  const seen: number[] = [];
  const result = await compareVolumes(volume(shape, () => 1), volume(shape, (i) => (i % 3 === 0 ? 1 : 0)), { onProgress: (f) => seen.push(f) });
  assert.ok(seen.length >= 3, `${seen.length} progress reports`);
  assert.equal(seen.at(-1), 1);
  assert.equal(result.labels.length, 1);
});

test('an abort sent from another event stops an in-memory comparison', async () => {
  const controller = new AbortController();
  let reports = 0;
  const run = compareVolumes(volume(shape, () => 2), volume(shape, () => 2), {
    signal: controller.signal,
    onProgress: () => {
      reports++;
      if (reports === 1) setImmediate(() => controller.abort(new Error('cancelled')));
    },
  });
  await assert.rejects(run, /cancelled/);
  assert.ok(reports < 3, `stopped early (${reports} progress reports)`);
});
