// The report document's lines and problems, and the slice walking of the navigation commands, on
// numpy's metrics of the multi-label fixture pair (test/fixtures/metrics/expected.json). The
// result object is built from numpy's numbers, so nothing here depends on our metrics engine.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { ComparisonResult } from '../../../../src/core/metrics/types';
import { sliceDice, stepProblem, worstSlice } from '../../../../src/extension/compare/navigation';
import { buildReport, entryAt, problemRefs } from '../../../../src/extension/compare/report';

const root = join(__dirname, '..', '..', '..', '..', '..');
const numpy = JSON.parse(readFileSync(join(root, 'test', 'fixtures', 'metrics', 'expected.json'), 'utf8')) as {
  cases: Record<string, { planes: Record<string, Omit<ComparisonResult, 'plane' | 'threshold'>> }>;
};
const result = { ...numpy.cases['multilabel_uint8']!.planes['axial']!, plane: 'axial', threshold: 0.8, minErrorMm2: 10 } as ComparisonResult;
const names = new Map([[2, 'liver']]);

test('one report line and one problem per flagged slice, most severe first, header first', () => {
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
  assert.match(report.lines[1]!, /flagged when Dice < 0\.8 and error ≥ 10 mm²\./);
  assert.match(report.lines[2]!, /most severe first \(severity = error mm² × \(1 − Dice\)\)/);
  assert.equal(entryAt(report, 0), undefined);
  assert.equal(entryAt(report, report.lines.length), undefined);
});

test('messages name plane, slice, label with its name, Dice and counts', () => {
  const report = buildReport(result, { referenceName: 'r', predictionName: 'p', names, maxDiagnostics: 500 });
  const liver = result.labels.find((l) => l.label === 2)!.slices[7]!;
  const fg = result.foreground.slices[3]!;
  const messages = report.entries.map((e) => e.message);
  // The fixture's voxels are 1.5 × 2 mm in the axial plane: 3 mm² each.
  const wrong = (s: { fp: number; fn: number }): string => `${((s.fp + s.fn) * 3).toFixed(0)} mm² wrong`;
  assert.ok(messages.includes(`axial slice 7, label 2 (liver): Dice 0.20 (TP ${liver.tp}, FP ${liver.fp}, FN ${liver.fn}), ${wrong(liver)}`), messages.join('\n'));
  assert.ok(messages.includes(`axial slice 3, foreground: Dice 0.11 (TP ${fg.tp}, FP ${fg.fp}, FN ${fg.fn}), ${wrong(fg)}`));
  assert.ok(messages.includes('axial slice 2, label 1: Dice 0.00 (TP 0, FP 7, FN 0), 21 mm² wrong'), 'one mask empty: Dice 0, flagged');
  const underFloor = result.labels.find((l) => l.label === 6)!.slices[7]!;
  assert.ok(underFloor.dice! < 0.8 && (underFloor.fp + underFloor.fn) * 3 < 10);
  assert.ok(!report.entries.some((e) => e.label === 6 && e.index === 7), 'label 6, slice 7 (Dice < 0.8, 3 mm² wrong) is under the floor');
});

test('a cap lists the worst slices and sums up the rest on the header', () => {
  const report = buildReport(result, { referenceName: 'r', predictionName: 'p', names, maxDiagnostics: 10 });
  assert.equal(report.listed, 10);
  assert.equal(report.entries.length, result.flagged.length, 'the report keeps every line');
  assert.equal(report.summary?.line, 2);
  assert.match(report.summary!.message, new RegExp(`^${result.flagged.length - 10} more slices with Dice < 0.8 and error ≥ 10 mm² are not listed`));
});

test('go-to-worst is the most severe problem of any label, or of the shown label when restricted', () => {
  const problems = problemRefs(buildReport(result, { referenceName: 'r', predictionName: 'p', names, maxDiagnostics: 500 }));
  const first = result.flagged[0]!;
  assert.deepEqual(worstSlice(result, problems), { label: first.label, index: first.index }, 'across labels: numpy\'s first problem');
  for (const label of [null, ...result.labels.map((l) => l.label)]) {
    const own = result.flagged.find((f) => f.label === label);
    // Without a problem of its own: the slice of the largest (FP + FN) × 3 mm² × (1 − Dice), ties by lower Dice.
    const slices = (label === null ? result.foreground : result.labels.find((l) => l.label === label)!).slices;
    const bySeverity = slices.filter((s) => s.dice !== null)
      .map((s) => ({ index: s.index, dice: s.dice!, severity: (s.fp + s.fn) * 3 * (1 - s.dice!) }))
      .sort((a, b) => b.severity - a.severity || a.dice - b.dice || a.index - b.index);
    const want = own ? own.index : bySeverity[0]?.index;
    assert.deepEqual(worstSlice(result, problems, label), want === undefined ? undefined : { label, index: want }, `label ${label}`);
    assert.equal(sliceDice(result, label).length, slices.length);
  }
});

test('next/previous walk every problem in the Problems panel\'s order, across labels, and wrap; restricted, one label\'s', () => {
  const problems = problemRefs(buildReport(result, { referenceName: 'r', predictionName: 'p', names, maxDiagnostics: 500 }));
  const order = result.flagged.map((f) => ({ label: f.label, index: f.index }));
  let at = { label: 2 as number | null, index: 0 }; // not a problem: next is the first
  const walked = [];
  for (let n = 0; n < order.length; n++) walked.push((at = stepProblem(problems, at, 1)!));
  assert.deepEqual(walked, order);
  assert.ok(new Set(walked.map((p) => p.label)).size > 2, 'the walk crosses labels');
  assert.deepEqual(stepProblem(problems, at, 1), order[0], 'next wraps to the first');
  assert.deepEqual(stepProblem(problems, order[0]!, -1), order.at(-1), 'previous wraps to the last');
  assert.deepEqual(stepProblem(problems, { label: 2, index: 0 }, -1), order.at(-1), 'previous from a slice that is no problem: the last');
  for (const label of [null, ...result.labels.map((l) => l.label)]) {
    const own = order.filter((p) => p.label === label);
    let here = { label, index: -1 };
    const mine = [];
    for (let n = 0; n < own.length; n++) mine.push((here = stepProblem(problems, here, 1, label)!));
    assert.deepEqual(mine, own, `label ${label}`);
    if (own.length === 0) assert.equal(stepProblem(problems, here, 1, label), undefined);
  }
});
