// The real compare worker answering slice requests while it is still reading a big pair: once both
// headers are read it describes the files (no labels yet), an axial slice (along k, the storage
// order) comes before the open is answered and holds exactly the voxels of the finished read (and
// of the file: counted here from the pattern written, not by our reader), a coronal slice waits for
// the read to end, and a cancel, a newer open or a dying worker leave no request hanging.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { after, test } from 'node:test';
import { CompareWorker, CompareWorkerFailure, type NamedFile } from '../../../../src/extension/compare/compareWorker';
import type { CompareVolumes, PairSlice } from '../../../../src/protocol/compare';
import type { Plane } from '../../../../src/protocol/viewer';
import { syntheticNiftiBytes, workerScript } from './workerFixtures';

const SHAPE = [384, 384, 300] as const;
const PERIODS = { reference: 3, prediction: 7 } as const;
const rule = { threshold: 0.8, minErrorMm2: 10 };
const scratch = mkdtempSync(join(tmpdir(), 'mask-inspector-early-slices-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

/** Gzipped, so the worker inflates as it reads: a read that takes long enough to ask during. */
function writeSynthetic(name: string, period: number): NamedFile {
  const path = join(scratch, name);
  writeFileSync(path, gzipSync(syntheticNiftiBytes(SHAPE, period), { level: 1 }));
  return { name, path };
}
const files = { reference: writeSynthetic('ref.nii.gz', PERIODS.reference), prediction: writeSynthetic('pred.nii.gz', PERIODS.prediction) };

/** Voxels set in axial slice k of a file whose voxel n is 1 when n % period === 0. */
function onesInSlice(k: number, period: number): number {
  const size = SHAPE[0] * SHAPE[1];
  const from = k * size;
  const first = Math.ceil(from / period) * period;
  return first >= from + size ? 0 : Math.floor((from + size - 1 - first) / period) + 1;
}
const ones = (s: PairSlice['reference']): number => new Uint8Array(s.buffer).reduce((n, v) => n + v, 0);

interface Asked {
  readonly events: string[];
  readonly slices: Promise<Map<Plane, PairSlice>>;
}

/** Once the worker describes the files, asks for `planes` at `index`; `events` records what came when. */
function askWhenDescribed(worker: CompareWorker, planes: readonly Plane[], index: number, onSlice?: (plane: Plane) => void): { asked: Asked; onDescribed: (v: CompareVolumes) => void; described: Promise<CompareVolumes> } {
  const events: string[] = [];
  let describe: (v: CompareVolumes) => void = () => undefined;
  const described = new Promise<CompareVolumes>((resolve) => (describe = resolve));
  let start: () => void = () => undefined;
  const started = new Promise<void>((resolve) => (start = resolve));
  const requests: Promise<[Plane, PairSlice]>[] = [];
  const onDescribed = (v: CompareVolumes): void => {
    events.push('described');
    describe(v);
    for (const plane of planes) {
      requests.push(worker.slice(plane, index).then((reply) => {
        events.push(plane);
        onSlice?.(plane);
        return [plane, reply] as [Plane, PairSlice];
      }));
    }
    start();
  };
  const slices = started.then(async () => new Map(await Promise.all(requests)));
  return { asked: { events, slices }, onDescribed, described };
}

test('an axial slice asked during a slow open comes before the open ends, with the final voxels; a coronal one waits', async () => {
  const worker = new CompareWorker(workerScript);
  try {
    const k = 4;
    const { asked, onDescribed, described } = askWhenDescribed(worker, ['axial', 'coronal'], k);
    const opened = worker.open(files.reference, files.prediction, 2 ** 31, {
      metrics: { plane: 'axial', ...rule },
      onDescribed,
    }).then((o) => {
      asked.events.push('open');
      return o;
    });
    const early = await described;
    assert.equal(early.labelsCounting, true, 'described while reading');
    assert.deepEqual([early.reference.labels, early.prediction.labels], [[], []], 'no labels before they are counted');
    assert.deepEqual(early.reference.shape, SHAPE);
    assert.equal(early.reference.planes.axial.sliceAxis, 2, 'axial lies along k in this file');
    const { volumes } = await opened;
    assert.equal(volumes.labelsCounting, undefined, 'the final description has counted labels');
    const slices = await asked.slices;
    assert.deepEqual(asked.events, ['described', 'axial', 'open', 'coronal'], 'axial before the open ends, coronal after');
    const axial = slices.get('axial')!;
    assert.equal(ones(axial.reference), onesInSlice(k, PERIODS.reference), 'reference voxels of the file');
    assert.equal(ones(axial.prediction), onesInSlice(k, PERIODS.prediction), 'prediction voxels of the file');
    const final = await worker.slice('axial', k);
    assert.deepEqual(new Uint8Array(axial.reference.buffer), new Uint8Array(final.reference.buffer), 'early reference slice = final');
    assert.deepEqual(new Uint8Array(axial.prediction.buffer), new Uint8Array(final.prediction.buffer), 'early prediction slice = final');
    const coronal = slices.get('coronal')!;
    const finalCoronal = await worker.slice('coronal', k);
    assert.deepEqual(new Uint8Array(coronal.prediction.buffer), new Uint8Array(finalCoronal.prediction.buffer), 'the coronal slice is of the whole read');
  } finally {
    worker.dispose();
  }
});

test('a cancel during the read fails the waiting slices as cancelled; the worker then opens again', async () => {
  const worker = new CompareWorker(workerScript);
  try {
    const controller = new AbortController();
    const { asked, onDescribed } = askWhenDescribed(worker, ['axial', 'coronal'], 1, (plane) => {
      if (plane === 'axial') controller.abort();
    });
    const opened = worker.open(files.reference, files.prediction, 2 ** 31, { onDescribed, signal: controller.signal });
    await assert.rejects(opened, (e: unknown) => e instanceof CompareWorkerFailure && e.cancelled);
    await assert.rejects(asked.slices, (e: unknown) => e instanceof CompareWorkerFailure && e.cancelled, 'the coronal slice is not left hanging');
    assert.deepEqual(asked.events, ['described', 'axial']);
    await assert.rejects(worker.slice('axial', 1), /before the masks finished loading/, 'a cancelled read holds nothing');
    await worker.open(files.reference, files.prediction, 2 ** 31);
    assert.equal(ones((await worker.slice('axial', 1)).reference), onesInSlice(1, PERIODS.reference));
  } finally {
    worker.dispose();
  }
});

test('a newer open fails the slices waiting on the older one as cancelled and answers its own', async () => {
  const worker = new CompareWorker(workerScript);
  try {
    const { asked, onDescribed } = askWhenDescribed(worker, ['coronal'], 2);
    const first = worker.open(files.reference, files.prediction, 2 ** 31, { onDescribed });
    const firstOutcome = first.then(() => 'opened', (e: unknown) => (e instanceof CompareWorkerFailure && e.cancelled ? 'cancelled' : String(e)));
    // Swapped: the newer pair's reference is the older one's prediction.
    const second = await new Promise<ReturnType<CompareWorker['open']>>((resolve) => {
      void asked.slices.catch(() => undefined);
      const wait = setInterval(() => {
        if (asked.events.includes('described')) {
          clearInterval(wait);
          resolve(worker.open(files.prediction, files.reference, 2 ** 31));
        }
      }, 1);
    });
    await assert.rejects(asked.slices, (e: unknown) => e instanceof CompareWorkerFailure && e.cancelled);
    assert.equal(await firstOutcome, 'cancelled', 'the newer open stopped the older read');
    await second;
    assert.equal(ones((await worker.slice('axial', 2)).reference), onesInSlice(2, PERIODS.prediction), 'slices are of the newer pair');
  } finally {
    worker.dispose();
  }
});

test('a worker that dies during the read fails the waiting slices too', async () => {
  const worker = new CompareWorker(workerScript);
  try {
    const { asked, onDescribed } = askWhenDescribed(worker, ['coronal'], 0);
    const opened = worker.open(files.reference, files.prediction, 2 ** 31, {
      onDescribed: (v) => {
        onDescribed(v);
        worker.crashForTest();
      },
    });
    await assert.rejects(opened);
    await assert.rejects(asked.slices, /stopped unexpectedly/);
  } finally {
    worker.dispose();
  }
});
