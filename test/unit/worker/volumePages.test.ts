import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { copySkippingZeroPages, readSkippingUnwrittenPages } from '../../../src/core/volumePages';
import { chunkedSource } from '../../../src/worker/compareSlabs';
import { extractSlice, ownIndexMap, type VoxelIndexMap } from '../../../src/worker/slice';
import { collectVolumes, measureSurfaces } from '../../../src/core/surface/surfaceMetrics';
import { fillingSource } from '../../../src/worker/fillingSource';
import { countLabels } from '../../../src/worker/labelCounts';
import { makeGeometry } from '../../../src/core/geometry/orientation';
import type { VolumeSource } from '../../../src/core/io/api';
import type { VolumeHeader, VoxelArray } from '../../../src/core/volume';

const PAGE = 4096;

/** Runs of zeros and of values, page-sized and not, at any offset (a slab of a mask). */
function maskLike(length: number, runs: readonly (readonly [number, number])[]): Uint8Array {
  const a = new Uint8Array(length);
  for (const [start, len] of runs) a.fill(1 + (start % 7), start % length, Math.min(length, (start % length) + len));
  return a;
}

test('slabs copied at any offset give the volume; pages onto which only zeros fall are never written, and are marked so', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 6 * PAGE }),
      fc.array(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 3 * PAGE })), { maxLength: 4 }),
      fc.array(fc.nat(), { maxLength: 3 }),
      (length, runs, cuts) => {
        const whole = maskLike(length, runs);
        // The volume arrives in slabs cut anywhere (slices need not fill whole pages).
        const bounds = [...new Set([0, ...cuts.map((c) => c % length), length])].sort((a, b) => a - b);
        const into = new Uint8Array(length); // fresh memory: zeros
        const marked = new Uint8Array(length).fill(9); // a page never written keeps its 9s
        const written = new Uint8Array(Math.ceil(length / PAGE));
        let seen = 0;
        for (let n = 0; n + 1 < bounds.length; n++) {
          const slab = whole.subarray(bounds[n], bounds[n + 1]);
          copySkippingZeroPages(into, bounds[n]!, slab, written, (run) => {
            for (const v of run) seen += v !== 0 ? 1 : 0;
          });
          copySkippingZeroPages(marked, bounds[n]!, slab);
        }
        assert.deepEqual(into, whole);
        let nonZero = 0;
        for (let p = 0; p * PAGE < length; p++) {
          const page = whole.subarray(p * PAGE, (p + 1) * PAGE);
          const any = page.some((v) => v !== 0);
          assert.equal(written[p], any ? 1 : 0, `page ${p} marked`);
          if (!any) assert.ok(marked.subarray(p * PAGE, (p + 1) * PAGE).every((v) => v === 9), `page ${p} never written`);
          for (const v of page) nonZero += v !== 0 ? 1 : 0;
        }
        assert.equal(seen, nonZero, 'the tally saw every non-zero value once');
        // Read back without touching the unwritten pages (9s put there would show): the volume again.
        const unread = into.slice();
        for (let p = 0; p * PAGE < length; p++) if (!written[p]) unread.fill(9, p * PAGE, (p + 1) * PAGE);
        const from = Math.floor(length / 3);
        const back = new Uint8Array(length - from);
        readSkippingUnwrittenPages(unread, written, from, back);
        assert.deepEqual(back, whole.subarray(from));
      },
    ),
  );
});

test('wider types and unaligned views copy exactly, -0 and NaN included (their bytes are not zero)', () => {
  const values = [0, -0, Number.NaN, 1.5, -2, 0, 0, 7];
  for (const Ctor of [Float32Array, Float64Array, Int16Array, Uint16Array, Int32Array] as const) {
    const from = new Ctor(3 * PAGE);
    for (let n = 0; n < values.length; n++) from[PAGE + n * 97] = values[n]!;
    const into = new Ctor(from.length + 5);
    copySkippingZeroPages(into, 5, from);
    assert.deepEqual(new Uint8Array(into.buffer, 5 * from.BYTES_PER_ELEMENT), new Uint8Array(from.buffer), Ctor.name);
  }
  // A uint8 view that starts off a 4-byte boundary (the word test falls back to bytes at its edges).
  const backing = maskLike(3 * PAGE + 3, [[PAGE + 1, 5], [2 * PAGE + 2, PAGE]]);
  const from = backing.subarray(3);
  const into = new Uint8Array(from.length);
  copySkippingZeroPages(into, 0, from);
  assert.deepEqual(into, from);
});

