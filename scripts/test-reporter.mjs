// A node:test reporter for people and CI logs: one line per test with its name and duration, the
// children's own output, a recap of failures, and as the very last line the tally
// `N passed, N failed[, N skipped]`.
//
// What counts as a test: leaves only (a test with subtests is counted through its subtests), plus any
// parent or file that failed for a reason of its own (a throw after its subtests ran, a file that
// crashed while loading), so nothing that makes `node --test` exit non-zero is missing from the tally.
// Node 20 reports each file as a top-level test; Node 22+ does not; both are handled.
// Checks scripts/test.sh ran before the tests (typecheck, lint) and that failed arrive in
// MASK_INSPECTOR_FAILED_CHECKS and are counted as failures too.
import { relative } from 'node:path';

const FILE_FAILED = 'the test file failed outside any test (crash, or non-zero exit); see its output above';
const SUMMARY_DIAGNOSTIC = /^(tests|suites|pass|fail|cancelled|skipped|todo|duration_ms) [\d.]+$/;

function errorText(error) {
  if (!error) return 'failed (no error given)';
  const cause = error.cause ?? error;
  const text = (typeof cause === 'object' && cause !== null && (cause.stack || cause.message)) || String(cause);
  // Keep the message and the first frames; node internals below them only add noise.
  return String(text).split('\n').filter((l) => !l.includes('node:internal/')).slice(0, 14).join('\n');
}

function indent(text, prefix) {
  return text.split('\n').map((l) => prefix + l).join('\n');
}

function ms(details) {
  const d = details?.duration_ms;
  return typeof d === 'number' ? ` (${d < 1000 ? `${Math.round(d)}ms` : `${(d / 1000).toFixed(1)}s`})` : '';
}

export default async function* testReporter(source) {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  const failures = [];
  const perFile = new Map(); // file -> { names: [], childDone: [], failedOwn: number, fileFailed: boolean }
  let currentFile;

  const fileState = (file) => {
    let s = perFile.get(file);
    if (!s) perFile.set(file, (s = { names: [], childDone: [], counted: 0, fileFailed: false }));
    return s;
  };
  const shownFile = (file) => (file ? relative(process.cwd(), file) || file : '(no file)');
  const header = (file) => {
    if (file === currentFile) return '';
    currentFile = file;
    return `\n▶ ${shownFile(file)}\n`;
  };

  for await (const { type, data } of source) {
    switch (type) {
      case 'test:start': {
        fileState(data.file).names[data.nesting] = data.name;
        break;
      }
      case 'test:pass':
      case 'test:fail': {
        const s = fileState(data.file);
        const n = data.nesting;
        const isFileEntry = n === 0 && data.name === data.file;
        const isParent = s.childDone[n + 1] === true;
        s.childDone[n + 1] = false;
        s.childDone[n] = true;
        const error = isFileEntry ? { message: FILE_FAILED } : data.details?.error;
        const failedThroughChildren = (isParent || (isFileEntry && s.counted > 0)) && data.details?.error?.failureType === 'subtestsFailed';
        const ownFailure = type === 'test:fail' && !failedThroughChildren;
        const counts = type === 'test:fail' ? ownFailure : !isParent && !isFileEntry && data.details?.type !== 'suite';
        if (!counts) break;
        const name = isFileEntry ? `${shownFile(data.file)} (whole file)` : s.names.slice(0, n + 1).join(' › ');
        const pad = '  '.repeat(n + 1);
        let out = header(data.file);
        if (type === 'test:fail') {
          failed++;
          s.counted++;
          failures.push({ file: data.file, name, error: errorText(error) });
          out += `${pad}✖ ${name}${ms(data.details)}\n${indent(errorText(error), `${pad}    `)}\n`;
        } else if (data.skip !== undefined || data.todo !== undefined) {
          skipped++;
          const why = data.skip ?? data.todo;
          out += `${pad}﹣ ${name} # ${data.skip !== undefined ? 'SKIP' : 'TODO'}${typeof why === 'string' ? ` ${why}` : ''}\n`;
        } else {
          passed++;
          out += `${pad}✔ ${name}${ms(data.details)}\n`;
        }
        yield out;
        break;
      }
      case 'test:complete': {
        // A file whose process failed (non-zero exit, crash after its tests) without any counted
        // failure of its own is settled at the end, once we know no test:fail followed.
        if (data.nesting === 0 && data.name === data.file && data.details?.passed === false) fileState(data.file).fileFailed = true;
        break;
      }
      case 'test:stdout':
      case 'test:stderr': {
        yield header(data.file) + indent(String(data.message).replace(/\n$/, ''), '    | ') + '\n';
        break;
      }
      case 'test:diagnostic': {
        if (!(data.nesting === 0 && SUMMARY_DIAGNOSTIC.test(data.message))) yield `  ℹ ${data.message}\n`;
        break;
      }
      default:
        break;
    }
  }

  for (const [file, s] of perFile) {
    if (s.fileFailed && s.counted === 0 && file) {
      failed++;
      failures.push({ file, name: `${shownFile(file)} (whole file)`, error: FILE_FAILED });
    }
  }

  // Checks that ran before the tests (typecheck, lint; see scripts/test.sh) and failed: one per line,
  // "name: message". They count as failures so the tally stays the single verdict of the run.
  for (const line of (process.env.MASK_INSPECTOR_FAILED_CHECKS ?? '').split('\n')) {
    if (line.trim() === '') continue;
    const [name, ...rest] = line.split(': ');
    failed++;
    failures.push({ file: undefined, name: name.trim(), error: rest.join(': ') || 'failed; see its output above' });
  }

  let end = '';
  if (failures.length > 0) {
    end += '\nFailures:\n';
    for (const f of failures) end += `\n  ✖ ${f.name}${f.file ? `  [${shownFile(f.file)}]` : ''}\n${indent(f.error, '      ')}\n`;
  }
  end += `\n${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}\n`;
  yield end;
}
