// The comparison's worker thread (dist/compareWorker.js, built first) driven through the host's
// handle: metrics equal numpy's (test/fixtures/metrics/expected.json), progress arrives, the
// prediction's slices come on the reference's grid whatever its storage order, a cancel stops a
// long count, grids that differ are refused with a sentence, and dispose ends the thread.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CompareWorker, CompareWorkerFailure, liveCompareWorkerCount } from '../../../../src/extension/compare/compareWorker';
import { assertNumpyCounts, expected, fixtureBytes, syntheticNiftiBytes, workerScript } from './workerFixtures';

const script = workerScript;
const file = fixtureBytes;

async function until(condition: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

test('metrics of a multi-label pair equal numpy in every plane, with progress up to 1', async () => {
  const worker = new CompareWorker(script);
  try {
    const ref = file('multilabel_ref.nii.gz');
    const { volumes } = await worker.open(ref, file('multilabel_pred.nii.gz'), 2 ** 30);
    assert.equal(ref.bytes.byteLength, 0, 'the reference bytes were moved to the worker, not copied');
    assert.equal(volumes.alignment, 'identical');
    for (const plane of ['axial', 'coronal', 'sagittal'] as const) {
      const want = expected.cases['multilabel_uint8']!.planes[plane]!;
      const progress: number[] = [];
      const result = await worker.compute(plane, { threshold: 0.8, minErrorMm2: 10 }, (f) => progress.push(f));
      assertNumpyCounts(result, want);
      assert.equal(progress.at(-1), 1, `${plane}: progress ends at 1`);
    }
  } finally {
    worker.dispose();
  }
});

test('an LPS-stored prediction gives the same slices on the reference grid and the same metrics', async () => {
  const plain = new CompareWorker(script);
  const lps = new CompareWorker(script);
  try {
    await plain.open(file('multilabel_ref.nii.gz'), file('multilabel_pred.nii.gz'), 2 ** 30);
    const { volumes } = await lps.open(file('multilabel_ref.nii.gz'), file('multilabel_pred_lps.nii.gz'), 2 ** 30);
    assert.equal(volumes.alignment, 'reoriented');
    assert.equal(volumes.prediction.orientation, 'LPS');
    for (const plane of ['axial', 'coronal', 'sagittal'] as const) {
      const n = volumes.reference.shape[volumes.reference.planes[plane].sliceAxis];
      for (let index = 0; index < n; index++) {
        const [a, b] = await Promise.all([plain.slice(plane, index), lps.slice(plane, index)]);
        assert.deepEqual([...new Uint8Array(b.prediction.buffer)], [...new Uint8Array(a.prediction.buffer)], `${plane} ${index}`);
        assert.deepEqual([...new Uint8Array(b.reference.buffer)], [...new Uint8Array(a.reference.buffer)]);
      }
    }
    const result = await lps.compute('axial', { threshold: 0.8, minErrorMm2: 10 });
    assert.deepEqual(result.flagged, expected.cases['lps_prediction']!.planes['axial']!.flagged);
  } finally {
    plain.dispose();
    lps.dispose();
  }
});

test('grids that differ are refused with a sentence naming the files', async () => {
  const worker = new CompareWorker(script);
  try {
    await assert.rejects(worker.open(file('multilabel_ref.nii.gz'), file('multilabel_pred_shifted.nii.gz'), 2 ** 30), (e: unknown) => {
      assert.ok(e instanceof CompareWorkerFailure && e.inputError, String(e));
      assert.match(e.message, /multilabel_pred_shifted\.nii\.gz is not on the grid of multilabel_ref\.nii\.gz: .*origin/);
      return true;
    });
  } finally {
    worker.dispose();
  }
});

test('a cancel stops a long count and slices are answered while it runs', async () => {
  const worker = new CompareWorker(script);
  try {
    const shape = [256, 256, 320] as const;
    await worker.open(syntheticNifti('a.nii', shape, 1), syntheticNifti('b.nii', shape, 2), 2 ** 30);
    const controller = new AbortController();
    let progressSeen = 0;
    const computing = worker.compute('axial', { threshold: 0.8, minErrorMm2: 10 }, () => {
      progressSeen++;
      controller.abort();
    }, controller.signal);
    const slice = await worker.slice('axial', 10);
    assert.equal(slice.reference.width, 256);
    await assert.rejects(computing, (e: unknown) => e instanceof CompareWorkerFailure && e.cancelled);
    assert.ok(progressSeen >= 1 && progressSeen < 5, `stopped after ${progressSeen} slabs of 5`);
    // The worker is still usable afterwards.
    const result = await worker.compute('axial', { threshold: 0.8, minErrorMm2: 10 });
    assert.equal(result.foreground.slices.length, 320);
  } finally {
    worker.dispose();
  }
});

test('dispose ends the thread', async () => {
  await until(() => liveCompareWorkerCount() === 0); // the threads of the tests above
  const worker = new CompareWorker(script);
  assert.equal(liveCompareWorkerCount(), 1);
  worker.dispose();
  await until(() => liveCompareWorkerCount() === 0);
  await assert.rejects(worker.slice('axial', 0), /closed/);
});

function syntheticNifti(name: string, shape: readonly [number, number, number], period: number): { name: string; bytes: Uint8Array } {
  return { name, bytes: syntheticNiftiBytes(shape, period) };
}
