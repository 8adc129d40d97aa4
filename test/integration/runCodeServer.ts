// Runs the in-VS Code test suite (out/test/integration/suite) inside code-server's real extension
// host, driven by headless Chromium, and returns each test's result. Everything it starts is stopped
// before it returns, whatever happened; logs are kept in the scratch folder when something failed.
import { createWriteStream, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../webview/harness';
import { REPORT_ENV, readResults, type SuiteRun } from './report';
import { openWorkbench, type Workbench } from './workbench';
import { makeScratchDir, removeScratchDir } from './workspace';

export interface InVsCodeSuiteOptions {
  /** Folder to open; default: a fresh copy of `fixtures`. */
  workspace?: string;
  /** Folder copied as the workspace (default test/fixtures). */
  fixtures?: string;
  /** Folder with the compiled tests module (default out/test/integration/suite). */
  extensionTestsPath?: string;
  /** Whole-run limit (default $MASK_INSPECTOR_VSCODE_TIMEOUT_MS or 10 minutes: the in-VS Code suite grew past 5 on a loaded machine). */
  timeoutMs?: number;
  /** Only tests whose full name matches (mocha grep); default $MASK_INSPECTOR_TEST_GREP. */
  grep?: string;
}

export const DEFAULT_SUITE_TIMEOUT_MS = Number(process.env.MASK_INSPECTOR_VSCODE_TIMEOUT_MS) || 10 * 60_000;

function tail(file: string, lines = 30): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(empty)';
  }
}

function formatArg(arg: unknown): string {
  if (typeof arg === 'string') return arg;
  try {
    return JSON.stringify(arg);
  } catch {
    return String(arg);
  }
}

export async function runSuiteInCodeServer(options: InVsCodeSuiteOptions = {}): Promise<SuiteRun> {
  const scratchDir = makeScratchDir('mask-inspector-itest-');
  const reportFile = join(scratchDir, 'results.jsonl');
  const hostLogFile = join(scratchDir, 'extension-host.log');
  const hostLog = createWriteStream(hostLogFile);
  const verbose = process.env.MASK_INSPECTOR_VERBOSE === '1';
  const timeoutMs = options.timeoutMs ?? DEFAULT_SUITE_TIMEOUT_MS;

  let reportExit: (code: number) => void = () => undefined;
  const exited = new Promise<number>((resolve) => (reportExit = resolve));
  let workbench: Workbench | undefined;
  let exitCode: number | undefined;
  let problem: string | undefined;
  let timer: NodeJS.Timeout | undefined;

  try {
    const grep = options.grep ?? process.env.MASK_INSPECTOR_TEST_GREP;
    workbench = await openWorkbench({
      scratchDir,
      workspace: options.workspace,
      fixtures: options.fixtures,
      extensionTestsPath: options.extensionTestsPath ?? join(repoRoot(), 'out', 'test', 'integration', 'suite'),
      env: { [REPORT_ENV]: reportFile, ...(grep ? { MASK_INSPECTOR_TEST_GREP: grep } : {}) },
      automation: {
        log: (type, args) => {
          const line = `[${type}] ${args.map(formatArg).join(' ')}\n`;
          hostLog.write(line);
          if (verbose) process.stderr.write(line);
        },
        exit: (code) => reportExit(code),
      },
    });
    const timedOut = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)));
    const outcome = await Promise.race([exited, timedOut]);
    if (outcome === 'timeout') {
      const done = readResults(reportFile);
      problem = `The in-VS Code suite did not finish within ${timeoutMs} ms` +
        (done.length > 0 ? ` (last finished test: ${done[done.length - 1]!.name}).` : ' (no test finished).');
    } else {
      exitCode = outcome;
    }
  } catch (err) {
    problem = `Could not run the suite in code-server: ${err instanceof Error ? err.message : String(err)}`;
  } finally {
    clearTimeout(timer);
    await workbench?.close({ keepScratch: true });
    await new Promise<void>((done) => hostLog.end(done));
  }

  const tests = readResults(reportFile);
  const clean = problem === undefined && exitCode === 0 && tests.every((t) => t.state !== 'failed');
  if (problem !== undefined) {
    problem += `\n--- extension host log (tail) ---\n${tail(hostLogFile)}` +
      `\n--- code-server log (tail) ---\n${tail(join(scratchDir, 'code-server.log'), 15)}` +
      `\n--- browser console (tail) ---\n${tail(join(scratchDir, 'browser-console.log'), 15)}` +
      `\n(all logs: ${scratchDir})`;
  }
  if (clean && !process.env.MASK_INSPECTOR_KEEP_SCRATCH) removeScratchDir(scratchDir);
  return { tests, exitCode, problem, logDir: scratchDir };
}
