// The results file the in-VS Code suite writes (one JSON line per finished test) and the runners
// read back. A file, named by an environment variable the extension host inherits, works the same
// under code-server and under @vscode/test-electron, and survives a workbench that hangs midway.
import { appendFileSync, readFileSync } from 'node:fs';

/** Environment variable holding the results file's path; unset when run by hand (F5). */
export const REPORT_ENV = 'MASK_INSPECTOR_TEST_REPORT';

export type InVsCodeTestState = 'passed' | 'failed' | 'skipped';

export interface InVsCodeTestResult {
  /** Suite titles and test title, joined with ' › '. */
  name: string;
  state: InVsCodeTestState;
  durationMs: number;
  /** Message and stack of the failure. */
  error?: string;
}

/** What a runner hands back: per-test results plus how the run itself ended. */
export interface SuiteRun {
  tests: InVsCodeTestResult[];
  /** The suite's exit code as VS Code reported it; undefined if it never did. */
  exitCode: number | undefined;
  /** Why the run did not finish normally (timeout, crash), with log excerpts. */
  problem?: string;
  /** Logs of the run, kept after a failure. */
  logDir: string;
}

export function appendResult(file: string, result: InVsCodeTestResult): void {
  appendFileSync(file, `${JSON.stringify(result)}\n`);
}

function isResult(value: unknown): value is InVsCodeTestResult {
  if (typeof value !== 'object' || value === null) return false;
  const r = value as Record<string, unknown>;
  return typeof r.name === 'string' && (r.state === 'passed' || r.state === 'failed' || r.state === 'skipped') && typeof r.durationMs === 'number';
}

/** Results written so far; a missing file means no test finished. */
export function readResults(file: string): InVsCodeTestResult[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return [];
  }
  const results: InVsCodeTestResult[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    const parsed: unknown = JSON.parse(line);
    if (!isResult(parsed)) throw new Error(`Malformed line in ${file}: ${line}`);
    results.push(parsed);
  }
  return results;
}
