// RGB PNG masks number colours by first appearance in each file; the comparison must match labels
// by colour. The fixtures (Pillow) put the colours in different orders in the two files; the
// expected counts per colour come from numpy (scripts/fixtures/make_colour_fixtures.py).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { InputError } from '../../../src/core/errors';
import { openVolume } from '../../../src/core/io/open';
import { planLabelColours, renumberPredictionColours } from '../../../src/core/metrics/colourLabels';
import { compareSources } from '../../../src/core/metrics/compare';

const dir = join(process.cwd(), 'test', 'fixtures', 'colour');
interface Counts { tp: number; fp: number; fn: number; dice: number | null }
const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as {
  colours: Record<string, Counts & { name: string }>;
  foreground: { tp: number; fp: number; fn: number };
};

test('RGB PNG labels are matched by colour, not by their per-file numbers', async () => {
  const result = await compareSources(await openVolume(join(dir, 'ref.png')), await openVolume(join(dir, 'pred.png')));
  const byColour = new Map(result.labels.map((l) => [l.colour, l]));
  assert.deepEqual([...byColour.keys()].sort(), Object.keys(expected.colours).sort());
  for (const [colour, want] of Object.entries(expected.colours)) {
    const got = byColour.get(colour)!;
    assert.deepEqual({ tp: got.tp, fp: got.fp, fn: got.fn }, { tp: want.tp, fp: want.fp, fn: want.fn }, `${want.name} ${colour}`);
    assert.equal(got.dice, want.dice, `${want.name} Dice`);
  }
  const fg = result.foreground;
  assert.deepEqual({ tp: fg.tp, fp: fg.fp, fn: fg.fn }, expected.foreground);
});

test('a colour mask against a grey-value mask is refused with one sentence naming both', async () => {
  const ref = await openVolume(join(dir, 'ref.png'));
  const pred = await openVolume(join(process.cwd(), 'test', 'fixtures', 'io', 'grey8.png'));
  assert.throws(
    () => planLabelColours(ref.header, pred.header),
    (e: unknown) => e instanceof InputError && /ref\.png labels its voxels by colour but .*grey8\.png by value/.test(e.message),
  );
});

test('a prediction held in memory is renumbered once: each voxel keeps its colour under the reference numbering', async () => {
  const ref = await openVolume(join(dir, 'ref.png'));
  const original = await (await openVolume(join(dir, 'pred.png'))).readAll();
  const renumbered = renumberPredictionColours(ref.header, original);
  const colourOf = (v: { header: { labelColours?: ReadonlyMap<number, readonly number[]> } }, label: number): string =>
    label === 0 ? 'background' : (v.header.labelColours?.get(label) ?? []).join(',');
  assert.notDeepEqual([...renumbered.data], [...original.data], 'the fixture needs renumbering');
  for (let i = 0; i < original.data.length; i++) {
    assert.equal(colourOf(renumbered, renumbered.data[i]!), colourOf(original, original.data[i]!), `voxel ${i}`);
  }
  // Shared colours now carry the reference's numbers.
  for (const [label, colour] of ref.header.labelColours ?? []) {
    if ([...renumbered.header.labelColours!.values()].some((c) => c.join() === colour.join())) {
      assert.deepEqual(renumbered.header.labelColours!.get(label), colour);
    }
  }
});
