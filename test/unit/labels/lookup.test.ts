// findLabelFile, the lookup the extension and the CLI share, with the files held in memory.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findLabelFile } from '../../../src/core/labels/lookup';

/** A reader over `files` (paths relative to the mask's folder) that records what was asked for. */
function reader(files: Record<string, string>): { asked: string[]; read: (relative: string) => Promise<{ file: string; name: string; text: string } | undefined> } {
  const asked: string[] = [];
  return {
    asked,
    read: (relative) => {
      asked.push(relative);
      const text = files[relative];
      return Promise.resolve(text === undefined ? undefined : { file: relative, name: `folder/${relative}`, text });
    },
  };
}

test('the first file in lookup order wins, and later candidates are not read', async () => {
  const r = reader({ 'seg.labels.json': '{"1": "a"}', 'labels.json': '{"1": "b"}' });
  const found = await findLabelFile('seg.nii.gz', r.read);
  assert.equal(found.table.get(1)?.name, 'a');
  assert.equal(found.file, 'seg.labels.json');
  assert.deepEqual(r.asked, ['seg.labels.json']);
});

test('an unusable dataset.json is passed over; the parent folder\'s is used', async () => {
  const r = reader({ 'dataset.json': '{"labels": 3}', '../dataset.json': '{"labels": {"liver": 1}}' });
  const found = await findLabelFile('seg.nii.gz', r.read);
  assert.equal(found.table.get(1)?.name, 'liver');
  assert.equal(found.file, '../dataset.json');
});

test('an unusable labels.json ends the search with its problem, naming the file', async () => {
  const r = reader({ 'labels.json': '{nope', '../labels.json': '{"1": "x"}' });
  const found = await findLabelFile('seg.nii.gz', r.read);
  assert.equal(found.table.size, 0);
  assert.equal(found.file, undefined);
  assert.match(found.problem ?? '', /^folder\/labels\.json is not valid JSON/);
});

test('no label file: an empty table, no file, no problem', async () => {
  const r = reader({});
  assert.deepEqual(await findLabelFile('seg.png', r.read), { table: new Map() });
  assert.equal(r.asked.length, 8);
});