test('a filling source keeps the voxels and tallies the labels as a whole-volume count does', async () => {
  const shape: [number, number, number] = [64, 64, 40];
  const slice = shape[0] * shape[1];
  const whole = new Uint8Array(slice * shape[2]);
  // Background, a blob across slices 10–25 and a stray voxel on a page of its own.
  for (let k = 10; k < 26; k++) for (let j = 20; j < 40; j++) whole.fill(k < 18 ? 3 : 5, k * slice + j * 64 + 10, k * slice + j * 64 + 30);
  whole[33 * slice + 4000] = 200;
  const geometry = makeGeometry(shape, [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1], 'sform');
  const header: VolumeHeader = { source: 'blob.nii', format: 'nifti1', dataType: 'uint8', geometry, scaling: { slope: 1, inter: 0 }, volumes: 1, volumeIndex: 0 };
  const slabs: VoxelArray[] = [];
  const inner: VolumeSource = {
    header,
    async *slabs() {
      // A reader reuses its buffer: the filling source must copy, not keep the slab.
      const buffer = new Uint8Array(7 * slice);
      for (let k = 0; k < shape[2]; k += 7) {
        const n = Math.min(7, shape[2] - k);
        const view = buffer.subarray(0, n * slice);
        view.set(whole.subarray(k * slice, (k + n) * slice));
        slabs.push(view);
        yield { kStart: k, kCount: n, data: view };
      }
    },
    readAll: () => Promise.reject(new Error('not used')),
  };
  const filling = fillingSource(inner);
  await filling.source.readAll();
  const volume = filling.volume();
  assert.deepEqual(volume.data, whole);
  assert.deepEqual(filling.labels(), countLabels(whole));
  assert.ok(slabs.length > 1);
  // Most pages are background, and marked as never written.
  const pages = volume.writtenPages!;
  assert.ok(pages.includes(0) && pages.includes(1));
  // A held volume streams back, slab by slab, as it was filled (the comparison's later passes).
  const again: number[] = [];
  for await (const slab of chunkedSource(volume, 3 * slice).slabs()) {
    assert.deepEqual(slab.data, whole.subarray(slab.kStart * slice, (slab.kStart + slab.kCount) * slice));
    again.push(slab.kStart);
  }
  assert.equal(again.length, Math.ceil(shape[2] / 3));
});

test('slices of every axis, and of a map with reversed strides, read only written pages and equal the dense cut', async () => {
  const shape: [number, number, number] = [48, 40, 30];
  const slice = shape[0] * shape[1];
  const whole = new Uint16Array(slice * shape[2]);
  // A blob of varying values in a corner, and lots of background: most pages stay unwritten.
  for (let k = 5; k < 12; k++) for (let j = 3; j < 15; j++) for (let i = 30; i < 44; i++) whole[k * slice + j * shape[0] + i] = 1 + ((i + 3 * j + 7 * k) % 11);
  const geometry = makeGeometry(shape, [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1], 'sform');
  const header: VolumeHeader = { source: 'blob.nii', format: 'nifti1', dataType: 'uint16', geometry, scaling: { slope: 1, inter: 0 }, volumes: 1, volumeIndex: 0 };
  const filling = fillingSource({ header, async *slabs() { for (let k = 0; k < shape[2]; k += 4) yield { kStart: k, kCount: Math.min(4, shape[2] - k), data: whole.slice(k * slice, Math.min(shape[2], k + 4) * slice) }; }, readAll: () => Promise.reject(new Error('not used')) });
  const volume = await filling.source.readAll();
  const pages = volume.writtenPages!;
  // 9s on the unwritten pages: a slice that read one would show them.
  const marked = volume.data.slice() as Uint16Array;
  for (let p = 0; p < pages.length; p++) if (!pages[p]) marked.fill(9, (p * PAGE) / 2, ((p + 1) * PAGE) / 2);
  const maps: VoxelIndexMap[] = [ownIndexMap(shape), { offset: whole.length - 1, strides: [-1, -shape[0], -slice] }];
  for (const map of maps) {
    for (const axes of [{ sliceAxis: 2, fastAxis: 0, slowAxis: 1 }, { sliceAxis: 1, fastAxis: 0, slowAxis: 2 }, { sliceAxis: 0, fastAxis: 1, slowAxis: 2 }] as const) {
      for (let index = 0; index < shape[axes.sliceAxis]; index += 3) {
        const dense = new Uint16Array(extractSlice({ data: whole }, shape, map, axes, index).buffer);
        const sparse = new Uint16Array(extractSlice({ data: marked, writtenPages: pages }, shape, map, axes, index).buffer);
        assert.deepEqual(sparse, dense, `axis ${axes.sliceAxis} slice ${index}`);
      }
    }
  }
});

