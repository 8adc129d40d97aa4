// node:test entry for the in-VS Code suite: runs it in code-server + Chromium (or, with
// MASK_INSPECTOR_VSCODE=electron, in desktop VS Code via @vscode/test-electron) and turns each test
// that ran inside VS Code into a subtest here, so each one counts in the run's tally.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import type { InVsCodeTestResult, SuiteRun } from './report';
import { DEFAULT_SUITE_TIMEOUT_MS, runSuiteInCodeServer } from './runCodeServer';
import { runSuiteInElectron } from './runElectron';

const useElectron = process.env.MASK_INSPECTOR_VSCODE === 'electron';
const where = useElectron ? 'in desktop VS Code (@vscode/test-electron)' : 'in VS Code 1.100.3 (code-server)';

/** A failure raised here but thrown inside VS Code: keep the in-VS Code stack, not this frame. */
function inVsCodeError(result: InVsCodeTestResult): Error {
  const text = result.error ?? 'failed inside VS Code (no error text)';
  const error = new Error(text.split('\n')[0]);
  error.stack = text;
  return error;
}

test(where, { timeout: DEFAULT_SUITE_TIMEOUT_MS + 120_000 }, async (t) => {
  const run: SuiteRun = useElectron ? await runSuiteInElectron() : await runSuiteInCodeServer();

  for (const result of run.tests) {
    await t.test(result.name, { skip: result.state === 'skipped' }, () => {
      if (result.state === 'failed') throw inVsCodeError(result);
    });
  }

  if (run.problem !== undefined) assert.fail(run.problem);
  assert.notEqual(run.exitCode, undefined, `VS Code never reported the end of the suite (logs: ${run.logDir})`);
  assert.ok(run.tests.length > 0, `No test ran inside VS Code: were the *.itest.ts files built? (logs: ${run.logDir})`);
  const failed = run.tests.filter((r) => r.state === 'failed').length;
  if (failed === 0) assert.equal(run.exitCode, 0, `The suite exited with code ${run.exitCode} although no test failed (logs: ${run.logDir})`);
});
