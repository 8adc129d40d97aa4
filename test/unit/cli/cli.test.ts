// The built CLI as a person runs it: `node dist/cli.js ...`, checked for exit status, stdout formats
// and the one-line stderr on bad input. Expected numbers come from the numpy fixture file.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import type { ComparisonResult } from '../../../src/core/metrics/types';

const ROOT = resolve(__dirname, '../../../..');
const CLI = join(ROOT, 'dist', 'cli.js');
const FIX = join(ROOT, 'test', 'fixtures', 'metrics');
const fixture = (name: string): string => join(FIX, name);

interface ExpectedCase {
  planes: Record<string, { foreground: { dice: number; slices: unknown[] }; labels: { label: number; dice: number | null; slices: { index: number; tp: number; fp: number; fn: number; dice: number | null }[] }[]; flagged: { label: number | null; index: number }[] }>;
}
const expected = JSON.parse(readFileSync(join(FIX, 'expected.json'), 'utf8')) as { cases: Record<string, ExpectedCase> };

function cli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Exit 2, exactly one line on stderr, no stack trace, mentioning `mention`. */
function assertRefused(r: ReturnType<typeof cli>, mention: string): void {
  assert.equal(r.status, 2, `exit status (stderr: ${r.stderr})`);
  const lines = r.stderr.split('\n').filter((l) => l !== '');
  assert.equal(lines.length, 1, `one line on stderr: ${r.stderr}`);
  assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
  assert.ok(r.stderr.includes(mention), `stderr mentions ${mention}: ${r.stderr}`);
}

test('--help prints the usage and exits 0', () => {
  const r = cli('--help');
  assert.equal(r.status, 0);
  assert.match(r.stdout, /mask-inspector compare REFERENCE PREDICTION/);
});

test('compare --json prints one object with the documented schema and numpy\'s numbers', () => {
  const r = cli('compare', fixture('multilabel_ref.nii.gz'), fixture('multilabel_pred.nii.gz'), '--json', '--plane', 'coronal');
  assert.equal(r.status, 0, r.stderr);
  const result = JSON.parse(r.stdout) as ComparisonResult;
  const want = expected.cases.multilabel_uint8!.planes.coronal!;
  assert.equal(result.reference.path, fixture('multilabel_ref.nii.gz'));
  assert.deepEqual(result.reference.shape, [13, 11, 9]);
  assert.deepEqual(result.reference.spacing, [1.5, 2, 2.5]);
  assert.equal(result.reference.orientation, 'RAS');
  assert.equal(result.reference.dataType, 'uint8');
  assert.equal(result.plane, 'coronal');
  assert.equal(result.axis, 1);
  assert.equal(result.threshold, 0.8);
  assert.equal(result.foreground.dice, want.foreground.dice);
  assert.equal(result.foreground.slices.length, 11);
  assert.deepEqual(result.labels.map((l) => l.label), want.labels.map((l) => l.label));
  assert.equal(result.geometry.alignment, 'identical');
  for (const key of ['emptyMasks', 'smoothing', 'plane', 'probabilityMaps', 'means', 'ranking'] as const) assert.equal(typeof result.conventions[key], 'string');
  assert.match(result.conventions.ranking, /at least 10 mm²/);
  assert.equal(result.minErrorMm2, 10);
  assert.equal(result.flagged.length, want.flagged.length);
  assert.ok(result.flagged.length > 0 && result.flagged.every((f, i) => i === 0 || f.severity <= result.flagged[i - 1]!.severity));
  assert.equal(result.softDice, undefined);
});