test('surface distances of volumes with unwritten pages equal those of the dense volumes (the pages are not read)', async () => {
  const shape: [number, number, number] = [40, 36, 24];
  const slice = shape[0] * shape[1];
  const blob = (centre: readonly number[], r: number, value: number, into: Uint8Array): Uint8Array => {
    for (let k = 0; k < shape[2]; k++) for (let j = 0; j < shape[1]; j++) for (let i = 0; i < shape[0]; i++) {
      if ((i - centre[0]!) ** 2 + (j - centre[1]!) ** 2 + (2 * (k - centre[2]!)) ** 2 <= r * r) into[k * slice + j * shape[0] + i] = value;
    }
    return into;
  };
  const ref = blob([12, 10, 8], 6, 2, blob([28, 24, 15], 7, 1, new Uint8Array(slice * shape[2])));
  const pred = blob([13, 11, 9], 6, 2, blob([27, 25, 15], 6, 1, new Uint8Array(slice * shape[2])));
  const spacing: [number, number, number] = [0.8, 0.8, 2];
  const sparse = async (whole: Uint8Array): Promise<{ data: Uint8Array; writtenPages: Uint8Array }> => {
    const geometry = makeGeometry(shape, [0.8, 0, 0, 0, 0, 0.8, 0, 0, 0, 0, 2, 0, 0, 0, 0, 1], 'sform');
    const header: VolumeHeader = { source: 'blob.nii', format: 'nifti1', dataType: 'uint8', geometry, scaling: { slope: 1, inter: 0 }, volumes: 1, volumeIndex: 0 };
    const filled = await fillingSource({ header, async *slabs() { for (let k = 0; k < shape[2]; k += 5) yield { kStart: k, kCount: Math.min(5, shape[2] - k), data: whole.slice(k * slice, Math.min(shape[2], k + 5) * slice) }; }, readAll: () => Promise.reject(new Error('not used')) }).source.readAll();
    const pages = filled.writtenPages!;
    assert.ok(pages.includes(0), 'some pages are background');
    const marked = (filled.data as Uint8Array).slice();
    for (let p = 0; p < pages.length; p++) if (!pages[p]) marked.fill(9, p * PAGE, (p + 1) * PAGE);
    return { data: marked, writtenPages: pages };
  };
  const options = { labels: [1, 2], perSliceAxis: 2 as const };
  const dense = measureSurfaces(collectVolumes({ data: ref, shape, spacing }, { data: pred, shape, spacing }, shape, options), spacing, [1, 2], { perSlice: { axis: 2 } });
  const skipping = measureSurfaces(collectVolumes({ ...(await sparse(ref)), shape, spacing }, { ...(await sparse(pred)), shape, spacing }, shape, options), spacing, [1, 2], { perSlice: { axis: 2 } });
  assert.deepEqual(skipping, dense);
  assert.ok((dense.foreground.hd ?? 0) > 0);
});
