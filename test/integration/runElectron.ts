// Runs the same in-VS Code suite under desktop VS Code downloaded by @vscode/test-electron, for
// machines with internet access (VS Code's own output goes to this process's stdout/stderr) (not these CI machines: VS Code cannot be downloaded here). Used by
// vscode.test.ts when MASK_INSPECTOR_VSCODE=electron:
//   npm run build && MASK_INSPECTOR_VSCODE=electron node --test out/test/integration/vscode.test.js
import { join } from 'node:path';
import { TestRunFailedError, runTests } from '@vscode/test-electron';
import { repoRoot } from '../webview/harness';
import { REPORT_ENV, readResults, type SuiteRun } from './report';
import type { InVsCodeSuiteOptions } from './runCodeServer';
import { makeScratchDir, makeWorkspace, removeScratchDir } from './workspace';

/** The oldest VS Code the manifest accepts (engines.vscode ^1.100.0), the same as code-server 4.100.3. */
const DEFAULT_VERSION = '1.100.3';

export async function runSuiteInElectron(options: Omit<InVsCodeSuiteOptions, 'timeoutMs'> & { version?: string } = {}): Promise<SuiteRun> {
  const scratchDir = makeScratchDir('mask-inspector-electron-');
  const workspace = options.workspace ?? makeWorkspace(scratchDir, options.fixtures);
  const reportFile = join(scratchDir, 'results.jsonl');
  const grep = options.grep ?? process.env.MASK_INSPECTOR_TEST_GREP;

  let exitCode: number | undefined;
  let problem: string | undefined;
  try {
    exitCode = await runTests({
      version: options.version ?? process.env.VSCODE_TEST_VERSION ?? DEFAULT_VERSION,
      extensionDevelopmentPath: repoRoot(),
      extensionTestsPath: options.extensionTestsPath ?? join(repoRoot(), 'out', 'test', 'integration', 'suite'),
      // The folder first (VS Code opens it); a fresh profile; no other extensions.
      launchArgs: [workspace, '--disable-extensions', '--user-data-dir', join(scratchDir, 'user-data')],
      extensionTestsEnv: { [REPORT_ENV]: reportFile, ...(grep ? { MASK_INSPECTOR_TEST_GREP: grep } : {}) },
    });
  } catch (err) {
    if (err instanceof TestRunFailedError && err.code !== undefined) exitCode = err.code;
    else problem = `Could not run the suite in VS Code: ${err instanceof Error ? err.message : String(err)} (logs: ${scratchDir})`;
  }

  const tests = readResults(reportFile);
  if (problem === undefined && exitCode === 0 && tests.every((t) => t.state !== 'failed')) removeScratchDir(scratchDir);
  return { tests, exitCode, problem, logDir: scratchDir };
}
