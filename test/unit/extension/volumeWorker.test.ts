// The host's worker client against the real bundled worker thread (dist/worker.js, built first):
// bytes are transferred, not copied; slices come back; failures carry the reader's sentence; and
// disposing terminates the thread (counted on its 'exit').
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { liveWorkerCount, VolumeWorker, WorkerFailure } from '../../../src/extension/worker/volumeWorker';

const root = join(__dirname, '..', '..', '..', '..');
const script = join(root, 'dist', 'worker.js');
const fixture = (name: string): Uint8Array => {
  const b = readFileSync(join(root, 'test', 'fixtures', 'viewer', name));
  return new Uint8Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
};
const expected = JSON.parse(readFileSync(join(root, 'test', 'fixtures', 'viewer', 'expected.json'), 'utf8')) as Record<
  string,
  { slices: Record<string, Record<string, number[]>> }
>;

async function until(condition: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

test('load transfers the bytes, slices come back, dispose ends the thread', async () => {
  const before = liveWorkerCount();
  const worker = new VolumeWorker(script);
  assert.equal(liveWorkerCount(), before + 1);
  const bytes = fixture('mask_ras.nii.gz');
  const loaded = await worker.load('mask', { name: 'mask_ras.nii.gz', bytes }, 2 ** 30);
  assert.equal(bytes.byteLength, 0, 'the file bytes were moved to the worker, not copied');
  assert.deepEqual([...loaded.info.shape], [7, 6, 5]);
  const s = await worker.slice('coronal', 3);
  assert.deepEqual([...new Uint8Array(s.mask.buffer)], expected['mask_ras.nii.gz']!.slices['coronal']!['3']);
  worker.dispose();
  await until(() => liveWorkerCount() === before);
  await assert.rejects(worker.slice('axial', 0), /closed/);
});

test('a bad file fails with the reader sentence, marked as an input error', async () => {
  const worker = new VolumeWorker(script);
  try {
    await assert.rejects(worker.load('mask', { name: 'truncated.nii.gz', bytes: fixture('truncated.nii.gz') }, 2 ** 30), (e) => {
      assert.ok(e instanceof WorkerFailure);
      assert.equal(e.inputError, true);
      assert.match(e.message, /^truncated\.nii\.gz /);
      return true;
    });
    const wrongMagic = new TextEncoder().encode('this is not a NIfTI file at all, just some text'.repeat(10));
    await assert.rejects(worker.load('mask', { name: 'fake.nii', bytes: wrongMagic }, 2 ** 30), (e) => e instanceof WorkerFailure && e.inputError);
    // The worker survives input errors and still serves a good file.
    const ok = await worker.load('mask', { name: 'mask_ras.nii.gz', bytes: fixture('mask_ras.nii.gz') }, 2 ** 30);
    assert.equal(ok.info.labels.length, 3);
  } finally {
    worker.dispose();
  }
});

test('a .nhdr loads with the detached data file the host read next to it; the segment names of a .seg.nrrd arrive with its labels', async () => {
  const formats = join(root, 'test', 'fixtures', 'formats');
  const read = (name: string): Uint8Array => new Uint8Array(readFileSync(join(formats, name)));
  const counts = (JSON.parse(readFileSync(join(formats, 'expected.json'), 'utf8')) as { multilabel: { counts: Record<string, number> } }).multilabel.counts;
  const worker = new VolumeWorker(script);
  try {
    const detached = read('itk_multilabel_nhdr.raw');
    const loaded = await worker.load('mask', { name: 'itk_multilabel.nhdr', bytes: read('itk_multilabel.nhdr'), companions: [{ name: 'itk_multilabel_nhdr.raw', bytes: detached }] }, 2 ** 30);
    assert.equal(detached.byteLength, 0, 'the detached file was moved to the worker too');
    assert.deepEqual(Object.fromEntries(loaded.info.labels.map((l) => [String(l.value), l.voxelCount])), counts);
    await assert.rejects(worker.load('mask', { name: 'itk_multilabel.nhdr', bytes: read('itk_multilabel.nhdr') }, 2 ** 30), /names its data file itk_multilabel_nhdr\.raw, which does not exist/);
    const seg = await worker.load('mask', { name: 'slicer_one_layer.seg.nrrd', bytes: read('slicer_one_layer.seg.nrrd') }, 2 ** 30);
    assert.deepEqual(seg.info.labels.map((l) => [l.value, l.name, l.colour]), [[1, 'liver', [221, 130, 101, 255]], [2, 'spleen', [157, 25, 70, 255]], [3, 'lesion', [144, 238, 144, 255]]]);
    assert.equal(seg.info.format, 'nrrd');
  } finally {
    worker.dispose();
  }
});
