// compare --json is written in chunks, one label at a time (jsonChunks.ts); what it writes must be
// exactly JSON.stringify of the same value with the surface replacer (Infinity as "inf"), whatever
// the values hold and wherever the chunks break.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { jsonChunks, StreamedList } from '../../../src/cli/jsonChunks';
import { surfaceJsonReplacer } from '../../../src/core/surface/json';

const expected = (value: Record<string, unknown>, lists: Record<string, unknown[]>): string =>
  JSON.stringify({ ...value, ...lists }, surfaceJsonReplacer);

test('the chunks join to JSON.stringify with the replacer: inf, nan, null, undefined keys, nested lists', () => {
  const items = [
    { label: 1, hd: Infinity, slices: [{ index: 0, dice: null, nsd: NaN }], note: undefined },
    { label: 2, hd: 1.5, slices: [{ index: 0, dice: 0.25, nsd: -Infinity }] },
    undefined,
    { label: 4, name: '<b>"quoted"\n</b>', values: [1, undefined, 3] },
  ];
  const head = { reference: { path: 'a "b".nii' }, skipped: undefined, fn: () => 1, labels: [] as unknown[], meanDice: NaN, tail: [Infinity] };
  const text = [...jsonChunks({ ...head, labels: new StreamedList(items.length, (n) => items[n]) }, surfaceJsonReplacer)].join('');
  assert.equal(text, expected(head, { labels: items }));
  assert.match(text, /"hd":"inf"/, 'Infinity inside a streamed item is "inf"');
  assert.match(text, /"meanDice":"nan"/, 'NaN outside the list is "nan"');
  assert.ok(!text.includes('skipped') && !text.includes('"fn"'), 'keys JSON cannot write are left out');
});

test('a long list comes in several chunks, each item made only when its turn comes', () => {
  const made: number[] = [];
  const count = 20000;
  const item = (n: number) => {
    made.push(n);
    return { label: n, slices: Array.from({ length: 8 }, (_, s) => ({ index: s, hd: s === 3 ? Infinity : s / 7 })) };
  };
  const chunks = jsonChunks({ first: 1, labels: new StreamedList(count, item), last: 'end' }, surfaceJsonReplacer);
  const firstChunk = chunks.next();
  assert.equal(firstChunk.done, false);
  assert.ok(made.length < count, `the first chunk came after ${made.length} of ${count} items, not all of them`);
  const rest = [...chunks];
  assert.ok(rest.length >= 2, 'several chunks');
  const all = Array.from({ length: count }, (_, n) => ({ label: n, slices: Array.from({ length: 8 }, (_, s) => ({ index: s, hd: s === 3 ? Infinity : s / 7 })) }));
  assert.equal(String(firstChunk.value) + rest.join(''), expected({ first: 1, labels: [], last: 'end' }, { labels: all }));
});

test('an empty list and an object without lists', () => {
  assert.equal([...jsonChunks({ labels: new StreamedList(0, () => 1) }, surfaceJsonReplacer)].join(''), '{"labels":[]}');
  assert.equal([...jsonChunks({}, surfaceJsonReplacer)].join(''), '{}');
});

test('frozen rows shared by many items (the empty slice rows) are written right each time, Infinity too', () => {
  const empty = Object.freeze({ index: 0, tp: 0, dice: null, hd: null });
  const far = Object.freeze({ index: 1, tp: 0, dice: 0, hd: Infinity });
  const items = Array.from({ length: 50 }, (_, n) => ({ label: n, slices: n % 2 === 0 ? [empty, far] : [far, { index: 2, hd: n }, empty] }));
  const text = [...jsonChunks({ labels: new StreamedList(items.length, (n) => items[n]) }, surfaceJsonReplacer)].join('');
  assert.equal(text, expected({ labels: [] }, { labels: items }));
  assert.equal(text.split('"hd":"inf"').length - 1, 50, 'the shared row with Infinity says "inf" every time');
});
