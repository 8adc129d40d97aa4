// The comparison webview's pure parts, in Node: TP/FP/FN classification (labels, foreground,
// probability maps), the strip's geometry and colour scale, reading the ComparisonResult, and state
// restoring. Expected values come from the definitions, counted here by hand or by plain loops.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FN, FP, TP, classifyOverlap, diceOf } from '../../src/webview/compare/overlap';
import { barLeft, diceColour, diceY, sliceAt, stripLayout, tickStep } from '../../src/webview/compare/stripGeometry';
import { busiestSlice, choiceTitle, flaggedCount, formatDice, metricsFor, readingOf, validChoice } from '../../src/webview/compare/metricsModel';
import { restoreCompareState } from '../../src/webview/compare/compareState';
import { testResult } from './compareFixture';

const LABELS = { referenceIsProbability: false, predictionIsProbability: false, probThreshold: 0.5 };

test('classification: foreground is any non-zero value, a label compares values exactly', () => {
  const reference = Uint8Array.from([0, 1, 1, 2, 2, 0, 3]);
  const prediction = Uint8Array.from([0, 1, 0, 1, 2, 2, 0]);
  const out = new Uint8Array(7);
  assert.deepEqual(classifyOverlap(out, reference, prediction, null, LABELS), { tp: 3, fp: 1, fn: 2 });
  assert.deepEqual([...out], [0, TP, FN, TP, TP, FP, FN]);
  assert.deepEqual(classifyOverlap(out, reference, prediction, 2, LABELS), { tp: 1, fp: 1, fn: 1 });
  assert.deepEqual([...out], [0, 0, 0, FN, TP, FP, 0]);
  assert.deepEqual(classifyOverlap(out, reference, prediction, 7, LABELS), { tp: 0, fp: 0, fn: 0 });
  assert.deepEqual([...out], [0, 0, 0, 0, 0, 0, 0]);
});

test('classification: a probability map is label 1 where value >= the threshold', () => {
  const reference = Uint8Array.from([1, 1, 0, 0, 1]);
  const prediction = Float32Array.from([0.9, 0.2, 0.5, 0.49, 0.5]);
  const out = new Uint8Array(5);
  const reading = { referenceIsProbability: false, predictionIsProbability: true, probThreshold: 0.5 };
  assert.deepEqual(classifyOverlap(out, reference, prediction, null, reading), { tp: 2, fp: 1, fn: 1 });
  assert.deepEqual([...out], [TP, FN, FP, 0, TP]);
  assert.deepEqual(classifyOverlap(out, reference, prediction, 1, reading), { tp: 2, fp: 1, fn: 1 });
  // Label 2 exists in no probability map: only the reference's label-2 voxels would count (none here).
  assert.deepEqual(classifyOverlap(out, reference, prediction, 2, reading), { tp: 0, fp: 0, fn: 0 });
});

test('Dice from counts; null when both masks are empty', () => {
  assert.equal(diceOf({ tp: 3, fp: 1, fn: 2 }), 6 / 9);
  assert.equal(diceOf({ tp: 0, fp: 0, fn: 5 }), 0);
  assert.equal(diceOf({ tp: 0, fp: 0, fn: 0 }), null);
});

test('strip geometry: bars tile the plot; the slice under x is the bar drawn there, clamped at the ends', () => {
  const l = stripLayout(600, 76, 300);
  assert.equal(barLeft(l, 0), l.left);
  assert.equal(barLeft(l, 300), l.right);
  for (const i of [0, 1, 150, 299]) {
    const middle = (barLeft(l, i) + barLeft(l, i + 1)) / 2;
    assert.equal(sliceAt(l, middle), i);
  }
  assert.equal(sliceAt(l, -50), 0);
  assert.equal(sliceAt(l, 10_000), 299);
  assert.equal(diceY(l, 0), l.baseline);
  assert.equal(diceY(l, 1), l.top);
  assert.equal(diceY(l, 2), l.top, 'clamped');
  // Slice labels at least 48 px apart on a 1-2-5 step: bars are 534 / 300 = 1.78 px wide, so 20
  // slices (35.6 px) is too close and 50 (89 px) the first that fits.
  assert.equal(tickStep(l), 50);
  assert.equal(tickStep(stripLayout(600, 76, 10)), 1);
});

test('strip colours: blue family at or above the threshold, orange to vermillion below, worst most saturated', () => {
  assert.deepEqual(diceColour(1, 0.8), [0, 114, 178, 255]);
  assert.deepEqual(diceColour(0.8, 0.8), [86, 180, 233, 255]);
  assert.deepEqual(diceColour(0, 0.8), [213, 94, 0, 255]);
  assert.deepEqual(diceColour(0.79999, 0.8), [230, 159, 0, 255]);
  for (let d = 0; d < 0.8; d += 0.05) {
    const [r, , b] = diceColour(d, 0.8);
    assert.ok(r > b, `below the threshold (${d}) reads orange`);
  }
  for (let d = 0.8; d <= 1; d += 0.05) {
    const [r, , b] = diceColour(d, 0.8);
    assert.ok(b > r, `at or above the threshold (${d}) reads blue`);
  }
});

test('reading the result: metrics per choice, titles, opening slice, flagged count, validity', () => {
  const result = testResult();
  assert.equal(metricsFor(result, null), result.foreground);
  assert.equal(metricsFor(result, 2)?.refVoxels, 600);
  assert.equal(metricsFor(result, 9), undefined);
  const labels = [{ value: 1, name: 'liver' }, { value: 2 }];
  assert.equal(choiceTitle(null, labels), 'Foreground');
  assert.equal(choiceTitle(1, labels), '1 liver');
  assert.equal(choiceTitle(2, labels), 'label 2');
  assert.equal(validChoice(result, 2), 2);
  assert.equal(validChoice(result, 9), null);
  assert.equal(formatDice(null), 'n/a');
  assert.equal(formatDice(0.81649), '0.816');
  // Foreground: slices 6–11 hold the liver (18 × 20 in either mask) and the spleen (10 × 12): the most.
  assert.equal(busiestSlice(result.foreground), 6);
  // Below 0.8: slice 4 (0), slices 12 and 13 (560 / 740).
  assert.equal(flaggedCount(result, null), 3);
  assert.deepEqual(readingOf(result), { referenceIsProbability: false, predictionIsProbability: false, probThreshold: 0.5 });
});

test('state: restores mode, label and hidden classes; anything else falls back field by field', () => {
  const s = restoreCompareState({ mode: 'overlay', label: 3, hiddenClasses: [FP, 9, 'x'], plane: 'coronal', cursor: [1, 2, 3], layout: 'grid' });
  assert.equal(s.mode, 'overlay');
  assert.equal(s.label, 3);
  assert.deepEqual(s.hiddenClasses, [FP]);
  assert.equal(s.plane, 'coronal');
  assert.deepEqual(s.cursor, [1, 2, 3]);
  assert.equal(s.layout, 'single');
  const d = restoreCompareState('garbage');
  assert.deepEqual([d.mode, d.label, d.hiddenClasses, d.cursor], ['sideBySide', null, [], null]);
  assert.equal(restoreCompareState({ label: 'liver' }).label, null);
});
