// The extension tests module VS Code loads into the extension host (extensionTestsPath points at this
// folder): runs every *.itest.js next to this file with mocha, prints one line per test, and appends
// each result to the file named by MASK_INSPECTOR_TEST_REPORT so the runner outside VS Code can turn
// them into node:test results. VS Code reports the suite's end (exit code) when run() settles.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';
import { REPORT_ENV, appendResult, type InVsCodeTestResult } from '../report';

function itestFiles(dir: string): string[] {
  const files: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) files.push(...itestFiles(p));
    else if (name.endsWith('.itest.js')) files.push(p);
  }
  return files;
}

function errorText(err: unknown): string {
  if (err instanceof Error) return err.stack ?? `${err.name}: ${err.message}`;
  return String(err);
}

function record(result: InVsCodeTestResult): void {
  const mark = result.state === 'passed' ? '✔' : result.state === 'failed' ? '✖' : '﹣';
  console.log(`[in-vscode] ${mark} ${result.name} (${result.durationMs} ms)${result.error ? `\n${result.error}` : ''}`);
  const file = process.env[REPORT_ENV];
  if (file) appendResult(file, result);
}

const { EVENT_TEST_PASS, EVENT_TEST_FAIL, EVENT_TEST_PENDING } = Mocha.Runner.constants;

/** Reports every test (and every failing hook, which mocha reports as a failed "test") as it ends. */
class ResultFileReporter extends Mocha.reporters.Base {
  constructor(runner: Mocha.Runner, options?: Mocha.MochaOptions) {
    super(runner, options);
    const name = (t: Mocha.Runnable) => t.titlePath().join(' › ');
    runner.on(EVENT_TEST_PASS, (t) => record({ name: name(t), state: 'passed', durationMs: t.duration ?? 0 }));
    runner.on(EVENT_TEST_FAIL, (t, err) => record({ name: name(t), state: 'failed', durationMs: t.duration ?? 0, error: errorText(err) }));
    runner.on(EVENT_TEST_PENDING, (t) => record({ name: name(t), state: 'skipped', durationMs: 0 }));
  }
}

export function run(): Promise<void> {
  const mocha = new Mocha({
    ui: 'bdd', // describe/it; tdd's suite/test work too when imported from 'mocha'
    color: false,
    timeout: 60_000,
    reporter: ResultFileReporter,
    grep: process.env.MASK_INSPECTOR_TEST_GREP,
  });
  const files = itestFiles(__dirname);
  for (const file of files) mocha.addFile(file);
  console.log(`[in-vscode] running ${files.length} test file(s): ${files.map((f) => f.slice(__dirname.length + 1)).join(', ')}`);

  return new Promise<void>((resolve, reject) => {
    try {
      mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} in-VS Code test(s) failed.`)) : resolve()));
    } catch (err) {
      // A test file that throws while loading never becomes a test; report it as one.
      record({ name: 'load the *.itest.js files', state: 'failed', durationMs: 0, error: errorText(err) });
      reject(err instanceof Error ? err : new Error(String(err)));
    }
  });
}