test('--min-error-mm2 sets the noise floor (0: every slice below the threshold) and the JSON says so', () => {
  for (const [floor, name] of [['0', 'multilabel_uint8_no_floor'], ['40', 'multilabel_uint8_floor_40']] as const) {
    const r = cli('compare', fixture('multilabel_ref.nii.gz'), fixture('multilabel_pred.nii.gz'), '--json', '--min-error-mm2', floor);
    assert.equal(r.status, 0, r.stderr);
    const result = JSON.parse(r.stdout) as ComparisonResult;
    assert.equal(result.minErrorMm2, Number(floor));
    assert.match(result.conventions.ranking, new RegExp(`at least ${floor} mm²`));
    const want = expected.cases[name]!.planes.axial!.flagged;
    assert.deepEqual(result.flagged.map((f) => [f.label, f.index]), want.map((f) => [f.label, f.index]), 'numpy\'s problems, in numpy\'s order');
  }
  assertRefused(cli('compare', fixture('multilabel_ref.nii.gz'), fixture('multilabel_pred.nii.gz'), '--min-error-mm2', '-1'), '--min-error-mm2');
});

test('compare --csv prints a header and one row per (label, slice)', () => {
  const r = cli('compare', fixture('multilabel_ref.nii.gz'), fixture('multilabel_pred.nii.gz'), '--csv');
  assert.equal(r.status, 0, r.stderr);
  const lines = r.stdout.trim().split('\n');
  assert.equal(lines[0], 'label,index,tp,fp,fn,dice');
  const want = expected.cases.multilabel_uint8!.planes.axial!;
  assert.equal(lines.length - 1, (want.labels.length + 1) * 9);
  const label4 = want.labels.find((l) => l.label === 4)!;
  for (const s of label4.slices) {
    assert.ok(lines.includes(`4,${s.index},${s.tp},${s.fp},${s.fn},${s.dice === null ? '' : String(s.dice)}`), `row for label 4 slice ${s.index}`);
  }
});

test('compare prints a readable table by default', () => {
  const r = cli('compare', fixture('prob_ref.nii.gz'), fixture('prob_pred.nii.gz'));
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /foreground\s+0\.7597/);
  assert.match(r.stdout, /Mean Dice over labels: 0\.7597/);
  assert.match(r.stdout, /Soft Dice: 0\.6108/);
  assert.match(r.stdout, /probability map/);
  assert.match(r.stdout, /Worst \d+ of \d+ flagged slices \(Dice < 0\.8, error ≥ 10 mm²\), most severe first/);
});

test('bad input and bad usage: exit 2 with one line on stderr', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mask-inspector-cli-'));
  const empty = join(dir, 'empty.nii.gz');
  writeFileSync(empty, '');
  const ref = fixture('multilabel_ref.nii.gz');
  assertRefused(cli('compare', ref, join(dir, 'missing.nii.gz')), 'missing.nii.gz');
  assertRefused(cli('compare', ref, empty), 'empty.nii.gz');
  assertRefused(cli('compare', ref, fixture('multilabel_pred_shifted.nii.gz')), 'origin');
  assertRefused(cli('compare', ref, fixture('int32_pred.nii.gz')), 'shape');
  assertRefused(cli('compare', fixture('empty.nii.gz'), fixture('float_fraction.nii.gz')), '2.5');
  assertRefused(cli('compare', ref), 'REFERENCE PREDICTION');
  assertRefused(cli('compare', ref, ref, '--bogus'), '--bogus');
  assertRefused(cli('compare', ref, ref, '--prob-threshold', '0'), '--prob-threshold');
  assertRefused(cli('compare', ref, ref, '--threshold', 'high'), '--threshold');
  assertRefused(cli('compare', ref, ref, '--json', '--csv'), '--csv');
  assertRefused(cli('compare', ref, ref, '--volume', '1'), '4-D');
  assertRefused(cli('frobnicate'), 'frobnicate');
  assertRefused(cli('batch', join(dir, 'no-such-folder'), dir), 'does not exist');
  assertRefused(cli('phantom', join(empty, 'out')), 'part of the path is a file');
});

