// The comparison worker reading files itself (by path, as the editor does for file: URIs) and
// counting them in the reading pass: every metric in every plane equals numpy's
// (test/fixtures/metrics/expected.json) as it does when the host sends the bytes, the legend's label
// counts equal numpy's TP+FN and TP+FP, the compute for the rule given to open is answered from
// that pass, progress counts voxel bytes up to the total, and a cancel stops a read.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { CompareWorker, CompareWorkerFailure, type NamedFile } from '../../../../src/extension/compare/compareWorker';
import type { BytesRead } from '../../../../src/extension/workerChannel';
import { assertNumpyCounts, expected, fixtureBytes, metricsDir, syntheticNiftiBytes, workerScript } from './workerFixtures';

const script = workerScript;

const byPath = (name: string): NamedFile => ({ name, path: join(metricsDir, name) });
const byBytes = (name: string): NamedFile => fixtureBytes(name);

const rule = { threshold: 0.8, minErrorMm2: 10 };
/** Cases compared with the editor's default rule and without --ignore-geometry. */
const cases = Object.entries(expected.cases).filter(([, c]) => Object.keys(c.options).length === 0 && c.alignment !== 'ignored');
const integerCases = new Set(['multilabel_uint8', 'int16_vs_int32', 'lps_prediction', 'permuted_prediction', 'ij_swapped_prediction', 'k_flipped_prediction', 'coronal_storage', 'both_empty', 'reference_empty', 'aligned_uint8']);

for (const [name, c] of cases) {
  for (const [how, file] of [['by path', byPath], ['as bytes', byBytes]] as const) {
    test(`${name} read ${how}: numpy's metrics in every plane, counted while reading`, async () => {
      const worker = new CompareWorker(script);
      try {
        const progress: BytesRead[] = [];
        const { volumes } = await worker.open(file(c.reference), file(c.prediction), 2 ** 30, {
          metrics: { plane: 'axial', ...rule },
          onProgress: (_, bytes) => bytes && progress.push(bytes),
        });
        assert.equal(volumes.alignment, c.alignment);
        const total = progress.at(-1)!.total;
        assert.ok(total > 0 && progress.at(-1)!.read === total, `progress ends at the total: ${JSON.stringify(progress.at(-1))}`);
        assert.ok(progress.every((p, i) => i === 0 || p.read >= progress[i - 1]!.read), 'bytes read only grow');
        if (integerCases.has(name)) {
          const any = Object.values(c.planes)[0]!;
          const refCounts = any.labels.map((l) => [l.label, l.tp + l.fn]).filter(([, n]) => n! > 0);
          const predCounts = any.labels.map((l) => [l.label, l.tp + l.fp]).filter(([, n]) => n! > 0);
          assert.deepEqual(volumes.reference.labels.map((l) => [l.value, l.voxelCount]), refCounts, 'reference legend counts');
          assert.deepEqual(volumes.prediction.labels.map((l) => [l.value, l.voxelCount]), predCounts, 'prediction legend counts');
        }
        for (const plane of (['axial', 'coronal', 'sagittal'] as const).filter((p) => p in c.planes)) {
          const want = c.planes[plane]!;
          const seen: number[] = [];
          const result = await worker.compute(plane, rule, (f) => seen.push(f));
          if (plane === 'axial') assert.deepEqual(seen, [], 'the rule given to open was counted while reading');
          assertNumpyCounts(result, want);
          assert.equal(result.reference.path, c.reference, 'results name the file as the editor shows it');
        }
      } finally {
        worker.dispose();
      }
    });
  }
}

test('the same slices whether the worker read the files by path or was sent their bytes', async () => {
  const a = new CompareWorker(script);
  const b = new CompareWorker(script);
  try {
    const { volumes } = await a.open(byPath('multilabel_ref.nii.gz'), byPath('multilabel_pred_kji.nii.gz'), 2 ** 30);
    await b.open(byBytes('multilabel_ref.nii.gz'), byBytes('multilabel_pred_kji.nii.gz'), 2 ** 30);
    for (const plane of ['axial', 'coronal', 'sagittal'] as const) {
      const n = volumes.reference.shape[volumes.reference.planes[plane].sliceAxis];
      for (let index = 0; index < n; index++) {
        const [x, y] = await Promise.all([a.slice(plane, index), b.slice(plane, index)]);
        assert.deepEqual(new Uint8Array(x.prediction.buffer), new Uint8Array(y.prediction.buffer), `${plane} ${index}`);
        assert.deepEqual(new Uint8Array(x.reference.buffer), new Uint8Array(y.reference.buffer), `${plane} ${index}`);
      }
    }
  } finally {
    a.dispose();
    b.dispose();
  }
});

const scratch = mkdtempSync(join(tmpdir(), 'mask-inspector-streaming-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

test('a cancel stops the read; the worker then reads the pair again', async () => {
  const shape = [256, 256, 320] as const;
  const files = [writeSynthetic('a.nii', shape, 1), writeSynthetic('b.nii', shape, 2)] as const;
  const worker = new CompareWorker(script);
  try {
    const controller = new AbortController();
    const opening = worker.open(files[0], files[1], 2 ** 30, {
      metrics: { plane: 'axial', ...rule },
      signal: controller.signal,
      // The first report comes once both headers are read, before the voxels: cancel there.
      onProgress: () => controller.abort(),
    });
    await assert.rejects(opening, (e: unknown) => e instanceof CompareWorkerFailure && e.cancelled);
    await assert.rejects(worker.slice('axial', 0), /before the masks finished loading/, 'a cancelled read holds nothing');
    await worker.open(files[0], files[1], 2 ** 30);
    const result = await worker.compute('axial', rule);
    assert.equal(result.foreground.slices.length, 320);
    // Voxel n is 1 in a when n % 1 === 0 (all), in b when n is even: TP = half, FN = the other half.
    const voxels = shape[0] * shape[1] * shape[2];
    assert.deepEqual([result.foreground.tp, result.foreground.fp, result.foreground.fn], [voxels / 2, 0, voxels / 2]);
  } finally {
    worker.dispose();
  }
});

/** An uncompressed uint8 NIfTI on disk whose voxel n holds (n % period === 0 ? 1 : 0). */
function writeSynthetic(name: string, shape: readonly [number, number, number], period: number): NamedFile {
  const path = join(scratch, name);
  writeFileSync(path, syntheticNiftiBytes(shape, period));
  return { name, path };
}
