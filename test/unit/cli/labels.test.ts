// compare names labels from a label file next to the REFERENCE (the extension's lookup order) or
// from --labels FILE: in the table and as `name` in --json. Real label files: a plain labels.json
// map, an ITK-SNAP label description and an MSD dataset.json from test/fixtures/labels.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test } from 'node:test';

const ROOT = resolve(__dirname, '../../../..');
const CLI = join(ROOT, 'dist', 'cli.js');
const METRICS = join(ROOT, 'test', 'fixtures', 'metrics');
const LABELS = join(ROOT, 'test', 'fixtures', 'labels');

interface NamedResult {
  labels: { label: number; name: string | null }[];
  labelNames: { file: string | null; problem: string | null };
}

function cli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A folder holding case01.nii.gz (reference) and pred/case01.nii.gz, plus the given files. */
function caseFolder(files: Record<string, string> = {}): { dir: string; ref: string; pred: string } {
  const dir = mkdtempSync(join(tmpdir(), 'mask-inspector-labels-'));
  mkdirSync(join(dir, 'pred'));
  const ref = join(dir, 'case01.nii.gz');
  const pred = join(dir, 'pred', 'case01.nii.gz');
  copyFileSync(join(METRICS, 'multilabel_ref.nii.gz'), ref);
  copyFileSync(join(METRICS, 'multilabel_pred.nii.gz'), pred);
  for (const [name, fixture] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    copyFileSync(join(LABELS, fixture), join(dir, name));
  }
  return { dir, ref, pred };
}

function json(...args: string[]): NamedResult {
  const r = cli('compare', ...args, '--json');
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout) as NamedResult;
}

const names = (r: NamedResult): [number, string | null][] => r.labels.map((l) => [l.label, l.name]);

test('labels.json next to the reference names the labels in --json; unnamed labels are null', () => {
  const c = caseFolder({ 'labels.json': 'labels.json' });
  const r = json(c.ref, c.pred);
  assert.deepEqual(names(r), [[1, 'liver'], [2, 'spleen'], [3, 'right kidney'], [4, null], [5, 'aorta'], [6, null]]);
  assert.deepEqual(Object.keys(r.labels[0]!).slice(0, 3), ['label', 'name', 'tp']);
  assert.deepEqual(r.labelNames, { file: join(c.dir, 'labels.json'), problem: null });
});

test('the table shows the names beside the values, in the labels and worst-slice rows', () => {
  const c = caseFolder({ 'labels.json': 'labels.json' });
  const r = cli('compare', c.ref, c.pred);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^3 right kidney +\d\.\d{4} /m);
  assert.match(r.stdout, /^4 +\d\.\d{4} /m);
  assert.match(r.stdout, new RegExp(`^Label names: ${join(c.dir, 'labels.json').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'm'));
  const worst = r.stdout.slice(r.stdout.indexOf('Worst'));
  assert.match(worst, /^5 aorta +5 +0\.0000 +84\.0 +84\.0 /m);
});

test('only the reference\'s folder is searched: a label file next to the prediction is not used', () => {
  const c = caseFolder({ 'pred/labels.json': 'labels.json' });
  const r = json(c.ref, c.pred);
  assert.ok(r.labels.every((l) => l.name === null));
  assert.deepEqual(r.labelNames, { file: null, problem: null });
});

test('lookup order: <mask>.label_description.txt (ITK-SNAP) before the folder\'s labels.json', () => {
  const c = caseFolder({ 'case01.label_description.txt': 'itksnap_label_description.txt', 'labels.json': 'labels.json' });
  const r = json(c.ref, c.pred);
  assert.deepEqual(names(r).slice(0, 4), [[1, 'Liver'], [2, 'Right kidney'], [3, 'Left kidney'], [4, null]]);
  assert.equal(r.labelNames.file, join(c.dir, 'case01.label_description.txt'));
});

test('nnU-Net layout: dataset.json one folder up; a dataset.json without labels is passed over', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mask-inspector-labels-'));
  mkdirSync(join(dir, 'labelsTr'));
  const ref = join(dir, 'labelsTr', 'liver_0.nii.gz');
  copyFileSync(join(METRICS, 'multilabel_ref.nii.gz'), ref);
  copyFileSync(join(LABELS, 'msd_task03_liver_dataset.json'), join(dir, 'dataset.json'));
  writeFileSync(join(dir, 'labelsTr', 'dataset.json'), '{"name": "not about labels"}');
  const r = json(ref, join(METRICS, 'multilabel_pred.nii.gz'));
  assert.deepEqual(names(r).slice(0, 3), [[1, 'liver'], [2, 'cancer'], [3, null]]);
  assert.equal(r.labelNames.file, join(dir, 'labelsTr', '..', 'dataset.json'));
});

test('--labels FILE names the labels instead of the file found next to the reference', () => {
  const c = caseFolder({ 'labels.json': 'labels.json' });
  const itk = join(LABELS, 'itksnap_label_description.txt');
  const r = json(c.ref, c.pred, '--labels', itk);
  assert.deepEqual(names(r).slice(0, 3), [[1, 'Liver'], [2, 'Right kidney'], [3, 'Left kidney']]);
  assert.deepEqual(r.labelNames, { file: itk, problem: null });
});

/** Exit 2 with one line on stderr mentioning `mention`. */
function assertRefused(r: ReturnType<typeof cli>, mention: string): void {
  assert.equal(r.status, 2, r.stderr);
  assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
  assert.ok(r.stderr.includes(mention), r.stderr);
}

test('--labels with a missing or unusable file is refused in one line naming it', () => {
  const c = caseFolder();
  assertRefused(cli('compare', c.ref, c.pred, '--labels', join(c.dir, 'nope.json')), `${join(c.dir, 'nope.json')} (--labels) does not exist`);
  assertRefused(cli('compare', c.ref, c.pred, '--labels', join(c.dir, 'pred')), `${join(c.dir, 'pred')} (--labels) is a directory, not a regular file`);
  const bad = join(c.dir, 'bad.json');
  writeFileSync(bad, '{"1": ');
  assertRefused(cli('compare', c.ref, c.pred, '--labels', bad), `${bad} is not valid JSON`);
  const csv = join(c.dir, 'names.csv');
  writeFileSync(csv, '1,liver\n');
  assertRefused(cli('compare', c.ref, c.pred, '--labels', csv), `${csv} is not a label file`);
});

test('a broken label file found next to the reference does not stop the comparison; its problem is reported', () => {
  const c = caseFolder();
  writeFileSync(join(c.dir, 'labels.json'), '{"1": {"name": "liver"}}');
  const r = json(c.ref, c.pred);
  assert.ok(r.labels.every((l) => l.name === null));
  assert.equal(r.labelNames.file, null);
  assert.match(r.labelNames.problem ?? '', /labels\.json maps "1"/);
  const table = cli('compare', c.ref, c.pred);
  assert.equal(table.status, 0);
  assert.match(table.stdout, /^Label names: none \(.*labels\.json maps "1"/m);
});
