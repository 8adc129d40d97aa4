// Reports with boundary metrics, on the nibabel surface fixture pair (labels 1-3, plus 7 only in the
// reference and 9 only in the prediction): the export's CSV equals the CLI's `--surface --csv`
// byte for byte, the JSON has the CLI's `--surface --json` fields with "inf" for one-sided labels,
// the Markdown table gains HD/HD95/ASSD/NSD (∞ for one-sided labels), and with
// maskInspector.flagHd95AboveMm the report lists exactly the slices whose 2-D HD95 scipy finds
// above the limit (test/fixtures/surface/cli.json), worded as agreed.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { formatCsv as cliCsv } from '../../../../src/cli/format';
import { openVolume } from '../../../../src/core/io/open';
import { compareVolumes } from '../../../../src/core/metrics/compare';
import { formatCsv } from '../../../../src/core/report/csv';
import { formatMarkdown } from '../../../../src/core/report/markdown';
import { hd95Flags, hd95Message, mmText, nsdText } from '../../../../src/core/report/surfaceText';
import { surfaceForComparison, surfaceToJson, withSurface } from '../../../../src/core/surface';
import { buildReport } from '../../../../src/extension/compare/report';

const root = join(__dirname, '..', '..', '..', '..', '..');
const dir = join(root, 'test', 'fixtures', 'surface');
const REF = join(dir, 'labels_ref.nii.gz');
const PRED = join(dir, 'labels_pred_lps.nii.gz');

type Num = number | 'inf' | null;
const expected = (JSON.parse(readFileSync(join(dir, 'cli.json'), 'utf8')) as {
  cases: { labels: { expected: { foregroundSlicesK: { hd95: Num }[] } } };
}).cases.labels.expected;

async function surfaceResult() {
  const [ref, pred] = await Promise.all([openVolume(REF).then((s) => s.readAll()), openVolume(PRED).then((s) => s.readAll())]);
  const dice = await compareVolumes(ref, pred, { plane: 'axial' });
  return withSurface(dice, surfaceForComparison(ref, pred, dice, { toleranceMm: 1, perSlice: true }));
}

test('the export CSV with per-slice surface columns equals the CLI --surface --csv output', async () => {
  const result = await surfaceResult();
  const csv = formatCsv(result);
  assert.equal(csv, cliCsv(result));
  const cliRun = spawnSync(process.execPath, [join(root, 'dist', 'cli.js'), 'compare', REF, PRED, '--surface', '--csv'], { encoding: 'utf8' });
  assert.equal(cliRun.status, 0, cliRun.stderr);
  assert.equal(csv, cliRun.stdout);
  const rows = csv.trimEnd().split('\n');
  assert.equal(rows[0], 'label,index,tp,fp,fn,dice,hd,hd95,assd,nsd');
  // Label 7 is only in the reference: where a slice holds it, one mask is empty: "inf", NSD 0.
  assert.ok(rows.some((r) => /^7,\d+,0,0,\d+,0,inf,inf,inf,0$/.test(r)), 'a one-sided slice row');
  // Neither mask has the label in the slice: every value empty.
  assert.ok(rows.includes('1,0,0,0,0,,,,,'));
});

test('the export JSON has the CLI --surface --json fields, "inf" where one mask is empty', async () => {
  const result = await surfaceResult();
  const ours = JSON.parse(surfaceToJson(result, 2)) as Record<string, unknown> & { labels: Record<string, unknown>[]; foreground: Record<string, unknown> };
  const cliRun = spawnSync(process.execPath, [join(root, 'dist', 'cli.js'), 'compare', REF, PRED, '--surface', '--json'], { encoding: 'utf8' });
  assert.equal(cliRun.status, 0, cliRun.stderr);
  const theirs = JSON.parse(cliRun.stdout) as typeof ours;
  for (const key of ['hd', 'hd95', 'assd', 'nsd', 'toleranceMm', 'slices']) assert.deepEqual(ours.foreground[key], theirs.foreground[key], `foreground.${key}`);
  assert.deepEqual(ours['surface'], theirs['surface']);
  ours.labels.forEach((l, n) => {
    for (const key of ['label', 'hd', 'hd95', 'assd', 'nsd', 'toleranceMm', 'slices']) assert.deepEqual(l[key], theirs.labels[n]![key], `labels[${n}].${key}`);
  });
  const seven = ours.labels.find((l) => l['label'] === 7)!;
  assert.deepEqual([seven['hd'], seven['hd95'], seven['assd'], seven['nsd']], ['inf', 'inf', 'inf', 0]);
});

