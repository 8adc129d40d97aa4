// `npm run bench:surface-memory` (part of `npm run bench`): peak memory and time of
// `compare --surface` as a person runs it (node dist/cli.js, under /usr/bin/time), against the
// plain `compare` of the same pair in the same run, and the absolute peak against the README's bound:
//   - 4,999 small labels (uint16) in a 64×64×64 volume: bound 256 MiB and 2 s (CPU, so the machine's
//     other load does not count), in table and in --json output (which lists every slice of every
//     label: 31 MB of JSON);
//   - with BENCH_BIG=1, also the 1024×1024×1000 phantom pair (`mask-inspector phantom`, written once
//     into .bench/, gitignored): bound 1 GiB. Opt-in: it takes minutes on a busy machine.
// Each figure is the median of BENCH_RUNS runs (default 3; 1 for the big pair). Prints; never fails
// on a number.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundled } from './bench/bundled.mjs';
import { measure, median, TIME } from './bench/timedRun.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const CLI = join(ROOT, 'dist', 'cli.js');
const OUT = join(ROOT, '.bench', 'surface-memory');
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const MiB = 1 << 20;

/**
 * 4,999 labels, each a 3×3×2 block in its own cell of a 4×4×3 lattice; the prediction's block is
 * moved by up to a voxel and one voxel thinner along j, so every label has a non-trivial surface.
 */
function manyLabelPair() {
  const shape = [64, 64, 64];
  const n = shape[0] * shape[1] * shape[2];
  const ref = new Uint16Array(n);
  const pred = new Uint16Array(n);
  const set = (vol, label, i0, j0, k0, si, sj, sk) => {
    for (let k = k0; k < Math.min(shape[2], k0 + sk); k++)
      for (let j = j0; j < Math.min(shape[1], j0 + sj); j++)
        for (let i = i0; i < Math.min(shape[0], i0 + si); i++) vol[(k * shape[1] + j) * shape[0] + i] = label;
  };
  let label = 0;
  for (let k = 0; k + 2 <= shape[2] && label < 4999; k += 3)
    for (let j = 0; j < shape[1] && label < 4999; j += 4)
      for (let i = 0; i < shape[0] && label < 4999; i += 4) {
        label++;
        set(ref, label, i, j, k, 3, 3, 2);
        set(pred, label, i + (label % 2), j + ((label >> 1) % 2), k, 3, 2, 2);
      }
  return { shape, spacing: [0.8, 0.8, 1.5], ref, pred, labels: label };
}

/** Median wall and CPU seconds and peak RSS (bytes) of `runs` runs of the CLI. */
function measureCli(args, runs) {
  const all = Array.from({ length: runs }, () => measure([process.execPath, CLI, ...args]));
  return { wall: median(all.map((r) => r.wall)), cpu: median(all.map((r) => r.cpu)), rss: median(all.map((r) => r.rssMiB)) * MiB };
}

const mib = (bytes) => `${(bytes / MiB).toFixed(0)} MiB`;

function report(what, args, boundBytes, boundCpu, runs = RUNS) {
  const plain = measureCli(args, runs);
  const surface = measureCli([...args, '--surface'], runs);
  const within = (ok) => (ok ? 'within' : 'OVER');
  console.log(`${what} (median of ${runs})`);
  console.log(`  compare (baseline):   peak RSS ${mib(plain.rss).padStart(8)}, ${plain.cpu.toFixed(2)} s CPU, ${plain.wall.toFixed(2)} s wall`);
  console.log(`  compare --surface:    peak RSS ${mib(surface.rss).padStart(8)}, ${surface.cpu.toFixed(2)} s CPU, ${surface.wall.toFixed(2)} s wall`);
  console.log(`  ratio --surface/baseline: peak RSS ${(surface.rss / plain.rss).toFixed(2)}×, CPU ${(surface.cpu / plain.cpu).toFixed(2)}×`);
  const cpuNote = boundCpu === undefined ? '' : `; CPU ${surface.cpu.toFixed(2)} s against ${boundCpu} s: ${within(surface.cpu <= boundCpu)}`;
  console.log(`  bound: peak RSS ${mib(surface.rss)} against ${mib(boundBytes)}: ${within(surface.rss <= boundBytes)}${cpuNote}`);
}

if (!existsSync(TIME)) {
  console.log(`${TIME} is not installed (apt-get install -y time): no memory figures`);
  process.exit(0);
}
if (!existsSync(CLI)) execFileSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'inherit' });
mkdirSync(OUT, { recursive: true });

const { writeNiftiGz } = await bundled('niftiWriter', { 'src/core/io/niftiWriter.ts': ['writeNiftiGz'] });
const many = manyLabelPair();
const refPath = join(OUT, 'many_ref.nii.gz');
const predPath = join(OUT, 'many_pred.nii.gz');
const [sx, sy, sz] = many.spacing;
const header = { shape: many.shape, affine: [sx, 0, 0, 0, 0, sy, 0, 0, 0, 0, sz, 0, 0, 0, 0, 1], dataType: 'uint16' };
await writeNiftiGz(refPath, header, [many.ref]);
await writeNiftiGz(predPath, header, [many.pred]);
console.log(`load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} on ${cpus().length} cores`);
report(`${many.labels} labels (uint16) in ${many.shape.join('×')}, table output`, ['compare', refPath, predPath], 256 * MiB, 2);
report(`${many.labels} labels (uint16) in ${many.shape.join('×')}, --json (every slice of every label)`, ['compare', refPath, predPath, '--json'], 256 * MiB, 2);

if (process.env.BENCH_BIG === '1') {
  const dir = join(ROOT, '.bench', 'phantom-1024x1024x1000');
  const ref = join(dir, 'reference.nii.gz');
  const pred = join(dir, 'prediction.nii.gz');
  if (!existsSync(ref) || !existsSync(pred)) {
    console.log(`writing the 1024×1024×1000 phantom pair into ${dir} ...`);
    execFileSync(process.execPath, [CLI, 'phantom', dir, '--shape', '1024,1024,1000', '--no-image'], { stdio: 'inherit' });
  }
  report('1024×1024×1000 phantom pair (uint8, 1 GB per volume decoded), table output', ['compare', ref, pred], 1024 * MiB, undefined, 1);
  report('1024×1024×1000 phantom pair, --json (per-slice surface values too)', ['compare', ref, pred, '--json'], 1024 * MiB, undefined, 1);
} else {
  console.log('1024×1024×1000 phantom pair: skipped (BENCH_BIG=1 to run it; minutes on a busy machine)');
}
