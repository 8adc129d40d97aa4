// The comparison editor survives its worker in a real VS Code: a compare worker that dies (as out of
// memory kills it) leaves the error view with its sentence, never a blank or hung tab; Reopen starts
// a new worker, and the comparison comes back with numpy's problems; no thread is left behind.
import * as assert from 'node:assert/strict';
import { afterEach, describe, it } from 'mocha';
import * as vscode from 'vscode';
import { compareAndWait, activeState, compareState, numpy, numpyFlagged, problemKeys, problemsOf, until } from './compareHelpers';
import { closeAll, fixture } from './viewerHelpers';

const REF = 'metrics/multilabel_ref.nii.gz';
const PRED = 'metrics/multilabel_pred.nii.gz';

describe('comparison worker death', function () {
  this.timeout(90_000);

  afterEach(async () => {
    await closeAll();
  });

  it('a worker that dies leaves the error view; Reopen compares again with a new worker', async () => {
    await compareAndWait(fixture(REF), fixture(PRED));
    const opened = await activeState();
    assert.equal(opened.state, 'ready', opened.message);
    await until('the webview to draw the comparison', async () => ((await activeState()).rendered?.view === 'comparison' ? true : undefined));
    const workers = (await compareState()).liveWorkers;

    await vscode.commands.executeCommand('maskInspector._testCrashCompareWorker');
    const failed = await until('the error view', async () => {
      const c = await activeState();
      return c.state === 'error' && c.rendered?.view === 'error' ? c : undefined;
    });
    assert.match(failed.message ?? '', /multilabel_ref\.nii\.gz ↔ multilabel_pred\.nii\.gz cannot be compared: the compare worker stopped unexpectedly .*Reopen reads both files again\./);
    assert.equal(failed.rendered?.message, failed.message, 'the webview shows the sentence');
    await until('the dead thread to be gone', async () => ((await compareState()).liveWorkers === workers - 1 ? true : undefined));

    await vscode.commands.executeCommand('maskInspector._testCompareReopen');
    const back = await until('the comparison again', async () => {
      const c = await activeState();
      return c.state === 'ready' && c.rendered?.view === 'comparison' ? c : undefined;
    });
    assert.equal(back.id, opened.id, 'the same tab');
    assert.deepEqual(problemKeys(await problemsOf(back)), numpyFlagged(await numpy('multilabel_uint8', 'axial'), 0.8));
    assert.equal((await compareState()).liveWorkers, workers, 'one worker again');
  });
});