test('Markdown: HD, HD95, ASSD (mm) and NSD at τ per label, ∞ for a one-sided label, the conventions', async () => {
  const result = await surfaceResult();
  const md = formatMarkdown(result, { referenceName: 'ref', predictionName: 'pred' });
  assert.match(md, /\| flagged slices \| HD mm \| HD95 mm \| ASSD mm \| NSD@1mm \|/);
  const l1 = result.labels[0]!;
  assert.ok(md.includes(` | ${l1.hd!.toFixed(2)} | ${l1.hd95!.toFixed(2)} | ${l1.assd!.toFixed(2)} | ${l1.nsd!.toFixed(3)} |`), md);
  assert.match(md, /\n\| label 7 \|[^\n]*\| ∞ \| ∞ \| ∞ \| 0\.000 \|\n/);
  assert.match(md, /surface Dice at 1 mm/);
  assert.doesNotMatch(md, /2-D HD95 above/, 'no HD95 list without a limit');
  const limited = formatMarkdown(result, { hd95LimitMm: 10 });
  assert.match(limited, /## Slices with a 2-D HD95 above 10 mm/);
});

test('flagHd95AboveMm: the report lists the slices whose 2-D HD95 scipy finds above the limit, largest first', async () => {
  const result = await surfaceResult();
  const limit = 10;
  const names = new Map([[2, 'liver']]);
  const report = buildReport(result, { referenceName: 'ref', predictionName: 'pred', names, maxDiagnostics: 500, hd95LimitMm: limit });
  const far = report.entries.filter((e) => e.reason === 'hd95');
  // The foreground, against scipy: finite HD95 above 10 mm.
  const scipyForeground = expected.foregroundSlicesK
    .map((s, k) => ({ k, hd95: s.hd95 }))
    .filter((s): s is { k: number; hd95: number } => typeof s.hd95 === 'number' && s.hd95 > limit)
    .map((s) => s.k);
  assert.ok(scipyForeground.length > 0, 'the fixture has far foreground slices');
  assert.deepEqual(far.filter((e) => e.label === null).map((e) => e.index).sort((a, b) => a - b), scipyForeground);
  // Every entry: a label's 2-D HD95 in the result above the limit, worded as agreed, on its own line.
  for (const e of far) {
    const slices = e.label === null ? result.foreground.slices : result.labels.find((l) => l.label === e.label)!.slices;
    const s = slices[e.index]!;
    assert.ok(s.hd95! > limit && s.hd95! !== Infinity);
    const where = e.label === null ? 'foreground' : e.label === 2 ? 'label 2 (liver)' : `label ${e.label}`;
    assert.equal(e.message, `axial slice ${e.index}, ${where}: HD95 ${s.hd95!.toFixed(1)} mm above 10 mm (Dice ${s.dice!.toFixed(2)})`);
    assert.equal(report.lines[e.line], e.message);
  }
  const values = far.map((e) => hd95Flags(result, limit).find((f) => f.label === e.label && f.index === e.index)!.hd95);
  assert.deepEqual(values, [...values].sort((a, b) => b - a), 'largest first');
  assert.equal(report.entries.length, result.flagged.length + far.length, 'after the low-Dice slices');
  assert.ok(report.entries.slice(0, result.flagged.length).every((e) => e.reason === 'dice'));
  assert.match(report.lines[1]!, /flagged when Dice < 0\.8 and error ≥ 10 mm², or 2-D HD95 > 10 mm/);
  assert.match(report.lines[2]!, new RegExp(`^${report.entries.length} flagged slices \\(${result.flagged.length} for Dice, ${far.length} for HD95\\)`));
  // Without a limit, the report is the Dice report.
  const plain = buildReport(result, { referenceName: 'ref', predictionName: 'pred', names, maxDiagnostics: 500 });
  assert.ok(plain.entries.every((e) => e.reason === 'dice'));
  assert.match(plain.lines[1]!, /flagged when Dice < 0\.8 and error ≥ 10 mm²\. /);
});

test('wording: ∞ for one empty mask, n/a for both, no rounding down to the limit', () => {
  assert.equal(mmText(Infinity), '∞');
  assert.equal(mmText(null), 'n/a');
  assert.equal(mmText(2.3456), '2.35');
  assert.equal(nsdText(0.98765), '0.988');
  assert.equal(nsdText(null), 'n/a');
  const flag = { label: 2, index: 42, hd95: 10.04, dice: 0.93 };
  assert.equal(hd95Message('axial', flag, new Map([[2, 'liver']]), 10), 'axial slice 42, label 2 (liver): HD95 10.04 mm above 10 mm (Dice 0.93)');
  assert.equal(hd95Message('axial', { ...flag, hd95: 14.2 }, new Map([[2, 'liver']]), 10), 'axial slice 42, label 2 (liver): HD95 14.2 mm above 10 mm (Dice 0.93)');
});
