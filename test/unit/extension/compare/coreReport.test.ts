// src/core/report: the export's CSV is the CLI's CSV byte for byte; Dice wording never rounds a
// flagged value up to the threshold; the Markdown summary holds the table and the worst slices.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { formatCsv as cliCsv } from '../../../../src/cli/format';
import { openVolume } from '../../../../src/core/io/open';
import { compareSources } from '../../../../src/core/metrics/compare';
import { formatCsv } from '../../../../src/core/report/csv';
import { formatMarkdown } from '../../../../src/core/report/markdown';
import { diceText, labelText } from '../../../../src/core/report/sliceText';

const metricsDir = join(__dirname, '..', '..', '..', '..', '..', 'test', 'fixtures', 'metrics');

async function multilabel() {
  const [ref, pred] = await Promise.all([openVolume(join(metricsDir, 'multilabel_ref.nii.gz')), openVolume(join(metricsDir, 'multilabel_pred.nii.gz'))]);
  return compareSources(ref, pred, { plane: 'coronal' });
}

test('the export CSV equals the CLI --csv output', async () => {
  const result = await multilabel();
  assert.equal(formatCsv(result), cliCsv(result));
  const rows = formatCsv(result).trimEnd().split('\n');
  assert.equal(rows.length, 1 + (1 + result.labels.length) * result.foreground.slices.length);
});

test('Dice wording: two decimals, more when rounding would reach the threshold, n/a for undefined', () => {
  assert.equal(diceText(0.31), '0.31');
  assert.equal(diceText(0.7996, 0.8), '0.7996');
  assert.equal(diceText(0.79, 0.8), '0.79');
  assert.equal(diceText(null), 'n/a');
  assert.equal(labelText(null, new Map()), 'foreground');
  assert.equal(labelText(2, new Map([[2, 'liver']])), 'label 2 (liver)');
  assert.equal(labelText(3, new Map()), 'label 3');
});

test('Markdown: a row per label with its volume Dice and flagged count, then the worst slices', async () => {
  const result = await multilabel();
  const md = formatMarkdown(result, { names: new Map([[2, 'liver']]), worstCount: 5, referenceName: 'ref', predictionName: 'pred' });
  assert.match(md, /^# Mask comparison/);
  assert.match(md, /- Reference: `ref`/);
  for (const l of result.labels) {
    const flagged = result.flagged.filter((f) => f.label === l.label).length;
    assert.ok(md.includes(`| ${labelText(l.label, new Map([[2, 'liver']]))} | ${diceText(l.dice)} |`), `row of label ${l.label}`);
    assert.match(md, new RegExp(`\\| ${flagged} \\|\\n`));
  }
  assert.match(md, new RegExp(`## Worst slices \\(5 of ${result.flagged.length} with Dice < 0.8 and error ≥ 10 mm², most severe first\\)`));
  assert.equal(md.split('\n').filter((l) => l.startsWith('- coronal slice')).length, 5);
});

test('Markdown: a label name that looks like HTML keeps its characters (entities), in the table and the worst slices', async () => {
  const result = await multilabel();
  const label = result.flagged.find((f) => f.label !== null)!.label!;
  const name = '<img src=x onerror=alert(1)><b>liver</b> & co';
  const md = formatMarkdown(result, { names: new Map([[label, name]]), worstCount: result.flagged.length });
  const shown = '&lt;img src=x onerror=alert(1)&gt;&lt;b&gt;liver&lt;/b&gt; &amp; co';
  assert.ok(md.includes(`| label ${label} (${shown}) |`), 'the table row names the label with entities');
  assert.ok(md.split('\n').some((l) => l.startsWith('- ') && l.includes(`label ${label} (${shown})`)), 'so does its worst-slice line');
  assert.ok(!md.includes('<img') && !md.includes('<b>'), 'no tag is left for a Markdown renderer to parse');
});
