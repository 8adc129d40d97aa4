// `npm run bench:formats` (part of `npm run bench`): peak memory and wall time of `compare --json`
// on the 512×512×1000 binary phantom pair written as .nii.gz (the baseline, measured in the same run,
// alternating), as gzip .nrrd and as raw .mha. plastimatch (ITK's writers) converts the pair once
// into .bench/formats/. Target: the NRRD and MetaImage readers stream like the NIfTI one, so their
// peak RSS stays within 1.25× of the .nii.gz run's. Informational: never fails on numbers.
//
// Environment: BENCH_RUNS (default 3 runs per format).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { measure, median, TIME } from './bench/timedRun.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const CLI = join(ROOT, 'dist', 'cli.js');
const DIR = join(ROOT, '.bench', 'formats');
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const RSS_LIMIT = 1.25;

function has(cmd, args) {
  return spawnSync(cmd, args, { stdio: 'ignore' }).status === 0;
}

/** The binary phantom pair as .nii.gz, then converted by plastimatch; regenerated when missing. */
function ensureFiles() {
  const nifti = ['reference', 'prediction'].map((n) => join(DIR, `${n}.nii.gz`));
  if (!nifti.every(existsSync)) {
    rmSync(DIR, { recursive: true, force: true });
    mkdirSync(DIR, { recursive: true });
    console.log(`generating the 512×512×1000 binary pair in ${DIR} ...`);
    execFileSync(process.execPath, [CLI, 'phantom', DIR, '--shape', '512,512,1000', '--binary', '--no-image'], { stdio: 'inherit' });
  }
  for (const ext of ['nrrd', 'mha']) {
    for (const n of ['reference', 'prediction']) {
      const out = join(DIR, `${n}.${ext}`);
      if (existsSync(out)) continue;
      console.log(`plastimatch: ${n}.nii.gz -> ${n}.${ext}`);
      execFileSync('plastimatch', ['convert', '--input', join(DIR, `${n}.nii.gz`), '--output-img', out], { stdio: 'ignore' });
    }
  }
}

function main() {
  if (!existsSync(TIME)) return console.log(`${TIME} is missing (apt-get install -y time); no measurements taken.`);
  if (!has('plastimatch', ['--version'])) return console.log('plastimatch is not installed (apt-get install -y plastimatch); the .nrrd/.mha pair cannot be written, skipped.');
  if (!existsSync(CLI)) execFileSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'inherit' });
  ensureFiles();
  const formats = ['nii.gz', 'nrrd', 'mha'];
  const runs = Object.fromEntries(formats.map((f) => [f, []]));
  const argv = (f) => [process.execPath, CLI, 'compare', join(DIR, `reference.${f}`), join(DIR, `prediction.${f}`), '--json'];
  measure(argv('nii.gz'));
  for (let r = 0; r < RUNS; r++) {
    const order = r % 2 === 0 ? formats : [...formats].reverse();
    for (const f of order) runs[f].push(measure(argv(f)));
  }
  const res = Object.fromEntries(formats.map((f) => [f, { wall: median(runs[f].map((x) => x.wall)), rssMiB: median(runs[f].map((x) => x.rssMiB)), runs: runs[f] }]));
  console.log(`\n512×512×1000 binary pair, compare --json, ${RUNS} runs each, medians:`);
  console.log(`  ${'format'.padEnd(10)}${'file MB'.padStart(9)}${'wall s'.padStart(8)}${'peak MiB'.padStart(10)}${'RSS/nii.gz'.padStart(12)}`);
  for (const f of formats) {
    const mb = statSync(join(DIR, `reference.${f}`)).size / 1e6;
    console.log(`  ${f.padEnd(10)}${mb.toFixed(1).padStart(9)}${res[f].wall.toFixed(2).padStart(8)}${res[f].rssMiB.toFixed(0).padStart(10)}${(res[f].rssMiB / res['nii.gz'].rssMiB).toFixed(2).padStart(11)}×`);
  }
  console.log('\nTargets:');
  for (const f of ['nrrd', 'mha']) {
    const ratio = res[f].rssMiB / res['nii.gz'].rssMiB;
    console.log(`  ${ratio <= RSS_LIMIT ? 'PASS' : 'MISS'}  peak RSS .${f} / .nii.gz = ${ratio.toFixed(2)}× (target <= ${RSS_LIMIT}×)`);
  }
  writeFileSync(join(DIR, 'results.json'), JSON.stringify({ date: new Date().toISOString(), runs: RUNS, results: res }, null, 2));
}

main();
