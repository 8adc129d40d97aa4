// One decoded copy per file: the cache's bookkeeping (stamps, holders, lenders, release), and the
// hand-over between the real worker threads (dist/worker.js and dist/compareWorker.js, built
// first): a mask the viewer's worker decoded is lent to a comparison's worker, which reads nothing,
// uses the same memory, still gets numpy's metrics, and can lend it on.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { CompareWorker } from '../../../../src/extension/compare/compareWorker';
import { VolumeCache } from '../../../../src/extension/volumeCache';
import { VolumeWorker } from '../../../../src/extension/worker/volumeWorker';
import type { Volume } from '../../../../src/core/volume';
import { assertNumpyCounts, expected, fixtureBytes, metricsDir, workerScript } from './workerFixtures';

const viewerScript = join(workerScript, '..', 'worker.js');

function volumeOf(length: number): Volume {
  const header = { source: 'a.nii' } as Volume['header'];
  return { header, data: new Uint8Array(new SharedArrayBuffer(length)) };
}

test('cache: lent only at the same stamp; kept while a holder holds it; a dead lender is skipped; a new stamp replaces it', async () => {
  const cache = new VolumeCache();
  const viewer = {};
  const comparison = {};
  const stamp = { size: 10, mtime: 1000 };
  const first = volumeOf(8);
  const asked: string[] = [];
  const lender = (who: string, volume: Volume | undefined) => () => {
    asked.push(who);
    return Promise.resolve(volume);
  };
  assert.equal(await cache.borrow('file:///a.nii', stamp), undefined);
  cache.hold(viewer, 'file:///a.nii', stamp, lender('viewer', first));
  assert.equal(await cache.borrow('file:///a.nii', stamp), first);
  assert.equal(await cache.borrow('file:///a.nii', { size: 10, mtime: 1001 }), undefined, 'changed on disk: not lent');
  assert.equal(await cache.borrow('file:///a.nii', { size: 11, mtime: 1000 }), undefined);
  cache.hold(comparison, 'file:///a.nii', stamp, lender('comparison', first));
  assert.deepEqual(cache.state().entries, [{ uri: 'file:///a.nii', holders: 2 }]);
  cache.release(viewer);
  asked.length = 0;
  assert.equal(await cache.borrow('file:///a.nii', stamp), first, 'the comparison still holds it');
  assert.deepEqual(asked, ['comparison']);
  cache.release(comparison);
  assert.equal(await cache.borrow('file:///a.nii', stamp), undefined, 'the last holder let go: dropped');
  assert.deepEqual(cache.state().entries, []);

  // A lender whose worker died (rejects) or lost the volume (undefined) is skipped.
  cache.hold(viewer, 'file:///a.nii', stamp, () => Promise.reject(new Error('worker stopped')));
  cache.hold({}, 'file:///a.nii', stamp, lender('empty', undefined));
  cache.hold(comparison, 'file:///a.nii', stamp, lender('comparison', first));
  assert.equal(await cache.borrow('file:///a.nii', stamp), first);

  const newer = volumeOf(8);
  cache.hold(comparison, 'file:///a.nii', { size: 10, mtime: 2000 }, lender('comparison', newer));
  assert.equal(await cache.borrow('file:///a.nii', stamp), undefined);
  assert.equal(await cache.borrow('file:///a.nii', { size: 10, mtime: 2000 }), newer);
  assert.equal(cache.state().entries[0]!.holders, 1);
  cache.noteRead('file:///a.nii');
  cache.noteRead('file:///a.nii');
  assert.deepEqual(cache.state().reads, { 'file:///a.nii': 2 });
});

test('a mask the viewer decoded is compared without a read: same memory, numpy metrics', async () => {
  const viewer = new VolumeWorker(viewerScript);
  const fresh = new CompareWorker(workerScript);
  const sharing = new CompareWorker(workerScript);
  try {
    const refPath = { name: 'multilabel_ref.nii.gz', path: join(metricsDir, 'multilabel_ref.nii.gz') };
    const loaded = await viewer.load('mask', refPath, 2 ** 30);
    assert.equal(loaded.lendable, true, 'the viewer worker can lend what it decoded');
    const held = await viewer.lend('mask');
    assert.ok(held, 'lent');
    assert.ok(held.data.buffer instanceof SharedArrayBuffer, 'in shared memory');
    assert.equal(await viewer.lend('background'), undefined, 'no background to lend');

    const reread = await fresh.open(refPath, fixtureBytes('multilabel_pred.nii.gz'), 2 ** 30);
    assert.deepEqual(reread.lendable, { reference: true, prediction: true });

    const shared = await sharing.open({ name: 'multilabel_ref.nii.gz', held }, fixtureBytes('multilabel_pred.nii.gz'), 2 ** 30);
    assert.deepEqual(shared.lendable, { reference: true, prediction: true }, 'a borrowed volume can be lent on');
    assert.deepEqual(shared.volumes, reread.volumes, 'the same description as from a read');
    const lentOn = await sharing.lend('reference');
    assert.ok(lentOn);
    assert.equal(lentOn.data.length, held.data.length);

    // Proof that the comparison uses the viewer's memory, not a copy: a voxel changed through the
    // host's view of it shows in one of the comparison's axial slices.
    const axial = shared.volumes.reference.planes.axial.sliceAxis;
    const slices = shared.volumes.reference.shape[axial];
    const slicesWith77 = async (): Promise<number> => {
      let n = 0;
      for (let i = 0; i < slices; i++) if (new Uint8Array((await sharing.slice('axial', i)).reference.buffer).includes(77)) n++;
      return n;
    };
    assert.equal(await slicesWith77(), 0);
    const original = held.data[0]!;
    held.data[0] = 77;
    assert.equal(await slicesWith77(), 1, 'the change is visible in the comparison');
    held.data[0] = original;

    for (const planeName of ['axial', 'coronal', 'sagittal'] as const) {
      const result = await sharing.compute(planeName, { threshold: 0.8, minErrorMm2: 10 });
      assertNumpyCounts(result, expected.cases['multilabel_uint8']!.planes[planeName]!);
    }
  } finally {
    viewer.dispose();
    fresh.dispose();
    sharing.dispose();
  }
});

test('cache: a lender that released the file while an earlier one was asked is not asked (it would answer with its next file)', async () => {
  const cache = new VolumeCache();
  const viewer = {};
  const comparison = {};
  const stamp = { size: 10, mtime: 1000 };
  const x = volumeOf(8);
  const y = volumeOf(16);
  // The comparison's worker answers with what it holds when asked, as a worker's queue does.
  let comparisonHolds = x;
  let answerViewer: (v: Volume | undefined) => void = () => undefined;
  cache.hold(viewer, 'file:///x.nii', stamp, () => new Promise((resolve) => (answerViewer = resolve)));
  cache.hold(comparison, 'file:///x.nii', stamp, () => Promise.resolve(comparisonHolds));
  const borrowed = cache.borrow('file:///x.nii', stamp);
  // While the viewer's worker is busy, the comparison swaps its reference: it releases x and loads y.
  cache.release(comparison);
  comparisonHolds = y;
  answerViewer(undefined);
  assert.equal(await borrowed, undefined, 'not y under the name of x');
});
