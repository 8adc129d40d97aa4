// The metrics engine against numpy: every case in test/fixtures/metrics/expected.json (written by
// scripts/fixtures/make_metric_fixtures.py with nibabel + numpy) must match, counts exactly and
// ratios within 1e-12, in every plane, through the streaming path and the in-memory path.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { isInputError } from '../../../src/core/errors';
import { openVolume } from '../../../src/core/io/open';
import { compareSources, compareVolumes } from '../../../src/core/metrics/compare';
import type { CompareOptions, ComparisonResult, Plane } from '../../../src/core/metrics/types';

const DIR = resolve(__dirname, '../../../../test/fixtures/metrics');

interface ExpectedPlane {
  readonly axis: number;
  readonly foreground: unknown;
  readonly labels: unknown;
  readonly meanDice: number | null;
  readonly flagged: unknown;
  readonly sliceVoxelAreaMm2: number;
  readonly referenceKind: string;
  readonly predictionKind: string;
  readonly softDice?: number | null;
  readonly softDiceSquared?: number | null;
}

interface Expected {
  readonly cases: Record<string, { reference: string; prediction: string; options: CompareOptions; alignment: string; planes: Record<string, ExpectedPlane> }>;
  readonly errors: Record<string, { reference: string; prediction: string; mention: string; options: CompareOptions }>;
}

const expected = JSON.parse(readFileSync(join(DIR, 'expected.json'), 'utf8')) as Expected;

/** Deep equality where numbers may differ by 1e-12 (integers therefore not at all). */
function assertClose(actual: unknown, wanted: unknown, where: string): void {
  if (typeof wanted === 'number') {
    assert.equal(typeof actual, 'number', `${where}: expected a number, got ${JSON.stringify(actual)}`);
    assert.ok(Math.abs((actual as number) - wanted) <= 1e-12, `${where}: ${String(actual)} != ${wanted}`);
  } else if (Array.isArray(wanted)) {
    assert.ok(Array.isArray(actual), `${where}: expected an array`);
    assert.equal(actual.length, wanted.length, `${where}: length`);
    wanted.forEach((w, i) => assertClose(actual[i], w, `${where}[${i}]`));
  } else if (wanted !== null && typeof wanted === 'object') {
    assert.ok(actual !== null && typeof actual === 'object', `${where}: expected an object`);
    for (const [key, w] of Object.entries(wanted)) assertClose((actual as Record<string, unknown>)[key], w, `${where}.${key}`);
  } else {
    assert.equal(actual, wanted, where);
  }
}

function check(result: ComparisonResult, want: ExpectedPlane, alignment: string, where: string): void {
  assert.equal(result.axis, want.axis, `${where}: axis`);
  assert.equal(result.geometry.alignment, alignment, `${where}: alignment`);
  assert.equal(result.reference.kind, want.referenceKind, `${where}: reference kind`);
  assert.equal(result.prediction.kind, want.predictionKind, `${where}: prediction kind`);
  assertClose(result.foreground, want.foreground, `${where}.foreground`);
  assertClose(result.labels, want.labels, `${where}.labels`);
  assertClose(result.meanDice, want.meanDice, `${where}.meanDice`);
  assertClose(result.sliceVoxelAreaMm2, want.sliceVoxelAreaMm2, `${where}.sliceVoxelAreaMm2`);
  // Every flagged field (errorMm2, severity) and the order: severity first, then the tie-breaks.
  assertClose(result.flagged, want.flagged, `${where}.flagged`);
  if (want.softDice === undefined) {
    assert.equal(result.softDice, undefined, `${where}: softDice only for probability maps`);
  } else {
    assertClose(result.softDice, want.softDice, `${where}.softDice`);
    assertClose(result.softDiceSquared, want.softDiceSquared, `${where}.softDiceSquared`);
  }
}

for (const [name, c] of Object.entries(expected.cases)) {
  for (const [plane, want] of Object.entries(c.planes)) {
    test(`${name}, ${plane}: streaming comparison matches numpy`, async () => {
      // One slice per reference slab against the default slab size: the two streams are cut differently.
      const ref = await openVolume(join(DIR, c.reference), { slabBytes: 1 });
      const pred = await openVolume(join(DIR, c.prediction));
      check(await compareSources(ref, pred, { ...c.options, plane: plane as Plane }), want, c.alignment, `${name}/${plane}`);
    });
    test(`${name}, ${plane}: in-memory comparison matches numpy`, async () => {
      const ref = await (await openVolume(join(DIR, c.reference))).readAll();
      const pred = await (await openVolume(join(DIR, c.prediction))).readAll();
      check(await compareVolumes(ref, pred, { ...c.options, plane: plane as Plane }), want, c.alignment, `${name}/${plane}`);
    });
  }
}

for (const [name, e] of Object.entries(expected.errors)) {
  test(`${name}: refused with one sentence naming the file`, async () => {
    const ref = await openVolume(join(DIR, e.reference));
    const pred = await openVolume(join(DIR, e.prediction));
    await assert.rejects(compareSources(ref, pred, e.options), (err: unknown) => {
      assert.ok(isInputError(err), `expected an InputError, got ${String(err)}`);
      assert.ok(err.message.includes(e.prediction), `names the file: ${err.message}`);
      assert.ok(err.message.includes(e.mention), `mentions ${e.mention}: ${err.message}`);
      assert.ok(!err.message.includes('\n'), 'one line');
      return true;
    });
  });
}

test('progress reaches 1 and an aborted comparison stops with the abort reason', async () => {
  const c = expected.cases.multilabel_uint8!;
  const seen: number[] = [];
  const ref = await openVolume(join(DIR, c.reference), { slabBytes: 1 });
  const pred = await openVolume(join(DIR, c.prediction), { slabBytes: 1 });
  await compareSources(ref, pred, { onProgress: (f) => seen.push(f) });
  assert.equal(seen.at(-1), 1);
  assert.ok(seen.every((f, i) => i === 0 || f >= seen[i - 1]!), 'progress never goes back');
  const controller = new AbortController();
  const reason = new Error('stop');
  const again = compareSources(await openVolume(join(DIR, c.reference), { slabBytes: 1 }), await openVolume(join(DIR, c.prediction), { slabBytes: 1 }), {
    signal: controller.signal,
    onProgress: () => controller.abort(reason),
  });
  await assert.rejects(again, (err: unknown) => err === reason);
});