test('--volume picks a volume of a 4-D file and the output says which', () => {
  const four = join(ROOT, 'test', 'fixtures', 'io', 'four_d_int16.nii.gz');
  const r = cli('compare', four, four, '--volume', '2', '--json');
  assert.equal(r.status, 0, r.stderr);
  const result = JSON.parse(r.stdout) as ComparisonResult;
  assert.deepEqual(result.reference.volume, { index: 2, of: 3 });
  assert.equal(result.foreground.dice, 1);
  assertRefused(cli('compare', four, four, '--volume', '3'), 'volume index 3');
});

test('--ignore-geometry compares voxel by voxel and says so', () => {
  const r = cli('compare', fixture('multilabel_ref.nii.gz'), fixture('multilabel_pred_shifted.nii.gz'), '--ignore-geometry', '--json');
  assert.equal(r.status, 0, r.stderr);
  const result = JSON.parse(r.stdout) as ComparisonResult;
  assert.equal(result.geometry.alignment, 'ignored');
  assert.match(result.geometry.note, /origin/);
  assert.equal(result.foreground.dice, expected.cases.shifted_origin_ignored!.planes.axial!.foreground.dice);
});

test('batch pairs files by name, summarises over cases and lists what it could not pair', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mask-inspector-batch-'));
  const refs = join(dir, 'refs');
  const preds = join(dir, 'preds');
  mkdirSync(refs);
  mkdirSync(preds);
  copyFileSync(fixture('multilabel_ref.nii.gz'), join(refs, 'case1.nii.gz'));
  copyFileSync(fixture('multilabel_pred.nii.gz'), join(preds, 'case1.nii.gz'));
  copyFileSync(fixture('prob_ref.nii.gz'), join(refs, 'case2.nii.gz'));
  copyFileSync(fixture('prob_pred.nii.gz'), join(preds, 'case2.nii.gz'));
  copyFileSync(fixture('some.nii.gz'), join(refs, 'case3.nii.gz'));
  const out = join(dir, 'summary.json');
  const r = cli('batch', refs, preds, '--json-out', out, '--jobs', '2');
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /2 of 2 cases compared/);
  const summary = JSON.parse(readFileSync(out, 'utf8')) as {
    cases: { name: string; foreground: { dice: number } }[];
    labels: Record<string, { dice: { mean: number; median: number; min: number; n: number } }>;
    foreground: { dice: { mean: number; min: number; n: number } };
    unmatched: { references: string[]; predictions: string[] };
  };
  const d1 = expected.cases.multilabel_uint8!.planes.axial!.foreground.dice;
  const d2 = expected.cases.probability!.planes.axial!.foreground.dice;
  assert.deepEqual(summary.cases.map((c) => c.name), ['case1.nii.gz', 'case2.nii.gz']);
  assert.ok(Math.abs(summary.foreground.dice.mean - (d1 + d2) / 2) < 1e-12);
  assert.equal(summary.foreground.dice.min, Math.min(d1, d2));
  assert.equal(summary.foreground.dice.n, 2);
  // Label 1 is in both cases; label 5 only in case 1 (the other case skips it, nanmean-style).
  assert.equal(summary.labels['1']!.dice.n, 2);
  assert.equal(summary.labels['5']!.dice.n, 1);
  assert.deepEqual(summary.unmatched, { references: ['case3.nii.gz'], predictions: [] });
});

test('batch reports failed cases on one stderr line, exit 2, and still summarises the rest', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mask-inspector-batch-'));
  mkdirSync(join(dir, 'r'));
  mkdirSync(join(dir, 'p'));
  copyFileSync(fixture('multilabel_ref.nii.gz'), join(dir, 'r', 'a.nii.gz'));
  copyFileSync(fixture('multilabel_pred.nii.gz'), join(dir, 'p', 'a.nii.gz'));
  copyFileSync(fixture('multilabel_ref.nii.gz'), join(dir, 'r', 'b.nii.gz'));
  copyFileSync(fixture('multilabel_pred_shifted.nii.gz'), join(dir, 'p', 'b.nii.gz'));
  const r = cli('batch', join(dir, 'r'), join(dir, 'p'), '--json');
  assertRefused(r, 'b.nii.gz');
  const summary = JSON.parse(r.stdout) as { failed: number; foreground: { dice: { n: number } } };
  assert.equal(summary.failed, 1);
  assert.equal(summary.foreground.dice.n, 1);
});

