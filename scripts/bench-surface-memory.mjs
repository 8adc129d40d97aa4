// `npm run bench:surface-memory` (part of `npm run bench`): peak memory and time of
// `compare --surface` as a person runs it (node dist/cli.js, under /usr/bin/time -v), against the
// plain `compare` of the same pair in the same run, and the absolute peak against the README's bound:
//   - 4,999 small labels (uint16) in a 64×64×64 volume: bound 256 MiB and 2 s (CPU, so the machine's
//     other load does not count), in table and in --json output (which lists every slice of every label);
//   - with BENCH_BIG=1, also the 1024×1024×1000 phantom pair (`mask-inspector phantom`, written once
//     into .bench/, gitignored): bound 1 GiB. Opt-in: it takes minutes on a busy machine.
// Prints; never fails on a number.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const CLI = join(ROOT, 'dist', 'cli.js');
const OUT = join(ROOT, '.bench', 'surface-memory');
const TIME = '/usr/bin/time';
const MiB = 1 << 20;

/** A minimal NIfTI-1 writer (uint16, qform = spacing, no rotation). */
function niftiGz(data, shape, spacing) {
  const header = Buffer.alloc(352);
  header.writeInt32LE(348, 0);
  [3, ...shape, 1, 1, 1, 1].forEach((d, i) => header.writeInt16LE(d, 40 + 2 * i));
  header.writeInt16LE(512, 70); // datatype uint16
  header.writeInt16LE(16, 72); // bitpix
  [1, ...spacing, 1, 1, 1, 1].forEach((p, i) => header.writeFloatLE(p, 76 + 4 * i));
  header.writeFloatLE(352, 108); // vox_offset
  header.writeFloatLE(1, 112); // scl_slope
  header.writeUInt8(2 | 8, 123); // xyzt_units: mm, s
  header.writeInt16LE(1, 252); // qform_code: scanner
  header.write('n+1\0', 344, 'latin1');
  return gzipSync(Buffer.concat([header, Buffer.from(data.buffer, data.byteOffset, data.byteLength)]), { level: 1 });
}

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

/** Runs the CLI under /usr/bin/time -v: wall and CPU seconds, peak RSS in bytes. */
function measure(args) {
  const r = spawnSync(TIME, ['-v', process.execPath, CLI, ...args], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`${args.join(' ')} failed: ${r.stderr.slice(-2000)}`);
  const field = (name) => {
    const m = new RegExp(`${name}: (.+)`).exec(r.stderr);
    if (!m) throw new Error(`/usr/bin/time -v printed no "${name}"`);
    return m[1].trim();
  };
  const [seconds, minutes = 0, hours = 0] = field('Elapsed \\(wall clock\\) time \\(h:mm:ss or m:ss\\)').split(':').map(Number).reverse();
  return {
    wall: seconds + minutes * 60 + hours * 3600,
    cpu: Number(field('User time \\(seconds\\)')) + Number(field('System time \\(seconds\\)')),
    rss: Number(field('Maximum resident set size \\(kbytes\\)')) * 1024,
  };
}

const mib = (bytes) => `${(bytes / MiB).toFixed(0)} MiB`;

function report(what, args, boundBytes, boundCpu) {
  const plain = measure(args);
  const surface = measure([...args, '--surface']);
  const within = (ok) => (ok ? 'within' : 'OVER');
  console.log(`${what}`);
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

const many = manyLabelPair();
const refPath = join(OUT, 'many_ref.nii.gz');
const predPath = join(OUT, 'many_pred.nii.gz');
writeFileSync(refPath, niftiGz(many.ref, many.shape, many.spacing));
writeFileSync(predPath, niftiGz(many.pred, many.shape, many.spacing));
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
  report('1024×1024×1000 phantom pair (uint8, 1 GB per volume decoded), table output', ['compare', ref, pred], 1024 * MiB);
  report('1024×1024×1000 phantom pair, --json (per-slice surface values too)', ['compare', ref, pred, '--json'], 1024 * MiB);
} else {
  console.log('1024×1024×1000 phantom pair: skipped (BENCH_BIG=1 to run it; minutes on a busy machine)');
}
