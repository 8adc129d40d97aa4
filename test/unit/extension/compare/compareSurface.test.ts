// Boundary metrics through the comparison's worker (dist/compareWorker.js, which runs them in
// dist/surfaceWorker.js): after the Dice metrics, on the nibabel fixture pair whose prediction is
// stored in LPS order, they equal scipy's and the DeepMind library's (test/fixtures/surface/cli.json,
// from scripts/fixtures/make_surface_fixtures.py), per label, foreground and slice; progress ends
// at 1; slices are answered while they run; a cancel stops them and the worker stays usable.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { niftiHeader } from '../../../../src/core/io/niftiWriter';
import type { Affine } from '../../../../src/core/volume';
import { CompareWorker, CompareWorkerFailure } from '../../../../src/extension/compare/compareWorker';

const root = join(__dirname, '..', '..', '..', '..', '..');
const script = join(root, 'dist', 'compareWorker.js');
const surfaceDir = join(root, 'test', 'fixtures', 'surface');

type Num = number | 'inf' | null;
interface Expected { hd: Num; hd95: Num; assd: Num; nsd: Record<string, Num> }
const cli = JSON.parse(readFileSync(join(surfaceDir, 'cli.json'), 'utf8')) as {
  cases: { labels: { labels: number[]; expected: Record<string, Expected> & { foregroundSlicesK: Expected[] } } };
};

const file = (name: string): { name: string; bytes: Uint8Array } => {
  const b = readFileSync(join(surfaceDir, name));
  return { name, bytes: new Uint8Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength)) };
};

/** JSON's "inf" is Infinity; numbers agree to 1e-9 relative (the fixtures' float32 spacing is exact in both). */
function assertNum(actual: number | null | undefined, expected: Num, what: string): void {
  const want = expected === 'inf' ? Infinity : expected;
  if (actual === want) return;
  assert.ok(typeof actual === 'number' && typeof want === 'number' && Math.abs(actual - want) <= 1e-9 * Math.abs(want), `${what}: expected ${want}, got ${actual}`);
}

test('after the Dice metrics: HD, HD95, ASSD, NSD per label, foreground and axial slice equal scipy/DeepMind', async () => {
  const worker = new CompareWorker(script);
  try {
    const { volumes } = await worker.open(file('labels_ref.nii.gz'), file('labels_pred_lps.nii.gz'), 2 ** 30);
    assert.equal(volumes.alignment, 'reoriented');
    await assert.rejects(worker.surface(1, true), /before the Dice metrics/);
    const dice = await worker.compute('axial', { threshold: 0.8, minErrorMm2: 10 });
    const progress: number[] = [];
    const result = await worker.surface(1, true, (f) => progress.push(f));
    assert.equal(progress.at(-1), 1);
    assert.deepEqual(result.flagged, dice.flagged, 'the Dice part is the compute result');
    assert.deepEqual(result.labels.map((l) => l.label), cli.cases.labels.labels);
    assert.equal(result.surface.perSlice, true);
    assert.equal(result.surface.conventions.toleranceMm, 1);
    const want = cli.cases.labels.expected;
    for (const l of result.labels) {
      const e = want[String(l.label)]!;
      assertNum(l.hd, e.hd, `label ${l.label} hd`);
      assertNum(l.hd95, e.hd95, `label ${l.label} hd95`);
      assertNum(l.assd, e.assd, `label ${l.label} assd`);
      assertNum(l.nsd, e.nsd['1.0']!, `label ${l.label} nsd`);
    }
    assertNum(result.foreground.hd95, want.foreground.hd95, 'foreground hd95');
    assertNum(result.foreground.nsd, want.foreground.nsd['1.0']!, 'foreground nsd');
    assert.equal(result.axis, 2);
    result.foreground.slices.forEach((s, k) => {
      const e = want.foregroundSlicesK[k]!;
      assertNum(s.hd95, e.hd95, `foreground slice ${k} hd95`);
      assertNum(s.nsd, e.nsd['1.0']!, `foreground slice ${k} nsd`);
    });
    // Another τ, 3-D only.
    const at2 = await worker.surface(2, false);
    assert.equal(at2.surface.perSlice, false);
    assertNum(at2.foreground.nsd, want.foreground.nsd['2.0']!, 'foreground nsd at 2 mm');
    assert.equal('hd95' in at2.foreground.slices[3]!, false);
  } finally {
    worker.dispose();
  }
});

test('slices are answered while the surface thread runs; a cancel stops it and the worker goes on', async () => {
  const worker = new CompareWorker(script);
  try {
    const shape = [192, 192, 96] as const;
    await worker.open(ballNifti('a.nii', shape, [96, 96, 48], 60), ballNifti('b.nii', shape, [99, 94, 48], 57), 2 ** 30);
    await worker.compute('axial', { threshold: 0.8, minErrorMm2: 10 });
    let settled = false;
    const running = worker.surface(1, true).finally(() => (settled = true));
    const slice = await worker.slice('axial', 48);
    assert.equal(slice.reference.width, 192);
    assert.equal(settled, false, 'the slice came back before the surface metrics');
    await running;

    const controller = new AbortController();
    const seen: number[] = [];
    const cancelled = worker.surface(1, true, (f) => {
      seen.push(f);
      controller.abort();
    }, controller.signal);
    await assert.rejects(cancelled, (e: unknown) => e instanceof CompareWorkerFailure && e.cancelled);
    assert.ok(seen.length >= 1 && seen.at(-1)! < 1, `stopped part-way: ${seen.join(', ')}`);
    const again = await worker.surface(1, false);
    assert.ok(typeof again.foreground.hd95 === 'number' && again.foreground.hd95 > 0);
  } finally {
    worker.dispose();
  }
});

/** An uncompressed uint8 NIfTI (1 mm voxels) holding a ball of `radius` voxels around `centre`. */
function ballNifti(name: string, shape: readonly [number, number, number], centre: readonly number[], radius: number): { name: string; bytes: Uint8Array } {
  const affine: Affine = [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1];
  const header = niftiHeader({ shape: [...shape], affine, dataType: 'uint8' });
  const bytes = new Uint8Array(header.length + shape[0] * shape[1] * shape[2]);
  bytes.set(header);
  let n = header.length;
  for (let k = 0; k < shape[2]; k++) {
    for (let j = 0; j < shape[1]; j++) {
      for (let i = 0; i < shape[0]; i++, n++) {
        const d = (i - centre[0]!) ** 2 + (j - centre[1]!) ** 2 + (k - centre[2]!) ** 2;
        if (d <= radius * radius) bytes[n] = 1;
      }
    }
  }
  return { name, bytes };
}
