// The comparison editor in a real VS Code: started through the command with URIs and through the
// Explorer's (clicked, selected[]) form; its problems are exactly the slices numpy finds under the
// threshold with enough error; go-to-worst lands on numpy's most severe problem; next/previous walk
// numpy's problems in order, across labels or within one;
// opening the report at a problem's range (what a click in the Problems panel does) shows that
// slice; settings and file changes recompute; closing clears the problems and ends the worker.
import * as assert from 'node:assert/strict';
import { afterEach, describe, it } from 'mocha';
import * as vscode from 'vscode';
import {
  compareAndWait, activeState, api, compareState, numpy, numpyFlagged, numpySlices, problemKeys, problemsOf, revealSlice, setCompareSetting, shownInWebview, until,
} from './compareHelpers';
import { closeAll, fixture, openAndWait, testState } from './viewerHelpers';

const REF = 'metrics/multilabel_ref.nii.gz';
const PRED = 'metrics/multilabel_pred.nii.gz';

async function openComparison(ref = REF, pred = PRED) {
  await compareAndWait(fixture(ref), fixture(pred));
  const c = await activeState();
  assert.equal(c.state, 'ready', c.message);
  return c;
}

describe('comparison editor', function () {
  this.timeout(90_000);

  afterEach(async () => {
    await closeAll();
    for (const key of ['lowDiceThreshold', 'comparePlane', 'diagnosticSeverity', 'maxDiagnostics', 'minErrorMm2', 'navigateSelectedLabelOnly']) await setCompareSetting(key, undefined);
  });

  it('compare(uri, uri): problems are the slices numpy finds under 0.8 with ≥ 10 mm² wrong, with the agreed wording', async () => {
    const c = await openComparison();
    assert.equal(c.reference, fixture(REF).toString());
    assert.equal(c.prediction, fixture(PRED).toString());
    const expected = await numpy('multilabel_uint8', 'axial');
    const problems = await problemsOf(c);
    assert.deepEqual(problemKeys(problems), numpyFlagged(expected, 0.8));
    for (const d of problems) {
      assert.equal(d.source, 'Mask Inspector');
      assert.equal(d.severity, vscode.DiagnosticSeverity.Warning);
    }
    const s = numpySlices(expected, 1)[3]!;
    assert.ok(
      problems.some((d) => d.message === `axial slice 3, label 1: Dice ${s.dice!.toFixed(2)} (TP ${s.tp}, FP ${s.fp}, FN ${s.fn}), ${((s.fp + s.fn) * expected.sliceVoxelAreaMm2).toFixed(0)} mm² wrong`),
      problems.map((d) => d.message).join('\n'),
    );
    // The webview really shows the comparison (it reports what it drew).
    await until('the webview to draw the comparison', async () => ((await activeState()).rendered?.view === 'comparison' ? true : undefined));
  });

  it('the Explorer form (clicked, [reference, prediction]) compares the first selected with the second', async () => {
    const ref = fixture(REF);
    const pred = fixture('metrics/multilabel_pred_lps.nii.gz');
    await compareAndWait(pred, [ref, pred]);
    const c = await activeState();
    assert.equal(c.state, 'ready', c.message);
    assert.deepEqual([c.reference, c.prediction], [ref.toString(), pred.toString()]);
    assert.deepEqual(problemKeys(await problemsOf(c)), numpyFlagged(await numpy('lps_prediction', 'axial'), 0.8));
  });

  it('go-to-worst lands on numpy\'s most severe problem; next/previous walk numpy\'s order across labels, or one label\'s', async () => {
    const c = await openComparison();
    const expected = await numpy('multilabel_uint8', 'axial');
    const a = await api();
    const order = expected.flagged.map((f) => ({ label: f.label, index: f.index }));
    // From a slice that is not a problem, Go to Worst switches to the first problem's label.
    const calm = numpySlices(expected, 4).find((s) => !order.some((p) => p.label === 4 && p.index === s.index))!;
    await until('the webview to draw the comparison', async () => ((await activeState()).rendered?.view === 'comparison' ? true : undefined), 60000);
    await revealSlice(c.id, calm.index, 4);
    await shownInWebview(calm.index, 4);
    await vscode.commands.executeCommand('maskInspector.goToWorstSlice');
    await shownInWebview(order[0]!.index, order[0]!.label);
    const walked: { label: number | null; index: number }[] = [];
    for (let n = 0; n < order.length; n++) {
      await vscode.commands.executeCommand('maskInspector.nextLowDiceSlice');
      const active = a.activeComparison()!;
      await shownInWebview(active.slice, active.label);
      walked.push({ label: active.label, index: active.slice });
    }
    assert.deepEqual(walked, [...order.slice(1), order[0]], 'next walks every problem in order, across labels, and wraps');
    await vscode.commands.executeCommand('maskInspector.previousLowDiceSlice');
    await shownInWebview(order.at(-1)!.index, order.at(-1)!.label);

    // Restricted to the shown label: label 4's problems only, in the same order.
    await setCompareSetting('navigateSelectedLabelOnly', true);
    const own = order.filter((p) => p.label === 4);
    assert.ok(own.length >= 2, 'label 4 has problems to walk');
    await revealSlice(c.id, calm.index, 4);
    await shownInWebview(calm.index, 4);
    await vscode.commands.executeCommand('maskInspector.goToWorstSlice');
    await shownInWebview(own[0]!.index, 4);
    const mine: number[] = [];
    for (let n = 0; n < own.length; n++) {
      await vscode.commands.executeCommand('maskInspector.nextLowDiceSlice');
      const active = a.activeComparison()!;
      await shownInWebview(active.slice, 4);
      mine.push(active.slice);
    }
    assert.deepEqual(mine, [...own.slice(1), own[0]].map((p) => p.index));
    assert.deepEqual(a.activeComparison()!.sliceDice, numpySlices(expected, 4).map((s) => s.dice));
  });

  it('opening the report at a problem range, as the Problems panel does, shows that slice', async () => {
    const c = await openComparison();
    const problems = await problemsOf(c);
    const target = problems.find((d) => /label 4: /.test(d.message) && !/slice 0,/.test(d.message));
    assert.ok(target, 'a problem of label 4');
    const [, index] = /slice (\d+),/.exec(target.message)!;
    await revealSlice(c.id, 0, null);
    await shownInWebview(0, null);
    const reportUri = vscode.Uri.parse((await activeState()).reportUri!);
    // Named for what it is: one path segment, the pair and "low-Dice slices" (no "/1" folder).
    assert.match(reportUri.path, /^\/[^/]+ vs [^/]+ - low-Dice slices\.txt$/);
    await vscode.window.showTextDocument(reportUri, { selection: target.range, preserveFocus: true, preview: true });
    await shownInWebview(Number(index), 4);
    const active = (await api()).activeComparison()!;
    assert.deepEqual([active.label, active.slice], [4, Number(index)]);
    // The preview report tab was closed: the person lands on the comparison.
    await until('the report preview to close', async () =>
      vscode.window.tabGroups.all.flatMap((g) => g.tabs).some((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === reportUri.toString()) ? undefined : true,
    );
    const activeTab = vscode.window.tabGroups.activeTabGroup.activeTab;
    assert.ok(activeTab?.input instanceof vscode.TabInputWebview && activeTab.input.viewType.endsWith('maskInspector.comparison'), `active tab: ${activeTab?.label}`);

    // The Problems panel opens through the workbench's editor service (not the extension API):
    // `vscode.open` takes that path, where a report named like a mask would open in the viewer.
    const other = problems.find((d) => /label 2: /.test(d.message));
    assert.ok(other, 'a problem of label 2');
    const [, otherIndex] = /slice (\d+),/.exec(other.message)!;
    await vscode.commands.executeCommand('vscode.open', reportUri, { selection: other.range, preview: true, preserveFocus: true });
    await shownInWebview(Number(otherIndex), 2);
  });

  it('a sagittal acquisition (a real spine MR model output) opens in its sagittal plane: problems and panes, as numpy finds them', async () => {
    const c = await openComparison('real/panoptica-spine/ref.nii.gz', 'real/panoptica-spine/pred.nii.gz');
    const plane = async () => (await api()).activeComparison()?.plane;
    assert.equal(await plane(), 'sagittal');
    const expected = await numpy('real_spine', 'sagittal');
    assert.deepEqual(problemKeys(await problemsOf(c)), numpyFlagged(expected, 0.8));
    await until('the webview to draw the sagittal plane', async () => ((await activeState()).rendered?.plane === 'sagittal' ? true : undefined));
    // Settled: the webview's first drawing did not take the comparison back to the axial plane.
    await new Promise((done) => setTimeout(done, 1000));
    assert.equal(await plane(), 'sagittal');
    // A plane named in the setting wins over the acquisition plane.
    await setCompareSetting('comparePlane', 'axial');
    await until('axial problems', async () => ((await problemsOf(c)).every((d) => d.message.startsWith('axial slice')) && (await plane()) === 'axial' ? true : undefined));
  });

  it('threshold, plane, severity and cap settings recompute or republish the problems', async () => {
    const c = await openComparison();
    await setCompareSetting('lowDiceThreshold', 0.5);
    const half = numpyFlagged(await numpy('multilabel_uint8', 'axial'), 0.5);
    await until('problems under 0.5', async () => {
      const keys = problemKeys(await problemsOf(c));
      return JSON.stringify(keys) === JSON.stringify(half) ? true : undefined;
    });
    await setCompareSetting('lowDiceThreshold', undefined);
    await setCompareSetting('comparePlane', 'coronal');
    const coronal = numpyFlagged(await numpy('multilabel_uint8', 'coronal'), 0.8);
    await until('coronal problems', async () => {
      const problems = await problemsOf(c);
      return JSON.stringify(problemKeys(problems)) === JSON.stringify(coronal) && problems.every((d) => d.message.startsWith('coronal slice')) ? true : undefined;
    });
    assert.equal((await api()).activeComparison()?.plane, 'coronal');
    await setCompareSetting('diagnosticSeverity', 'error');
    await setCompareSetting('maxDiagnostics', 5);
    const problems = await until('five problems and a summary', async () => {
      const p = await problemsOf(c);
      return p.length === 6 && p[0]!.severity === vscode.DiagnosticSeverity.Error ? p : undefined;
    });
    const summary = problems.find((d) => /not listed/.test(d.message));
    assert.ok(summary, problems.map((d) => d.message).join('\n'));
    assert.match(summary.message, new RegExp(`^${coronal.length - 5} more slices with Dice < 0.8 and error ≥ 10 mm²`));
  });

  it('a prediction rewritten on disk is compared again', async () => {
    const pred = fixture('metrics/rewritten_pred.nii.gz');
    await vscode.workspace.fs.copy(fixture(PRED), pred, { overwrite: true });
    const c = await openComparison(REF, 'metrics/rewritten_pred.nii.gz');
    assert.ok((await problemsOf(c)).length > 0);
    await vscode.workspace.fs.writeFile(pred, await vscode.workspace.fs.readFile(fixture(REF)));
    await until('no problems once the prediction equals the reference', async () => {
      const s = (await compareState()).comparisons.find((x) => x.id === c.id);
      return s?.state === 'ready' && (await problemsOf(c)).length === 0 ? true : undefined;
    });
    assert.equal((await api()).activeComparison()?.volumeDice, 1);
  });

  it('a mask open in the viewer is compared without being read again; a change on disk is read afresh; closing frees it', async () => {
    // A copy of its own, so the read count starts at zero whatever ran before.
    const ref = fixture('metrics/cached_ref.nii.gz');
    await vscode.workspace.fs.copy(fixture(REF), ref, { overwrite: true });
    const key = ref.toString();
    const cacheState = async () => (await testState()).volumeCache;
    await openAndWait(ref);
    assert.equal((await cacheState()).reads[key], 1, 'the viewer read it once');
    const c = await openComparison('metrics/cached_ref.nii.gz', PRED);
    const afterCompare = await cacheState();
    assert.equal(afterCompare.reads[key], 1, 'the comparison was handed the viewer\'s volume: no second read');
    assert.equal(afterCompare.entries.find((e) => e.uri === key)?.holders, 2, 'held by the viewer and the comparison');
    assert.equal((await api()).activeComparison()?.volumeDice, (await numpy('multilabel_uint8', 'axial')).foreground.dice);

    // Rewritten on disk (the prediction's bytes): neither editor may keep the old volume.
    await vscode.workspace.fs.writeFile(ref, await vscode.workspace.fs.readFile(fixture(PRED)));
    await until('the comparison to see the new reference', async () => {
      const s = (await compareState()).comparisons.find((x) => x.id === c.id);
      return s?.state === 'ready' && (await api()).activeComparison()?.volumeDice === 1 ? true : undefined;
    });
    assert.ok(((await cacheState()).reads[key] ?? 0) >= 2, 'read again after the change');
    await closeAll();
    await until('the copy freed once both editors closed', async () => ((await cacheState()).entries.some((e) => e.uri === key) ? undefined : true));
    await vscode.workspace.fs.delete(ref);
  });

  it('swap exchanges the roles and recomputes', async () => {
    const c = await openComparison();
    await vscode.commands.executeCommand('maskInspector.swapComparison');
    const swapped = await until('the swapped comparison', async () => {
      const s = await activeState();
      return s.state === 'ready' && s.reference === fixture(PRED).toString() ? s : undefined;
    });
    assert.equal(swapped.id, c.id);
    assert.equal(swapped.prediction, fixture(REF).toString());
    // Swapping exchanges FP and FN: the flagged slices stay the same (Dice is symmetric).
    assert.deepEqual(problemKeys(await problemsOf(swapped)), numpyFlagged(await numpy('multilabel_uint8', 'axial'), 0.8));
  });

  it('exports CSV, JSON (the CLI schema) and Markdown', async () => {
    await openComparison();
    const expected = await numpy('multilabel_uint8', 'axial');
    const dir = fixture('exports');
    await vscode.workspace.fs.createDirectory(dir);
    const read = async (name: string): Promise<string> => {
      const uri = vscode.Uri.joinPath(dir, name);
      await vscode.commands.executeCommand('maskInspector.exportReport', uri);
      return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    };
    const csv = (await read('r.csv')).trimEnd().split('\n');
    assert.equal(csv[0], 'label,index,tp,fp,fn,dice');
    const s = expected.foreground.slices[4]!;
    assert.ok(csv.includes(`foreground,4,${s.tp},${s.fp},${s.fn},${s.dice}`));
    const json = JSON.parse(await read('r.json')) as { reference: { path: string }; foreground: { dice: number }; flagged: unknown[] };
    assert.equal(json.reference.path, fixture(REF).fsPath);
    assert.equal(json.foreground.dice, expected.foreground.dice);
    assert.deepEqual(json.flagged, expected.flagged);
    const md = await read('r.md');
    assert.match(md, /^# Mask comparison/);
    assert.match(md, /\| foreground \| 0\.53 \|/);
  });

  it('api.compare resolves with metrics ready and rejects when the grids differ', async () => {
    const a = await api();
    await a.compare(fixture(REF), fixture('metrics/multilabel_pred_kji.nii.gz'));
    const active = a.activeComparison();
    assert.ok(active);
    assert.equal(active.volumeDice, (await numpy('permuted_prediction', 'axial')).foreground.dice);
    await assert.rejects(a.compare(fixture(REF), fixture('metrics/multilabel_pred_shifted.nii.gz')), /not on the grid of multilabel_ref\.nii\.gz.*origin/);
  });

  it('closing the editor clears its problems and ends its worker', async () => {
    const c = await openComparison();
    const reportUri = vscode.Uri.parse((await activeState()).reportUri!);
    assert.ok(vscode.languages.getDiagnostics(reportUri).length > 0);
    assert.ok((await compareState()).liveWorkers >= 1);
    await closeAll();
    await until('no comparison, no worker, no problems', async () => {
      const s = await compareState();
      return s.comparisons.length === 0 && s.liveWorkers === 0 && vscode.languages.getDiagnostics(reportUri).length === 0 ? true : undefined;
    });
    assert.ok(c.id > 0);
  });
});
