// The slices a comparison worker posts while it reads (the strip that fills in): for every metrics
// fixture and plane, what is posted during the read is numpy's per-slice foreground counts and Dice
// for the slices posted (test/fixtures/metrics/expected.json), growing from slice 0 and ending with
// every slice; a plane that cuts across the stored k axis is told once as 'whenRead'. On a volume
// big enough to be counted in several pieces, a post arrives with only part of the slices, and its
// counts are those of the final result and of arithmetic on the synthetic pattern. Segments that
// overlap (counted by their own pass) post the same way. The posting interval is checked against a
// fake clock.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { CompareWorker } from '../../../../src/extension/compare/compareWorker';
import type { ReadingCounts } from '../../../../src/protocol/compare';
import { readingCounts, READING_COUNTS_INTERVAL_MS } from '../../../../src/worker/readingCounts';
import type { SliceMetrics } from '../../../../src/core/metrics/types';
import type { Geometry } from '../../../../src/core/volume';
import { expected, fixtureBytes, metricsDir, syntheticNiftiBytes, workerScript } from './workerFixtures';

const rule = { threshold: 0.8, minErrorMm2: 10 };
const cases = Object.entries(expected.cases).filter(([, c]) => Object.keys(c.options).length === 0 && c.alignment !== 'ignored');
const pick = (s: { index: number; tp: number; fp: number; fn: number; dice: number | null }) => ({ index: s.index, tp: s.tp, fp: s.fp, fn: s.fn, dice: s.dice });

for (const [name, c] of cases) {
  test(`${name}: the slices posted while reading are numpy's, from slice 0 up to every slice`, async () => {
    const worker = new CompareWorker(workerScript);
    try {
      for (const [plane, want] of Object.entries(c.planes)) {
        const posts: ReadingCounts[] = [];
        await worker.open(fixtureBytes(c.reference), fixtureBytes(c.prediction), 2 ** 30, {
          metrics: { plane: plane as 'axial' | 'coronal' | 'sagittal', ...rule },
          onCounts: (counts) => posts.push(counts),
        });
        const sliceCount = want.foreground.slices.length;
        if (want.axis !== 2) {
          assert.deepEqual(posts, [{ kind: 'whenRead', plane, sliceCount }], `${plane} cuts across k`);
          continue;
        }
        assert.ok(posts.length > 0, `${plane}: something was posted`);
        let before = 0;
        for (const post of posts) {
          assert.ok(post.kind === 'filling' && post.plane === plane && post.sliceCount === sliceCount, `${plane}: ${JSON.stringify(post).slice(0, 120)}`);
          assert.ok(post.slices.length >= before, 'posts only grow');
          before = post.slices.length;
          assert.deepEqual(post.slices.map(pick), want.foreground.slices.slice(0, post.slices.length).map(pick), `${plane}: numpy's counts of the slices posted`);
        }
        assert.equal(before, sliceCount, `${plane}: the last post holds every slice`);
      }
    } finally {
      worker.dispose();
    }
  });
}

/** Voxels n in [from, to) with n % period === 0: what syntheticNiftiBytes sets to 1. */
const multiples = (from: number, to: number, period: number): number => Math.floor((to - 1) / period) - Math.floor((from - 1) / period);

