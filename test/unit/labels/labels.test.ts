import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isInputError } from '../../../src/core/errors';
import {
  labelNamesFromSetting,
  mergeLabelTables,
  parseItkSnapLabels,
  parseJsonLabels,
} from '../../../src/core/labels/parse';
import { labelFileCandidates, maskBaseName, parseLabelFile } from '../../../src/core/labels/lookup';

const fixtures = join(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'labels');
const read = (name: string): string => readFileSync(join(fixtures, name), 'utf8');

test('ITK-SNAP label description: names, RGB and opacity as 0..255 alpha', () => {
  const table = parseItkSnapLabels(read('itksnap_label_description.txt'), 'label_description.txt');
  assert.deepEqual([...table.keys()], [0, 1, 2, 3, 12]);
  assert.deepEqual(table.get(1), { name: 'Liver', colour: [255, 0, 0, 255] });
  assert.deepEqual(table.get(2), { name: 'Right kidney', colour: [0, 255, 0, 255] });
  assert.deepEqual(table.get(3), { name: 'Left kidney', colour: [0, 0, 255, 128] });
  assert.equal(table.get(12)?.name, 'Spleen (accessory)');
});

test('ITK-SNAP: a malformed line is an InputError naming the file and line', () => {
  const text = '# header\n1 255 0 0 1 1 1 "ok"\n2 oops\n';
  assert.throws(() => parseItkSnapLabels(text, 'labels.txt'), (e) => {
    assert.ok(isInputError(e));
    assert.match(e.message, /labels\.txt line 3/);
    return true;
  });
});

test('MSD / nnU-Net v1 dataset.json: "labels" maps value -> name', () => {
  const table = parseJsonLabels(read('msd_task03_liver_dataset.json'), 'dataset.json');
  assert.deepEqual([...table].map(([v, e]) => [v, e.name]), [[0, 'background'], [1, 'liver'], [2, 'cancer']]);
});

test('nnU-Net v2 dataset.json: "labels" maps name -> value', () => {
  const table = parseJsonLabels(read('nnunetv2_dataset.json'), 'dataset.json');
  assert.deepEqual([...table].map(([v, e]) => [v, e.name]), [[0, 'background'], [1, 'liver'], [2, 'liver tumor']]);
});

test('nnU-Net v2 region labels: only single-value regions name a voxel value', () => {
  const table = parseJsonLabels(read('nnunetv2_brats_regions_dataset.json'), 'dataset.json');
  assert.deepEqual([...table].map(([v, e]) => [v, e.name]), [[0, 'background'], [3, 'enhancing tumor']]);
});

test('a plain {"1": "liver"} JSON map', () => {
  const table = parseJsonLabels('{"1": "liver", "2": "spleen"}', 'seg.labels.json');
  assert.equal(table.get(1)?.name, 'liver');
  assert.equal(table.get(2)?.name, 'spleen');
  assert.equal(table.size, 2);
});

test('bad JSON and wrong shapes are InputErrors naming the file', () => {
  for (const text of ['{nope', '[1, 2]', '{"labels": 3}', '{"1": {"name": "x"}}']) {
    assert.throws(() => parseJsonLabels(text, 'labels.json'), (e) => {
      assert.ok(isInputError(e), text);
      assert.match(e.message, /^labels\.json /);
      return true;
    });
  }
});

test('settings names override file names and keep the file colour', () => {
  const file = parseItkSnapLabels(read('itksnap_label_description.txt'), 'label_description.txt');
  const merged = mergeLabelTables(file, labelNamesFromSetting({ '1': 'hepar', '7': 'new', x: 'ignored', '2': 5 }));
  assert.deepEqual(merged.get(1), { name: 'hepar', colour: [255, 0, 0, 255] });
  assert.deepEqual(merged.get(7), { name: 'new' });
  assert.equal(merged.get(2)?.name, 'Right kidney');
});

test('lookup order: named after the mask, then the folder, then the parent folder', () => {
  assert.equal(maskBaseName('case_01.nii.gz'), 'case_01');
  assert.equal(maskBaseName('slice.PNG'), 'slice');
  assert.deepEqual(labelFileCandidates('case_01.nii.gz'), [
    'case_01.labels.json',
    'case_01.label_description.txt',
    'labels.json',
    'label_description.txt',
    'dataset.json',
    '../labels.json',
    '../label_description.txt',
    '../dataset.json',
  ]);
});

test('parseLabelFile dispatches on the extension', () => {
  assert.equal(parseLabelFile('a.json', '{"4": "x"}', 'a.json').get(4)?.name, 'x');
  assert.equal(parseLabelFile('a.txt', '4 1 2 3 1 1 1 "x"', 'a.txt').get(4)?.name, 'x');
  assert.throws(() => parseLabelFile('a.csv', '', 'a.csv'), isInputError);
});
