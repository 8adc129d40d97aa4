// `npm run bench:surface` (part of `npm run bench`): time of the surface metrics (border
// extraction, exact EDT, HD/HD95/ASSD/NSD) on a synthetic 512×512×300 six-label pair of ellipsoids
// with anisotropic spacing, built in memory. If plastimatch is installed, also times
// `plastimatch dice --all REF PRED` (Dice + Hausdorff family on the foreground: plastimatch treats
// every non-zero voxel as one label) on the same pair written as .nii.gz into .bench/surface/
// (gitignored), and prints the ratios.
// Prints medians; never fails on timing.
//
// Environment: BENCH_RUNS (default 3), BENCH_PER_SLICE=1 to also time the per-slice 2-D variant.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundled } from './bench/bundled.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, '.bench', 'surface');
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const SHAPE = [512, 512, 300];
const SPACING = [0.8, 0.8, 2.0];

/** Six organ-sized ellipsoids (radii in voxels); the prediction is shifted, rescaled, with a stray island. */
const ORGANS = [
  { centre: [170, 230, 150], radii: [95, 80, 60] },
  { centre: [350, 220, 140], radii: [60, 55, 45] },
  { centre: [190, 360, 120], radii: [40, 35, 30] },
  { centre: [330, 360, 120], radii: [40, 35, 30] },
  { centre: [260, 150, 200], radii: [30, 60, 25] },
  { centre: [260, 300, 60], radii: [70, 30, 20] },
];

function paint(data, label, centre, radii) {
  const [nx, ny, nz] = SHAPE;
  const lo = centre.map((c, a) => Math.max(0, Math.floor(c - radii[a])));
  const hi = centre.map((c, a) => Math.min(SHAPE[a] - 1, Math.ceil(c + radii[a])));
  for (let k = lo[2]; k <= hi[2]; k++) {
    const dz = (k - centre[2]) / radii[2];
    for (let j = lo[1]; j <= hi[1]; j++) {
      const dy = (j - centre[1]) / radii[1];
      const row = (k * ny + j) * nx;
      for (let i = lo[0]; i <= hi[0]; i++) {
        const dx = (i - centre[0]) / radii[0];
        if (dx * dx + dy * dy + dz * dz <= 1) data[row + i] = label;
      }
    }
  }
  void nz;
}

