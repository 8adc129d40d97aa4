// The report document's lines and problems, and the slice walking of the navigation commands, on
// numpy's metrics of the multi-label fixture pair (test/fixtures/metrics/expected.json). The
// result object is built from numpy's numbers, so nothing here depends on our metrics engine.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { ComparisonResult } from '../../../../src/core/metrics/types';
import { flaggedIndices, sliceDice, stepFlagged, worstSlice } from '../../../../src/extension/compare/navigation';
import { buildReport, entryAt } from '../../../../src/extension/compare/report';

const root = join(__dirname, '..', '..', '..', '..', '..');
const numpy = JSON.parse(readFileSync(join(root, 'test', 'fixtures', 'metrics', 'expected.json'), 'utf8')) as {
  cases: Record<string, { planes: Record<string, Omit<ComparisonResult, 'plane' | 'threshold'>> }>;
};
const result = { ...numpy.cases['multilabel_uint8']!.planes['axial']!, plane: 'axial', threshold: 0.8 } as ComparisonResult;
const names = new Map([[2, 'liver']]);

test('one report line and one problem per flagged slice, worst first, header first', () => {
  const report = buildReport(result, { referenceName: 'ref.nii.gz', predictionName: 'pred.nii.gz', names, maxDiagnostics: 500 });
  assert.equal(report.entries.length, result.flagged.length);
  assert.equal(report.listed, result.flagged.length);
  assert.equal(report.summary, undefined);
  assert.equal(report.lines.length, 3 + result.flagged.length);
  assert.match(report.lines[0]!, /ref\.nii\.gz \(reference\) vs pred\.nii\.gz \(prediction\)/);
  result.flagged.forEach((f, n) => {
    const e = report.entries[n]!;
    assert.deepEqual([e.label, e.index, e.dice], [f.label, f.index, f.dice]);
    assert.equal(report.lines[e.line], e.message);
    assert.deepEqual(entryAt(report, e.line), e);
  });
  assert.equal(entryAt(report, 0), undefined);
  assert.equal(entryAt(report, report.lines.length), undefined);
});

test('messages name plane, slice, label with its name, Dice and counts', () => {
  const report = buildReport(result, { referenceName: 'r', predictionName: 'p', names, maxDiagnostics: 500 });
  const liver = result.labels.find((l) => l.label === 2)!.slices[7]!;
  const fg = result.foreground.slices[3]!;
  const messages = report.entries.map((e) => e.message);
  assert.ok(messages.includes(`axial slice 7, label 2 (liver): Dice 0.20 (TP ${liver.tp}, FP ${liver.fp}, FN ${liver.fn})`), messages.join('\n'));
  assert.ok(messages.includes(`axial slice 3, foreground: Dice 0.11 (TP ${fg.tp}, FP ${fg.fp}, FN ${fg.fn})`));
  assert.ok(messages.includes('axial slice 2, label 1: Dice 0.00 (TP 0, FP 7, FN 0)'), 'one mask empty: Dice 0, flagged');
});

test('a cap lists the worst slices and sums up the rest on the header', () => {
  const report = buildReport(result, { referenceName: 'r', predictionName: 'p', names, maxDiagnostics: 10 });
  assert.equal(report.listed, 10);
  assert.equal(report.entries.length, result.flagged.length, 'the report keeps every line');
  assert.equal(report.summary?.line, 2);
  assert.match(report.summary!.message, new RegExp(`^${result.flagged.length - 10} more slices with Dice < 0.8 are not listed`));
});

test('go-to-worst is the argmin of the defined per-slice Dice; next/previous walk flagged slices in order and wrap', () => {
  for (const label of [null, ...result.labels.map((l) => l.label)]) {
    const dice = sliceDice(result, label);
    const defined = dice.flatMap((d, i) => (d === null ? [] : [[d, i] as const]));
    const min = Math.min(...defined.map(([d]) => d));
    assert.equal(worstSlice(result, label), defined.find(([d]) => d === min)?.[1], `label ${label}`);
    const flagged = dice.flatMap((d, i) => (d !== null && d < 0.8 ? [i] : []));
    assert.deepEqual(flaggedIndices(result, label), flagged);
    if (flagged.length === 0) continue;
    let at = -1;
    const walked: number[] = [];
    for (let n = 0; n < flagged.length; n++) walked.push((at = stepFlagged(result, label, at, 1)!));
    assert.deepEqual(walked, flagged);
    assert.equal(stepFlagged(result, label, at, 1), flagged[0], 'next wraps to the first');
    assert.equal(stepFlagged(result, label, flagged[0]!, -1), flagged.at(-1), 'previous wraps to the last');
  }
});
