// `compare --surface --tolerance-label L=MM`: a per-label NSD tolerance, the foreground and other
// labels keeping --tolerance. Expected values: the DeepMind library's surface Dice at 0.5, 1 and
// 2 mm for the same nibabel pairs (scripts/fixtures/make_surface_fixtures.py -> cli.json).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';

const ROOT = resolve(__dirname, '../../../..');
const CLI = join(ROOT, 'dist', 'cli.js');
const FIX = join(ROOT, 'test', 'fixtures', 'surface');

type Num = number | 'inf' | null;
interface CliCase {
  readonly reference: string;
  readonly prediction: string;
  readonly expected: Record<string, { readonly nsd: Record<string, Num> }>;
}
const cases = (JSON.parse(readFileSync(join(FIX, 'cli.json'), 'utf8')) as { cases: Record<string, CliCase> }).cases;

interface Nsd {
  nsd: Num;
  toleranceMm: number;
}
interface ResultJson {
  labels: (Nsd & { label: number })[];
  foreground: Nsd;
  surface: { conventions: { toleranceMm: number } };
}

function cli(c: CliCase, ...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, 'compare', join(FIX, c.reference), join(FIX, c.prediction), ...args], { encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function assertNsd(actual: Nsd, expected: Record<string, Num>, tolerance: string, what: string): void {
  assert.equal(actual.toleranceMm, Number(tolerance), `${what} toleranceMm`);
  const want = expected[tolerance]!;
  assert.ok(typeof actual.nsd === 'number' && typeof want === 'number' && Math.abs(actual.nsd - want) <= 1e-9, `${what}: NSD@${tolerance} ${want}, got ${actual.nsd}`);
}

test('--tolerance-label sets τ for the labels named; the foreground and the others keep --tolerance', () => {
  const c = cases.labels!;
  const r = cli(c, '--surface', '--json', '--tolerance', '1', '--tolerance-label', '2=2', '--tolerance-label', '3=0.5');
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stderr, '');
  const result = JSON.parse(r.stdout) as ResultJson;
  const label = (n: number): Nsd => result.labels.find((l) => l.label === n)!;
  assertNsd(label(1), c.expected['1']!.nsd, '1.0', 'label 1');
  assertNsd(label(2), c.expected['2']!.nsd, '2.0', 'label 2');
  assertNsd(label(3), c.expected['3']!.nsd, '0.5', 'label 3');
  assertNsd(result.foreground, c.expected.foreground!.nsd, '1.0', 'foreground');
  assert.equal(result.surface.conventions.toleranceMm, 1);
});

test('a binary pair: label 1 at its own τ, the foreground (the same voxels) at the global one', () => {
  const c = cases.probability!;
  const result = JSON.parse(cli(c, '--surface', '--json', '--tolerance-label', '1=2').stdout) as ResultJson;
  assertNsd(result.labels[0]!, c.expected['1']!.nsd, '2.0', 'label 1');
  assertNsd(result.foreground, c.expected.foreground!.nsd, '1.0', 'foreground');
});

test('the table shows a τ column when labels differ in tolerance', () => {
  const c = cases.labels!;
  const r = cli(c, '--surface', '--tolerance-label', '2=2');
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /ASSD mm\s+NSD\s+τ mm$/m);
  const row = (start: string): string => r.stdout.split('\n').find((l) => l.startsWith(start))!;
  assert.ok(row('2 ').endsWith(` ${(c.expected['2']!.nsd['2.0'] as number).toFixed(4)}     2`), row('2 '));
  assert.ok(row('1 ').endsWith(` ${(c.expected['1']!.nsd['1.0'] as number).toFixed(4)}     1`), row('1 '));
  assert.match(r.stdout, /NSD = surface Dice at τ mm \(1 mm unless --tolerance-label set it\)/);
});

test('a label in neither mask gets a warning on stderr and the comparison goes on', () => {
  const r = cli(cases.labels!, '--surface', '--json', '--tolerance-label', '5=2');
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stderr, 'mask-inspector: warning: --tolerance-label gives a tolerance for label 5, in neither mask.\n');
  assert.ok((JSON.parse(r.stdout) as ResultJson).labels.every((l) => l.toleranceMm === 1));
});

test('bad --tolerance-label values, repeats, and use without --surface are refused in one line', () => {
  for (const args of [
    ['--tolerance-label', '2=1'],
    ['--surface', '--tolerance-label', '2'],
    ['--surface', '--tolerance-label', '2:1'],
    ['--surface', '--tolerance-label', 'x=1'],
    ['--surface', '--tolerance-label', '2=-1'],
    ['--surface', '--tolerance-label', '2=mm'],
    ['--surface', '--tolerance-label', '2=1', '--tolerance-label', '2=3'],
  ]) {
    const r = cli(cases.labels!, ...args);
    assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, /^mask-inspector: .*--tolerance-label.*\n$/, args.join(' '));
  }
});