function makePair() {
  const n = SHAPE[0] * SHAPE[1] * SHAPE[2];
  const ref = new Uint8Array(n);
  const pred = new Uint8Array(n);
  ORGANS.forEach((o, index) => {
    const label = index + 1;
    paint(ref, label, o.centre, o.radii);
    const shift = [1 + (index % 2), -(index % 3), index % 2];
    const scale = 1 + (index - 2.5) * 0.012;
    paint(pred, label, o.centre.map((c, a) => c + shift[a]), o.radii.map((r) => r * scale));
  });
  paint(pred, 3, [60, 60, 250], [4, 4, 3]); // a stray island far from label 3
  return { ref, pred };
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Wall seconds, and CPU seconds of this process (what the machine's other load does not inflate). */
function time(fn) {
  const cpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  const result = fn();
  const cpu = process.cpuUsage(cpu0);
  return { seconds: Number(process.hrtime.bigint() - t0) / 1e9, cpu: (cpu.user + cpu.system) / 1e6, result };
}

// The current source's surface metrics, and its NIfTI writer for plastimatch's inputs.
const surface = await bundled('surface', { 'src/core/surface/index.ts': ['surfaceMetrics'], 'src/core/io/niftiWriter.ts': ['writeNiftiGz'] });
console.log(`building ${SHAPE.join('×')} six-label ellipsoid pair, spacing ${SPACING.join(' × ')} mm ...`);
const { ref, pred } = makePair();
const volume = (data) => ({ data, shape: SHAPE, spacing: SPACING });
const labels = [1, 2, 3, 4, 5, 6];

const runs = { all: [], foreground: [], perSlice: [] };
let report;
for (let r = 0; r < RUNS; r++) {
  const all = time(() => surface.surfaceMetrics(volume(ref), volume(pred), labels));
  runs.all.push(all);
  report = all.result;
  runs.foreground.push(time(() => surface.surfaceMetrics(volume(ref), volume(pred), [])));
  if (process.env.BENCH_PER_SLICE === '1') {
    runs.perSlice.push(time(() => surface.surfaceMetrics(volume(ref), volume(pred), labels, { perSlice: { axis: 2 } })));
  }
}
const fmt = (v) => (typeof v === 'number' ? v.toFixed(6) : String(v));
for (const v of [...report.labels, { label: 'foreground', ...report.foreground }]) {
  console.log(`  ${String(v.label).padEnd(10)} hd ${fmt(v.hd)}  hd95 ${fmt(v.hd95)}  assd ${fmt(v.assd)}  nsd ${fmt(v.nsd)}`);
}
const wall = (xs) => median(xs.map((x) => x.seconds));
const cpu = (xs) => median(xs.map((x) => x.cpu));
const ours = wall(runs.all);
const oursFg = wall(runs.foreground);
console.log(`load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} on ${cpus().length} cores`);
console.log(`ours, 6 labels + foreground (HD, HD95, ASSD, NSD): median ${ours.toFixed(2)} s wall, ${cpu(runs.all).toFixed(2)} s CPU, of ${RUNS}`);
console.log(`ours, foreground only:                          median ${oursFg.toFixed(2)} s wall, ${cpu(runs.foreground).toFixed(2)} s CPU`);
if (runs.perSlice.length > 0) {
  console.log(`ours, 6 labels + foreground + per-slice along k:  median ${wall(runs.perSlice).toFixed(2)} s wall, ${cpu(runs.perSlice).toFixed(2)} s CPU`);
}

if (spawnSync('plastimatch', ['--version'], { stdio: 'ignore' }).status !== 0) {
  console.log('plastimatch: not installed (apt-get install -y plastimatch), no ratio');
} else {
  const refPath = join(OUT, 'reference.nii.gz');
  const predPath = join(OUT, 'prediction.nii.gz');
  mkdirSync(OUT, { recursive: true });
  const header = { shape: SHAPE, affine: [SPACING[0], 0, 0, 0, 0, SPACING[1], 0, 0, 0, 0, SPACING[2], 0, 0, 0, 0, 1], dataType: 'uint8' };
  await surface.writeNiftiGz(refPath, header, [ref]);
  await surface.writeNiftiGz(predPath, header, [pred]);
  const plastimatch = [];
  const timeFile = join(OUT, 'plastimatch.time');
  const timed = existsSync('/usr/bin/time'); // its CPU seconds, as for ours
  for (let r = 0; r < RUNS; r++) {
    const argv = ['plastimatch', 'dice', '--all', refPath, predPath];
    const t = time(() => (timed ? spawnSync('/usr/bin/time', ['-f', '%U %S', '-o', timeFile, ...argv], { encoding: 'utf8' }) : spawnSync(argv[0], argv.slice(1), { encoding: 'utf8' })));
    if (t.result.status !== 0) throw new Error(`plastimatch failed: ${t.result.stderr}`);
    const cpuSeconds = timed ? readFileSync(timeFile, 'utf8').trim().split(/\s+/).map(Number).reduce((a, b) => a + b, 0) : NaN;
    plastimatch.push({ seconds: t.seconds, cpu: cpuSeconds });
    if (r === 0) console.log(t.result.stdout.split('\n').filter((l) => /hausdorff|DICE/i.test(l)).map((l) => `  plastimatch: ${l.trim()}`).join('\n'));
  }
  const base = wall(plastimatch);
  console.log(`plastimatch dice --all (foreground, from .nii.gz): median ${base.toFixed(2)} s wall, ${cpu(plastimatch).toFixed(2)} s CPU, of ${RUNS}`);
  console.log(`ratio ours/plastimatch, wall: all labels ${(ours / base).toFixed(2)}×, foreground only ${(oursFg / base).toFixed(2)}×`);
  if (timed) {
    console.log(`ratio ours/plastimatch, CPU:  all labels ${(cpu(runs.all) / cpu(plastimatch)).toFixed(2)}×, foreground only ${(cpu(runs.foreground) / cpu(plastimatch)).toFixed(2)}×`);
  }
  console.log('(ours starts from voxels in memory; plastimatch also reads and inflates both files)');
}
