// Problem ranking on the TotalSegmentator-like pair (test/pairs/manyLabelPair.ts): what was done to
// the prediction decides what must come first. Half a kidney missing ranks above everything; the
// thinner gallbladder is a problem too; the scattered 1–7 voxel differences are below the 10 mm²
// floor and flagged only without it (where Dice alone used to put them first).
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { openVolume } from '../../../src/core/io/open';
import { compareSources } from '../../../src/core/metrics/compare';
import type { ComparisonResult } from '../../../src/core/metrics/types';
import { AXIAL_VOXEL_MM2, GALLBLADDER, KIDNEY_RIGHT, manyLabelPair, writeManyLabelPair } from '../../pairs/manyLabelPair';

const pair = manyLabelPair();
let files: { reference: string; prediction: string };

before(async () => {
  files = await writeManyLabelPair(mkdtempSync(join(tmpdir(), 'mask-inspector-many-')), pair);
});

async function compare(minErrorMm2?: number): Promise<ComparisonResult> {
  const [ref, pred] = await Promise.all([openVolume(files.reference), openVolume(files.prediction)]);
  return compareSources(ref, pred, minErrorMm2 === undefined ? {} : { minErrorMm2 });
}

test('the generated pair has many labels of different sizes on anisotropic voxels', () => {
  const counts = new Map<number, number>();
  for (const v of pair.reference) if (v !== 0) counts.set(v, (counts.get(v) ?? 0) + 1);
  assert.ok(counts.size >= 20, `${counts.size} labels`);
  const sizes = [...counts.values()];
  assert.ok(Math.max(...sizes) > 50 * Math.min(...sizes), 'sizes span more than 50×');
  assert.ok(pair.noise.length >= 20 && new Set(pair.noise.map((n) => n.label)).size >= 10, 'noise in many labels');
  assert.equal(AXIAL_VOXEL_MM2, 0.8 * 0.8);
});

test('the first problem is the half-missing kidney; the gallbladder follows; nothing under 10 mm² is flagged', async () => {
  const r = await compare();
  assert.equal(r.minErrorMm2, 10);
  assert.ok(Math.abs(r.sliceVoxelAreaMm2 - 0.64) < 1e-6, `${r.sliceVoxelAreaMm2} mm² per voxel (the file stores float32)`);
  const first = r.flagged[0]!;
  assert.equal(first.label, KIDNEY_RIGHT);
  assert.ok(pair.kidneyHalfMissing.includes(first.index), `kidney slice ${first.index}`);
  const kidney = r.flagged.filter((f) => f.label === KIDNEY_RIGHT).map((f) => f.index).sort((a, b) => a - b);
  assert.deepEqual(kidney, pair.kidneyHalfMissing);
  assert.deepEqual(r.flagged.slice(0, kidney.length).map((f) => f.label), kidney.map(() => KIDNEY_RIGHT), 'all kidney slices rank first');
  assert.ok(r.flagged.some((f) => f.label === GALLBLADDER), 'the thinner gallbladder is a problem');
  for (const f of r.flagged) {
    assert.ok(f.errorMm2 >= 10, `${f.label}:${f.index} has ${f.errorMm2} mm²`);
    assert.ok(!pair.noise.some((n) => n.label === f.label && n.index === f.index), `noise ${f.label}:${f.index} is not a problem`);
  }
  assert.deepEqual(new Set(r.flagged.map((f) => f.label)), new Set([KIDNEY_RIGHT, GALLBLADDER]), 'only the two real errors');
});

test('without the floor the noise comes back, and only severity keeps the kidney first', async () => {
  const r = await compare(0);
  const islands = pair.noise.filter((n) => n.voxels > 0 && r.flagged.some((f) => f.label === n.label && f.index === n.index));
  assert.ok(islands.length >= 10, `${islands.length} noise slices flagged without the floor`);
  assert.equal(r.flagged[0]!.label, KIDNEY_RIGHT);
  // Dice alone would have put a Dice-0 stray island first.
  const byDice = [...r.flagged].sort((a, b) => a.dice - b.dice)[0]!;
  assert.equal(byDice.dice, 0);
  assert.notEqual(byDice.label, KIDNEY_RIGHT);
});
