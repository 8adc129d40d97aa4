// `npm run bench`: every benchmark of the project, one after another (they would disturb each other's
// timings if run together on a shared machine), each printing its own medians and ratios:
//   scripts/bench.mjs          compare --json vs plastimatch dice and nibabel+numpy   (npm run bench:compare)
//   scripts/bench-surface.mjs  surface metrics vs plastimatch dice --all              (npm run bench:surface)
//   scripts/bench-surface-memory.mjs  compare --surface peak RSS vs plain compare      (npm run bench:surface-memory)
//   scripts/bench-formats.mjs  compare peak RSS on .nrrd and .mha vs the .nii.gz pair  (npm run bench:formats)
//   scripts/bench-webview.mjs  viewer redraw time in Chromium vs the 16 ms frame      (npm run bench:webview)
//   scripts/bench-editor.mjs   compare() in code-server vs the CLI, host peak RSS     (npm run bench:editor)
// Environment variables (BENCH_RUNS, ...) pass through to each. Exit status is non-zero only if a
// benchmark crashed; timings never fail it.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const BENCHMARKS = [
  { script: 'scripts/bench.mjs', what: 'compare: ours vs plastimatch dice and nibabel+numpy' },
  { script: 'scripts/bench-surface.mjs', what: 'surface metrics: ours vs plastimatch dice --all' },
  { script: 'scripts/bench-surface-memory.mjs', what: 'compare --surface peak RSS and CPU vs plain compare, against the README bounds' },
  { script: 'scripts/bench-formats.mjs', what: 'compare on the 512×512×1000 pair as .nrrd and .mha: peak RSS vs .nii.gz' },
  { script: 'scripts/bench-webview.mjs', what: 'viewer redraw in Chromium' },
  { script: 'scripts/bench-editor.mjs', what: 'editor compare() in code-server vs CLI compare --json, extension host peak RSS' },
];

const outcomes = [];
for (const b of BENCHMARKS) {
  console.log(`\n======== ${b.script}: ${b.what}\n`);
  const started = Date.now();
  const r = spawnSync(process.execPath, [join(ROOT, b.script)], { cwd: ROOT, stdio: 'inherit' });
  const status = r.error ? r.error.message : r.signal ? `killed by ${r.signal}` : r.status === 0 ? 'ok' : `exit ${r.status}`;
  outcomes.push({ ...b, status, minutes: (Date.now() - started) / 60000 });
}

console.log('\n======== summary');
for (const o of outcomes) console.log(`  ${o.status === 'ok' ? 'ok    ' : 'FAILED'}  ${o.script.padEnd(28)} ${o.minutes.toFixed(1)} min${o.status === 'ok' ? '' : `  (${o.status})`}`);
process.exitCode = outcomes.every((o) => o.status === 'ok') ? 0 : 1;
