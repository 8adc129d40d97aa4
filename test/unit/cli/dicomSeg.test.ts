// DICOM SEG through the built CLI as a person runs it: a SEG against the NIfTI nibabel wrote from the
// same labels agrees to the voxel (numpy's counts), batch pairs case1.dcm with case1.nii.gz, and bad
// SEG input exits 2 with one line. Fixtures: scripts/fixtures/make_dicomseg_fixtures.py.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import type { ComparisonResult } from '../../../src/core/metrics/types';

const ROOT = resolve(__dirname, '../../../..');
const CLI = join(ROOT, 'dist', 'cli.js');
const DIR = join(ROOT, 'test', 'fixtures', 'dicomseg');
const fixture = (name: string): string => join(DIR, name);
/** --json output: each label carries its name. */
type NamedResult = Omit<ComparisonResult, 'labels'> & { labels: (ComparisonResult['labels'][number] & { name: string | null })[] };

const expected = JSON.parse(readFileSync(fixture('expected.json'), 'utf8')) as {
  seg: Record<string, { counts: Record<string, number>; segments: { number: number; label: string }[] }>;
  bad: Record<string, { mention: string }>;
  renumbered: { file: string; of: string; number_by_label: Record<string, number> };
};

function cli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('compare: a SEG against the NIfTI written from it agrees to the voxel, labels named by SegmentLabel', () => {
  const want = expected.seg['binary.dcm']!;
  for (const [ref, pred] of [['binary.dcm', 'binary.nii.gz'], ['binary.nii.gz', 'binary.dcm']] as const) {
    const r = cli('compare', fixture(ref), fixture(pred), '--json');
    assert.equal(r.status, 0, r.stderr);
    const result = JSON.parse(r.stdout) as NamedResult;
    assert.equal(result.geometry.alignment, 'identical');
    assert.deepEqual(result.labels.map((l) => l.label), Object.keys(want.counts).map(Number));
    for (const l of result.labels) {
      assert.deepEqual([l.tp, l.fp, l.fn], [want.counts[String(l.label)], 0, 0], `label ${l.label}`);
      assert.equal(l.name, want.segments.find((s) => s.number === l.label)!.label);
    }
  }
});

test('dcmjs is bundled: a SEG compares from a lone copy of dist/cli.js with no node_modules above it', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mi-seg-lone-'));
  try {
    copyFileSync(CLI, join(dir, 'cli.js'));
    const r = spawnSync(process.execPath, [join(dir, 'cli.js'), 'compare', fixture('binary.dcm'), fixture('binary.nii.gz'), '--json'], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.equal((JSON.parse(r.stdout) as ComparisonResult).foreground.dice, 1);
    assert.equal(r.stderr, '', 'dcmjs writes nothing to the console');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('compare: overlapping segments are compared layer by layer with --volume, and a warning says which layer', () => {
  const r = cli('compare', fixture('overlap.dcm'), fixture('overlap.dcm'), '--volume', '1', '--json');
  assert.equal(r.status, 0, r.stderr);
  const result = JSON.parse(r.stdout) as NamedResult;
  assert.deepEqual(result.labels.map((l) => [l.label, l.name, l.tp]), [[2, 'oedema', expected.seg['overlap.dcm']!.counts['2']]]);
  assert.match(r.stderr, /^mask-inspector: warning: .*overlap\.dcm: its segments overlap, so they are read as 2 layers; layer 1 is read \(oedema\)/);
});

test('compare: two SEGs that number the same segments differently are matched by SegmentLabel, and say so', () => {
  const { file, of, number_by_label: renumbered } = expected.renumbered;
  const r = cli('compare', fixture(of), fixture(file), '--json');
  assert.equal(r.status, 0, r.stderr);
  const result = JSON.parse(r.stdout) as NamedResult;
  const want = expected.seg[of]!;
  assert.ok(Object.entries(renumbered).some(([label, n]) => want.segments.find((s) => s.label === label)!.number !== n), 'the fixture really renumbers');
  for (const l of result.labels) assert.deepEqual([l.name, l.tp, l.fp, l.fn], [want.segments.find((s) => s.number === l.label)!.label, want.counts[String(l.label)], 0, 0]);
  assert.match(r.stderr, /matched by name/);
});

test('compare: a SEG on another grid is refused with the sentence naming what differs', () => {
  const r = cli('compare', fixture('overlap.dcm'), fixture('binary.nii.gz'));
  assert.equal(r.status, 2, r.stderr);
  assert.match(r.stderr, /not on the grid/);
});

test('batch pairs case1.dcm with case1.nii.gz by case name', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mi-seg-batch-'));
  mkdirSync(join(dir, 'r'));
  mkdirSync(join(dir, 'p'));
  copyFileSync(fixture('binary.dcm'), join(dir, 'r', 'case1.dcm'));
  copyFileSync(fixture('binary.nii.gz'), join(dir, 'p', 'case1.nii.gz'));
  const r = cli('batch', join(dir, 'r'), join(dir, 'p'), '--json');
  assert.equal(r.status, 0, r.stderr);
  const summary = JSON.parse(r.stdout) as { cases: { prediction: string; foreground: { dice: number; tp: number } }[] };
  assert.equal(summary.cases.length, 1);
  assert.equal(summary.cases[0]!.prediction, join(dir, 'p', 'case1.nii.gz'));
  assert.equal(summary.cases[0]!.foreground.dice, 1);
  assert.equal(summary.cases[0]!.foreground.tp, Object.values(expected.seg['binary.dcm']!.counts).reduce((a, b) => a + b, 0));
});

for (const [name, { mention }] of Object.entries(expected.bad)) {
  test(`bad SEG input ${name}: exit 2, one line on stderr`, () => {
    const r = cli('compare', fixture(name), fixture('binary.nii.gz'));
    assert.equal(r.status, 2, r.stderr);
    const lines = r.stderr.split('\n').filter((l) => l !== '');
    assert.equal(lines.length, 1, r.stderr);
    assert.ok(lines[0]!.toLowerCase().includes(mention.toLowerCase()), r.stderr);
  });
}
