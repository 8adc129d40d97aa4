// Where label names came from, and the one-sentence warning when they do not fit the masks.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { labelNamesSourceText, labelNamesWarning, type LabelNamesOrigin } from '../../../src/core/labels/namesSource';
import type { LabelTable } from '../../../src/core/labels/parse';

const table = (entries: Record<number, string>): LabelTable => new Map(Object.entries(entries).map(([v, name]) => [Number(v), { name }]));
const file: LabelNamesOrigin = { kind: 'file', path: 'cases/labels.json', chosen: false };
const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, n) => from + n);

test('the source line: a file, a chosen file, a preset, none, and the setting on top', () => {
  assert.equal(labelNamesSourceText({ origin: file, fromSetting: false, warning: null }), 'cases/labels.json');
  assert.equal(labelNamesSourceText({ origin: { ...file, chosen: true }, fromSetting: false, warning: null }), 'cases/labels.json (chosen)');
  assert.equal(labelNamesSourceText({ origin: { kind: 'preset', id: 'kits19', name: 'KiTS19' }, fromSetting: true, warning: null }), 'preset: KiTS19 + setting (maskInspector.labelNames)');
  assert.equal(labelNamesSourceText({ origin: { kind: 'none', chosen: false }, fromSetting: false, warning: null }), 'none');
  assert.equal(labelNamesSourceText({ origin: { kind: 'none', chosen: false }, fromSetting: true, warning: null }), 'setting (maskInspector.labelNames)');
});

test('a file naming 6 of 41 labels present says how many, and lists the first unnamed ones', () => {
  const named = table({ 1: 'liver', 2: 'spleen', 3: 'a', 4: 'b', 5: 'c', 6: 'd' });
  const warning = labelNamesWarning(file, named, named, range(1, 41), 2);
  assert.equal(warning, 'cases/labels.json names 6 of the 41 labels present (no name for 7, 8, 9, 10, 11, 12 and 29 more): check that it describes these masks.');
});

test('a file naming labels neither mask has says so; its background entry (0) never counts', () => {
  const named = table({ 0: 'background', 1: 'liver', 2: 'spleen', 9: 'x' });
  assert.equal(labelNamesWarning(file, named, named, [1, 2], 2), 'cases/labels.json names a label neither mask has (9): check that it describes these masks.');
  assert.match(labelNamesWarning(file, named, named, [2], 1)!, /names 2 labels the mask does not have \(1, 9\): check that it describes this mask\.$/);
});

test('names that fit give no warning; neither does "none"; the setting fills gaps', () => {
  const named = table({ 1: 'liver', 2: 'spleen' });
  assert.equal(labelNamesWarning(file, named, named, [1, 2, 0], 2), null);
  assert.equal(labelNamesWarning({ kind: 'none', chosen: true }, new Map(), new Map(), [1, 2, 3], 2), null);
  assert.equal(labelNamesWarning(file, named, table({ 1: 'liver', 2: 'spleen', 3: 'aorta' }), [1, 2, 3], 2), null);
});

test('a preset naming more labels than present is expected; only unnamed labels are reported', () => {
  const preset: LabelNamesOrigin = { kind: 'preset', id: 'kits21', name: 'KiTS21 / KiTS23' };
  const named = table({ 1: 'kidney', 2: 'tumor', 3: 'cyst' });
  assert.equal(labelNamesWarning(preset, named, named, [1, 2], 2), null);
  assert.equal(labelNamesWarning(preset, named, named, [1, 2, 7], 2), 'The preset KiTS21 / KiTS23 names 2 of the 3 labels present (no name for 7): check that it describes these masks.');
});