test('a volume counted in pieces: a post with part of the slices, whose counts are the final ones and the pattern\'s', async () => {
  const shape = [256, 256, 150] as const;
  const area = shape[0] * shape[1];
  const [refPeriod, predPeriod] = [6, 4];
  const worker = new CompareWorker(workerScript);
  try {
    const posts: { slices: SliceMetrics[]; sliceCount: number }[] = [];
    await worker.open({ name: 'ref.nii', bytes: syntheticNiftiBytes(shape, refPeriod) }, { name: 'pred.nii', bytes: syntheticNiftiBytes(shape, predPeriod) }, 2 ** 30, {
      metrics: { plane: 'axial', ...rule },
      // Copied: the list grows in the worker and each post is a snapshot of it.
      onCounts: (counts) => counts.kind === 'filling' && posts.push({ slices: [...counts.slices], sliceCount: counts.sliceCount }),
    });
    const final = await worker.compute('axial', rule);
    assert.ok(posts.length >= 2, `posted ${posts.length} times`);
    const partial = posts[0]!;
    assert.ok(partial.slices.length > 0 && partial.slices.length < shape[2], `the first post holds part of the slices: ${partial.slices.length} of ${shape[2]}`);
    for (const post of posts) assert.deepEqual(post.slices, final.foreground.slices.slice(0, post.slices.length));
    assert.equal(posts.at(-1)!.slices.length, shape[2]);
    // Reference voxel n is 1 when n % 6 === 0, prediction when n % 4 === 0: both when n % 12 === 0.
    for (const s of partial.slices) {
      const [from, to] = [s.index * area, (s.index + 1) * area];
      const both = multiples(from, to, 12);
      const ref = multiples(from, to, refPeriod);
      const pred = multiples(from, to, predPeriod);
      assert.deepEqual([s.tp, s.fn, s.fp], [both, ref - both, pred - both], `slice ${s.index}`);
      assert.equal(s.dice, (2 * both) / (ref + pred));
    }
  } finally {
    worker.dispose();
  }
});

test('posts at most every 250 ms, the first at once and the last whatever the clock says', () => {
  const geometry = { shape: [4, 4, 10], spacing: [1, 1, 1], affine: [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1] } as unknown as Geometry;
  let clock = 1000;
  const posted: number[] = [];
  const asked: [number, number][] = [];
  const listener = readingCounts(geometry, 'axial', (c) => c.kind === 'filling' && posted.push(c.slices.length), () => clock);
  assert.ok(listener, 'axial is along k on an RAS grid');
  const slices = (from: number, to: number): SliceMetrics[] => {
    asked.push([from, to]);
    return Array.from({ length: to - from }, (_, i) => ({ index: from + i, tp: 0, fp: 0, fn: 0, dice: null }));
  };
  listener(2, slices);
  clock += READING_COUNTS_INTERVAL_MS - 1;
  listener(4, slices);
  clock += 1;
  listener(6, slices);
  listener(10, slices);
  assert.deepEqual(posted, [2, 6, 10]);
  assert.deepEqual(asked, [[0, 2], [2, 6], [6, 10]], 'each slice is read from the table once');
  const across = readingCounts(geometry, 'sagittal', (c) => posted.push(c.kind === 'whenRead' ? -c.sliceCount : 0));
  assert.equal(across, undefined);
  assert.equal(posted.at(-1), -4, 'sagittal slices cut across k: said once, with their count');
});

test('segments that overlap (a two-layer .seg.nrrd pair): the posted slices are the final ones, and sum to numpy\'s foreground', async () => {
  const dir = join(metricsDir, '..', 'formats');
  const want = (JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as { slicer_two_layers_pred: { foreground: { tp: number; fp: number; fn: number } } }).slicer_two_layers_pred.foreground;
  const worker = new CompareWorker(workerScript);
  try {
    const posts: ReadingCounts[] = [];
    const file = (name: string) => ({ name, path: join(dir, name) });
    await worker.open(file('slicer_two_layers.seg.nrrd'), file('slicer_two_layers_pred.seg.nrrd'), 2 ** 30, { metrics: { plane: 'axial', ...rule }, onCounts: (c) => posts.push(c) });
    const final = await worker.compute('axial', rule);
    const last = posts.at(-1);
    assert.ok(last?.kind === 'filling', JSON.stringify(posts).slice(0, 200));
    assert.equal(last.slices.length, last.sliceCount);
    assert.deepEqual(last.slices, final.foreground.slices);
    const sum = (k: 'tp' | 'fp' | 'fn') => last.slices.reduce((n, s) => n + s[k], 0);
    assert.deepEqual({ tp: sum('tp'), fp: sum('fp'), fn: sum('fn') }, { tp: want.tp, fp: want.fp, fn: want.fn });
  } finally {
    worker.dispose();
  }
});
