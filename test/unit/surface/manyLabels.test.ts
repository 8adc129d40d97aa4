// Hundreds of labels in one small uint16 pair (nibabel files): labels touching each other and the
// array's faces, values above 255, labels in only one file. Every label, the foreground and every
// label within each sagittal slice must match scipy.ndimage (HD, HD95, ASSD) and the DeepMind
// library (NSD at 1 mm), from scripts/fixtures/make_many_label_surface_fixtures.py. Checked through
// both ways in: the CLI, which streams the files once, and the volumes in memory, as the editor's
// surface thread has them.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { openVolume } from '../../../src/core/io/open';
import { compareVolumes } from '../../../src/core/metrics/compare';
import { surfaceForComparison, withSurface } from '../../../src/core/surface';

const ROOT = resolve(__dirname, '../../../..');
const CLI = join(ROOT, 'dist', 'cli.js');
const FIX = join(ROOT, 'test', 'fixtures', 'surface');

type Num = number | 'inf' | null;
interface Expected {
  readonly hd: Num;
  readonly hd95: Num;
  readonly assd: Num;
  readonly nsd: Num;
  /** [slice index, hd, hd95, assd, nsd] where either mask has the label in that sagittal slice. */
  readonly sagittal: [number, Num, Num, Num, Num][];
}
const fixture = JSON.parse(readFileSync(join(FIX, 'many.json'), 'utf8')) as {
  reference: string;
  prediction: string;
  labels: number[];
  onlyInReference: number;
  onlyInPrediction: number;
  expected: Record<string, Expected>;
};

interface Measured {
  readonly hd: number | null;
  readonly hd95: number | null;
  readonly assd: number | null;
  readonly nsd: number | null;
  readonly slices: readonly { index: number; hd?: number | null; hd95?: number | null; assd?: number | null; nsd?: number | null }[];
}

/** JSON writes Infinity as "inf"; in memory it is Infinity. */
const plain = (v: Num | number | undefined): number | null | undefined => (v === 'inf' ? Infinity : v);

function assertNumber(actual: Num | number | null | undefined, expected: Num, what: string): void {
  const a = plain(actual);
  const e = plain(expected);
  if (a === e) return;
  assert.ok(typeof a === 'number' && typeof e === 'number' && Math.abs(a - e) <= 1e-9 * Math.abs(e), `${what}: expected ${e}, got ${a}`);
}

function assertMeasured(m: Measured, e: Expected, what: string): void {
  assertNumber(m.hd, e.hd, `${what} hd`);
  assertNumber(m.hd95, e.hd95, `${what} hd95`);
  assertNumber(m.assd, e.assd, `${what} assd`);
  assertNumber(m.nsd, e.nsd, `${what} nsd`);
  const bySlice = new Map(e.sagittal.map((row) => [row[0], row]));
  for (const s of m.slices) {
    const row = bySlice.get(s.index);
    if (row === undefined) {
      for (const key of ['hd', 'hd95', 'assd', 'nsd'] as const) assert.equal(s[key], null, `${what} slice ${s.index} ${key}: neither mask is there`);
      continue;
    }
    assertNumber(s.hd, row[1], `${what} slice ${s.index} hd`);
    assertNumber(s.hd95, row[2], `${what} slice ${s.index} hd95`);
    assertNumber(s.assd, row[3], `${what} slice ${s.index} assd`);
    assertNumber(s.nsd, row[4], `${what} slice ${s.index} nsd`);
  }
}

function assertAll(result: { labels: readonly (Measured & { label: number })[]; foreground: Measured; axis: number }): void {
  assert.equal(result.axis, 0, 'sagittal slices are along array axis 0 in these RAS files');
  assert.deepEqual(result.labels.map((l) => l.label), fixture.labels);
  for (const l of result.labels) assertMeasured(l, fixture.expected[String(l.label)]!, `label ${l.label}`);
  assertMeasured(result.foreground, fixture.expected.foreground!, 'foreground');
}

test('the fixture has what it is for: hundreds of labels, some in one file only, values above 255', () => {
  assert.ok(fixture.labels.length >= 300, `${fixture.labels.length} labels`);
  assert.ok(fixture.onlyInReference > 0 && fixture.onlyInPrediction > 0);
  assert.ok(fixture.labels.some((l) => l > 255));
});

test('CLI --surface --json (streamed once): every label, the foreground and each sagittal slice as scipy and DeepMind give them', () => {
  const r = spawnSync(process.execPath, [CLI, 'compare', join(FIX, fixture.reference), join(FIX, fixture.prediction), '--surface', '--json', '--plane', 'sagittal'], {
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  assert.equal(r.status, 0, r.stderr);
  assertAll(JSON.parse(r.stdout) as Parameters<typeof assertAll>[0]);
});

test('volumes in memory (the editor surface thread): the same numbers', async () => {
  const read = async (name: string) => (await openVolume(join(FIX, name))).readAll();
  const [ref, pred] = await Promise.all([read(fixture.reference), read(fixture.prediction)]);
  const dice = await compareVolumes(ref, pred, { plane: 'sagittal' });
  assertAll(withSurface(dice, surfaceForComparison(ref, pred, dice, { toleranceMm: 1, perSlice: true })));
});
