// The CLI on the other formats as a person runs it: a .seg.nrrd against the .nii.gz written from the
// same array agrees to the voxel, batch pairs case names across formats, and each bad file is one
// line on stderr with exit status 2.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { test } from 'node:test';
import type { ComparisonResult } from '../../../src/core/metrics/types';

const ROOT = resolve(__dirname, '../../../..');
const CLI = join(ROOT, 'dist', 'cli.js');
const DIR = join(ROOT, 'test', 'fixtures', 'formats');
const at = (name: string): string => join(DIR, name);
const expected = JSON.parse(readFileSync(at('expected.json'), 'utf8')) as { multilabel: { counts: Record<string, number> } };

function cli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('a .seg.nrrd, .nrrd, .mha and .mhd each agree to the voxel with the .nii.gz of the same array', () => {
  for (const name of ['slicer_one_layer.seg.nrrd', 'itk_multilabel.nrrd', 'itk_multilabel.mha', 'itk_multilabel.mhd', 'itk_multilabel.nhdr']) {
    const r = cli('compare', at('multilabel.nii.gz'), at(name), '--json');
    assert.equal(r.status, 0, r.stderr);
    const result = JSON.parse(r.stdout) as ComparisonResult;
    assert.equal(result.geometry.alignment, 'identical', name);
    assert.equal(result.foreground.fp + result.foreground.fn, 0, name);
    assert.deepEqual(Object.fromEntries(result.labels.map((l) => [String(l.label), l.refVoxels])), expected.multilabel.counts, name);
  }
});

test('bad NRRD and MetaImage files: exit 2 and one line naming the file', () => {
  for (const name of ['missing_data.nhdr', 'hex_encoding.nrrd', 'bzip2.nrrd', 'truncated.nrrd', 'truncated.mha', 'truncated_zlib.mha', 'list_too_short.mhd']) {
    const r = cli('compare', at('multilabel.nii.gz'), at(`bad/${name}`));
    assert.equal(r.status, 2, `${name}: ${r.stderr}`);
    const lines = r.stderr.split('\n').filter((l) => l !== '');
    assert.equal(lines.length, 1, r.stderr);
    assert.ok(r.stderr.includes(name), r.stderr);
  }
});

test('batch pairs case1.nii.gz with case1.seg.nrrd and case2.nii.gz with case2.mha', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mask-inspector-formats-'));
  mkdirSync(join(dir, 'ref'));
  mkdirSync(join(dir, 'pred'));
  copyFileSync(at('multilabel.nii.gz'), join(dir, 'ref', 'case1.nii.gz'));
  copyFileSync(at('slicer_one_layer.seg.nrrd'), join(dir, 'pred', 'case1.seg.nrrd'));
  copyFileSync(at('multilabel.nii.gz'), join(dir, 'ref', 'case2.nii.gz'));
  copyFileSync(at('itk_multilabel.mha'), join(dir, 'pred', 'case2.mha'));
  const r = cli('batch', join(dir, 'ref'), join(dir, 'pred'), '--json');
  assert.equal(r.status, 0, r.stderr);
  const summary = JSON.parse(r.stdout) as { cases: { name: string; prediction: string; foreground: { dice: number } }[]; unmatched: { references: string[]; predictions: string[] } };
  assert.deepEqual(summary.cases.map((c) => [c.name, basename(c.prediction)]), [['case1.nii.gz', 'case1.seg.nrrd'], ['case2.nii.gz', 'case2.mha']]);
  assert.deepEqual(summary.cases.map((c) => c.foreground.dice), [1, 1]);
  assert.deepEqual(summary.unmatched, { references: [], predictions: [] });
  // Two files of one case in one folder: which to compare would be a guess.
  copyFileSync(at('itk_multilabel.nrrd'), join(dir, 'pred', 'case1.nrrd'));
  const twice = cli('batch', join(dir, 'ref'), join(dir, 'pred'));
  assert.equal(twice.status, 2);
  assert.match(twice.stderr, /two files for case case1/);
});

test('two .seg.nrrd files that number the same segments differently are matched by name, and the result says so', () => {
  const r = cli('compare', at('slicer_one_layer.seg.nrrd'), at('slicer_renumbered.seg.nrrd'), '--json');
  assert.equal(r.status, 0, r.stderr);
  const result = JSON.parse(r.stdout) as ComparisonResult & { labels: { label: number; name: string | null; colour?: string; dice: number }[] };
  assert.deepEqual(result.labels.map((l) => [l.label, l.name, l.dice]), [[1, 'liver', 1], [2, 'spleen', 1], [3, 'lesion', 1]]);
  assert.deepEqual(result.labels.map((l) => l.colour), ['#dd8265', '#9d1946', '#90ee90']);
  assert.ok(result.warnings.some((w) => /matched by name \(spleen 1 → 2, lesion 2 → 3, liver 3 → 1\)/.test(w)), result.warnings.join('\n'));
  // Without names to match (a NIfTI reference), the numbers are compared as they are: the renumbered file disagrees.
  const plain = JSON.parse(cli('compare', at('multilabel.nii.gz'), at('slicer_renumbered.seg.nrrd'), '--json').stdout) as ComparisonResult;
  assert.deepEqual(plain.labels.map((l) => l.dice), [0, 0, 0]);
});