test('phantom writes the same files every time, and they compare as a six-label pair', () => {
  const a = mkdtempSync(join(tmpdir(), 'mask-inspector-phantom-'));
  const b = mkdtempSync(join(tmpdir(), 'mask-inspector-phantom-'));
  for (const dir of [a, b]) assert.equal(cli('phantom', dir, '--shape', '48,40,24').status, 0);
  for (const f of ['reference.nii.gz', 'prediction.nii.gz', 'image.nii.gz']) {
    assert.ok(readFileSync(join(a, f)).equals(readFileSync(join(b, f))), `${f} is deterministic`);
  }
  const r = cli('compare', join(a, 'reference.nii.gz'), join(a, 'prediction.nii.gz'), '--json');
  assert.equal(r.status, 0, r.stderr);
  const result = JSON.parse(r.stdout) as ComparisonResult;
  assert.deepEqual(result.labels.map((l) => l.label), [1, 2, 3, 4, 5, 6]);
  assert.ok(result.foreground.dice! > 0.7 && result.foreground.dice! < 0.99, 'realistically wrong');
  assertRefused(cli('phantom', a, '--shape', '48,40'), '--shape');
});

const plastimatch = spawnSync('plastimatch', ['--version'], { encoding: 'utf8' });
test('foreground Dice agrees with plastimatch dice', { skip: plastimatch.status === 0 ? false : 'plastimatch is not installed (scripts/setup-test-env.sh installs it)' }, () => {
  for (const pred of ['multilabel_pred.nii.gz', 'multilabel_pred_lps.nii.gz', 'multilabel_pred_kji.nii.gz']) {
    const p = spawnSync('plastimatch', ['dice', fixture('multilabel_ref.nii.gz'), fixture(pred)], { encoding: 'utf8' });
    const theirs = Number(/DICE:\s+([0-9.]+)/.exec(p.stdout)?.[1]);
    const ours = JSON.parse(cli('compare', fixture('multilabel_ref.nii.gz'), fixture(pred), '--json').stdout) as ComparisonResult;
    assert.ok(Math.abs(ours.foreground.dice! - theirs) < 5e-7, `${pred}: ours ${ours.foreground.dice}, plastimatch ${theirs}`);
  }
});

test('the default plane is the reference\'s acquisition plane: a real sagittal spine MR is compared sagittally, as numpy finds it; --plane overrides', () => {
  const ref = join(ROOT, 'test', 'fixtures', 'real', 'panoptica-spine', 'ref.nii.gz');
  const pred = join(ROOT, 'test', 'fixtures', 'real', 'panoptica-spine', 'pred.nii.gz');
  const r = cli('compare', ref, pred, '--json');
  assert.equal(r.status, 0, r.stderr);
  const result = JSON.parse(r.stdout) as ComparisonResult;
  assert.equal(result.plane, 'sagittal');
  assert.match(result.conventions.plane, /sagittal plane was chosen as the reference's acquisition plane/);
  const want = expected.cases.real_spine!.planes.sagittal!;
  assert.deepEqual(result.flagged.map((f) => [f.label, f.index]), want.flagged.map((f) => [f.label, f.index]), 'numpy\'s problems, in numpy\'s order');
  const axial = JSON.parse(cli('compare', ref, pred, '--json', '--plane', 'axial').stdout) as ComparisonResult;
  assert.equal(axial.plane, 'axial');
  assert.deepEqual(axial.flagged.map((f) => [f.label, f.index]), expected.cases.real_spine!.planes.axial!.flagged.map((f) => [f.label, f.index]));
  assertRefused(cli('compare', ref, pred, '--plane', 'oblique'), '--plane must be auto or one of');
});
