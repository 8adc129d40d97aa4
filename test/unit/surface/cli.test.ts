// `mask-inspector compare --surface` as a person runs it (node dist/cli.js), on NIfTI pairs written
// by nibabel: a label pair whose prediction is stored in LPS order (so it must be reoriented) and a
// probability map. Expected values: scipy.ndimage and the DeepMind library, from
// scripts/fixtures/make_surface_fixtures.py (test/fixtures/surface/cli.json).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';

const ROOT = resolve(__dirname, '../../../..');
const CLI = join(ROOT, 'dist', 'cli.js');
const FIX = join(ROOT, 'test', 'fixtures', 'surface');

type Num = number | 'inf' | null;
interface Expected {
  readonly hd: Num;
  readonly hd95: Num;
  readonly assd: Num;
  readonly nsd: Record<string, Num> | null;
}
interface CliCase {
  readonly reference: string;
  readonly prediction: string;
  readonly labels: number[];
  readonly expected: Record<string, Expected> & { readonly foregroundSlicesK: Expected[] };
}
const fixture = JSON.parse(readFileSync(join(FIX, 'cli.json'), 'utf8')) as { cases: Record<string, CliCase> };

interface SurfaceJson {
  hd: Num;
  hd95: Num;
  assd: Num;
  nsd: Num;
  toleranceMm: number;
  slices: { index: number; hd?: Num; hd95?: Num; assd?: Num; nsd?: Num }[];
}
interface ResultJson {
  labels: (SurfaceJson & { label: number })[];
  foreground: SurfaceJson;
  surface: { conventions: { toleranceMm: number; assd: string }; perSlice: boolean };
}

function cli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function assertNumber(actual: Num | undefined, expected: Num, what: string): void {
  if (actual === expected) return;
  assert.ok(typeof actual === 'number' && typeof expected === 'number' && Math.abs(actual - expected) <= 1e-9 * Math.abs(expected), `${what}: expected ${expected}, got ${actual}`);
}

function assertSurface(actual: Omit<SurfaceJson, 'toleranceMm' | 'slices'>, e: Expected, tolerance: string, what: string): void {
  assertNumber(actual.hd, e.hd, `${what} hd`);
  assertNumber(actual.hd95, e.hd95, `${what} hd95`);
  assertNumber(actual.assd, e.assd, `${what} assd`);
  if (e.nsd !== null) assertNumber(actual.nsd, e.nsd[tolerance], `${what} nsd@${tolerance}`);
}

for (const [name, c] of Object.entries(fixture.cases)) {
  test(`compare --surface --json: ${name} pair matches scipy and DeepMind, per label, foreground and slice`, () => {
    const r = cli('compare', join(FIX, c.reference), join(FIX, c.prediction), '--surface', '--json', '--tolerance', '2');
    assert.equal(r.status, 0, r.stderr);
    const result = JSON.parse(r.stdout) as ResultJson;
    assert.deepEqual(result.labels.map((l) => l.label), c.labels);
    for (const l of result.labels) assertSurface(l, c.expected[String(l.label)], '2.0', `label ${l.label}`);
    assertSurface(result.foreground, c.expected.foreground, '2.0', 'foreground');
    assert.equal(result.foreground.toleranceMm, 2);
    assert.equal(result.surface.conventions.toleranceMm, 2);
    assert.equal(result.surface.perSlice, true);
    c.expected.foregroundSlicesK.forEach((e, k) => {
      const s = result.foreground.slices.find((x) => x.index === k)!;
      assertSurface({ hd: s.hd ?? null, hd95: s.hd95 ?? null, assd: s.assd ?? null, nsd: s.nsd ?? null }, e, '2.0', `foreground slice ${k}`);
    });
  });
}

test('compare --surface: the table gains HD, HD95, ASSD and NSD columns and says what they are', () => {
  const c = fixture.cases.labels;
  const r = cli('compare', join(FIX, c.reference), join(FIX, c.prediction), '--surface');
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /label\s+Dice.*HD mm\s+HD95 mm\s+ASSD mm\s+NSD@1mm/);
  const row7 = r.stdout.split('\n').find((l) => l.startsWith('7 '))!;
  assert.match(row7, /inf\s+inf\s+inf\s+0\.0000$/); // label 7 is only in the reference
  const foreground = r.stdout.split('\n').find((l) => l.startsWith('foreground'))!;
  const e = c.expected.foreground;
  assert.ok(foreground.includes(` ${(e.hd as number).toFixed(2)} `), foreground);
  assert.ok(foreground.endsWith(` ${(e.nsd!['1.0'] as number).toFixed(4)}`), foreground);
  assert.match(r.stdout, /NSD = surface Dice at 1 mm/);
});

test('compare --surface --csv: per-slice columns, inf and empty cells as in the JSON', () => {
  const c = fixture.cases.labels;
  const r = cli('compare', join(FIX, c.reference), join(FIX, c.prediction), '--surface', '--csv');
  assert.equal(r.status, 0, r.stderr);
  const rows = r.stdout.trimEnd().split('\n');
  assert.equal(rows[0], 'label,index,tp,fp,fn,dice,hd,hd95,assd,nsd');
  c.expected.foregroundSlicesK.forEach((e, k) => {
    const cells = rows.find((row) => row.startsWith(`foreground,${k},`))!.split(',');
    const parse = (v: string): Num => (v === '' ? null : v === 'inf' ? 'inf' : Number(v));
    assertSurface({ hd: parse(cells[6]), hd95: parse(cells[7]), assd: parse(cells[8]), nsd: parse(cells[9]) }, e, '1.0', `csv slice ${k}`);
  });
});

test('without --surface the output has no surface fields; --tolerance alone or negative is refused', () => {
  const c = fixture.cases.labels;
  const plain = cli('compare', join(FIX, c.reference), join(FIX, c.prediction), '--json');
  assert.equal(plain.status, 0, plain.stderr);
  assert.ok(!('surface' in JSON.parse(plain.stdout)));
  assert.equal(cli('compare', join(FIX, c.reference), join(FIX, c.prediction), '--csv').stdout.split('\n')[0], 'label,index,tp,fp,fn,dice');
  for (const args of [['--tolerance', '2'], ['--surface', '--tolerance', '-1'], ['--surface', '--tolerance', 'x']]) {
    const r = cli('compare', join(FIX, c.reference), join(FIX, c.prediction), ...args);
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr, /^mask-inspector: .*tolerance.*\n$/);
  }
});
