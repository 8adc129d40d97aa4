// The comparison on a TotalSegmentator-like pair (test/pairs/manyLabelPair.ts: 24 organs on
// 0.8 × 0.8 × 2.5 mm voxels, half the right kidney missing in four slices, the gallbladder thinner
// in two, 1–7 voxel differences scattered over most labels), in a real VS Code: the first problem
// and Go to Worst are the kidney (the label shown switches to it), no problem is under the 10 mm²
// floor, and F8 walks from the kidney's problems on to the gallbladder's.
import * as assert from 'node:assert/strict';
import { afterEach, describe, it } from 'mocha';
import * as vscode from 'vscode';
import { AXIAL_VOXEL_MM2, GALLBLADDER, KIDNEY_RIGHT, manyLabelPair, writeManyLabelPair } from '../../pairs/manyLabelPair';
import { compareAndWait, activeState, api, problemsOf, revealSlice, shownInWebview } from './compareHelpers';
import { closeAll, fixture } from './viewerHelpers';

/** label and slice of a problem message; null label = foreground. */
function parse(message: string): { label: number | null; index: number; fp: number; fn: number } {
  const m = /^axial slice (\d+), (?:foreground|label (\d+)(?: \([^)]*\))?): Dice [\d.]+ \(TP \d+, FP (\d+), FN (\d+)\)/.exec(message);
  assert.ok(m, `problem message: ${message}`);
  return { label: m[2] === undefined ? null : Number(m[2]), index: Number(m[1]), fp: Number(m[3]), fn: Number(m[4]) };
}

describe('comparison of a many-label pair', function () {
  this.timeout(90_000);
  afterEach(closeAll);

  it('ranks the half-missing kidney first, keeps the noise out, and F8 crosses labels', async () => {
    const pair = manyLabelPair();
    const dir = fixture('many-labels');
    const files = await writeManyLabelPair(dir.fsPath, pair);
    await compareAndWait(vscode.Uri.file(files.reference), vscode.Uri.file(files.prediction));
    const c = await activeState();
    assert.equal(c.state, 'ready', c.message);

    const problems = [...(await problemsOf(c))].sort((a, b) => a.range.start.line - b.range.start.line).map((d) => parse(d.message));
    assert.ok(problems.length > 0);
    assert.equal(problems[0]!.label, KIDNEY_RIGHT, 'the first problem is the kidney');
    assert.ok(pair.kidneyHalfMissing.includes(problems[0]!.index));
    for (const p of problems) {
      assert.ok((p.fp + p.fn) * AXIAL_VOXEL_MM2 >= 10 - 1e-6, `label ${p.label} slice ${p.index}: ${(p.fp + p.fn) * AXIAL_VOXEL_MM2} mm² is under the floor`);
      assert.ok(!pair.noise.some((n) => n.label === p.label && n.index === p.index), `noise listed: ${p.label}:${p.index}`);
    }

    // Go to Worst from the foreground: the label switches to the kidney.
    await revealSlice(c.id, 0, null);
    await shownInWebview(0, null);
    await vscode.commands.executeCommand('maskInspector.goToWorstSlice');
    await shownInWebview(problems[0]!.index, KIDNEY_RIGHT);

    // F8 walks every problem in the Problems panel's order, from the kidney on to the gallbladder.
    const a = await api();
    const labels: (number | null)[] = [];
    for (let n = 1; n < problems.length; n++) {
      await vscode.commands.executeCommand('maskInspector.nextLowDiceSlice');
      const want = problems[n]!;
      await shownInWebview(want.index, want.label);
      labels.push(a.activeComparison()!.label);
    }
    assert.ok(labels.includes(GALLBLADDER) && labels.includes(KIDNEY_RIGHT), `F8 crossed labels: ${labels.join(', ')}`);
  });
});
