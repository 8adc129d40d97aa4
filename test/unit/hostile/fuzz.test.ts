// The fuzzer: mutations of valid fixtures (mutations.ts) through the core reader API and through the
// CLI as a child process. Every run must end in success with finite numbers, or in the one-sentence
// refusal (InputError; exit 2 with one line on stderr): never another exception or exit 1, never a
// hang (a time limit per case), never more memory than a bound per case.
// Seeded, so a run is repeatable; MASK_INSPECTOR_FUZZ_RUNS=N runs N core cases per kind (default 100)
// and N/10 CLI cases per kind; MASK_INSPECTOR_FUZZ_SEED picks another seed. A failing case is written
// to out/fuzz-failures/ to become a named fixture in test/fixtures/io/bad/fuzz/.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { isInputError } from '../../../src/core/errors';
import { openVolumeFromBytes } from '../../../src/core/io/open';
import { parseLabelFile } from '../../../src/core/labels/lookup';
import { compareVolumes } from '../../../src/core/metrics/compare';
import { gzipCase, labelCase, niftiHeaderCase, pngCase, type FuzzCase } from './mutations';

const ROOT = resolve(__dirname, '../../../..');
const CLI = join(ROOT, 'dist', 'cli.js');
const IO = join(ROOT, 'test', 'fixtures', 'io');
const LABELS = join(ROOT, 'test', 'fixtures', 'labels');
const RUNS = Number(process.env.MASK_INSPECTOR_FUZZ_RUNS ?? 100);
const SEED = Number(process.env.MASK_INSPECTOR_FUZZ_SEED ?? 20261207);
/** Per case: the core gets this long (ms), the CLI 4× as long (a node start is most of it). */
const CASE_MS = 5000;
/** Per CLI case: peak resident memory. The fixtures are a few KB: anything near this is a runaway allocation. */
const CLI_MAX_RSS_KB = 400 * 1024;
/** Core reads refuse volumes above this many voxels, as the editor's size setting does. */
const MAX_VOXELS = 1 << 22;

const fixture = (path: string): Uint8Array => new Uint8Array(readFileSync(path));
const NII = fixture(join(IO, 'dt_uint8.nii'));
const PNGS = [fixture(join(IO, 'palette.png')), fixture(join(IO, 'rgb.png')), fixture(join(IO, 'grey16.png'))];
const LABEL_FILES: [string, string][] = [
  ['labels.json', readFileSync(join(LABELS, 'labels.json'), 'utf8')],
  ['label_description.txt', readFileSync(join(LABELS, 'itksnap_label_description.txt'), 'utf8')],
  ['dataset.json', readFileSync(join(LABELS, 'msd_task03_liver_dataset.json'), 'utf8')],
];

const KINDS: Record<string, fc.Arbitrary<FuzzCase>> = {
  'NIfTI header': niftiHeaderCase(NII),
  'gzip stream': gzipCase(NII),
  'PNG chunks': fc.oneof(...PNGS.map(pngCase)),
  'label file': fc.oneof(...LABEL_FILES.map(([name, text]) => labelCase(name, text))),
};

function saveFailure(c: FuzzCase, why: string): string {
  const dir = join(ROOT, 'out', 'fuzz-failures');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${c.what.replace(/[^\w.=+-]+/g, '_').slice(0, 80)}_${c.name}`);
  writeFileSync(path, c.bytes);
  return `${why} (case written to ${path})`;
}

function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, limit]).finally(() => clearTimeout(timer));
}

function assertFinite(value: unknown, at: string): void {
  if (typeof value === 'number') assert.ok(!Number.isNaN(value), `NaN at ${at}`);
  else if (Array.isArray(value)) value.forEach((v, n) => assertFinite(v, `${at}[${n}]`));
  else if (typeof value === 'object' && value !== null) for (const [k, v] of Object.entries(value)) assertFinite(v, `${at}.${k}`);
}

/** Reads the case with the core API; 'refused' for a one-sentence InputError, anything else throws. */
async function coreRun(c: FuzzCase): Promise<'ok' | 'refused'> {
  try {
    if (!/\.(nii|nii\.gz|png)$/.test(c.name)) {
      const table = parseLabelFile(c.name, new TextDecoder().decode(c.bytes), c.name);
      for (const [value, entry] of table) {
        assert.ok(Number.isSafeInteger(value), `label value ${value}`);
        assert.equal(typeof entry.name, 'string');
      }
      return 'ok';
    }
    const volume = await openVolumeFromBytes(c.name, c.bytes, { maxVoxels: MAX_VOXELS }).readAll();
    assert.ok(volume.header.geometry.affine.every(Number.isFinite), 'affine not finite');
    assert.ok(volume.header.geometry.spacing.every(Number.isFinite), 'spacing not finite');
    const result = await compareVolumes(volume, volume);
    assertFinite(result, '$');
    return 'ok';
  } catch (e) {
    if (isInputError(e)) {
      assert.ok(!e.message.includes('\n') && e.message.length > 0, `refusal not one line: ${e.message}`);
      return 'refused';
    }
    throw e;
  }
}

for (const [kind, arbitrary] of Object.entries(KINDS)) {
  test(`fuzz the core readers: ${kind} (${RUNS} cases, seed ${SEED})`, async () => {
    const outcomes = { ok: 0, refused: 0 };
    await fc.assert(
      fc.asyncProperty(arbitrary, async (c) => {
        try {
          outcomes[await withTimeout(coreRun(c), CASE_MS, c.what)]++;
        } catch (e) {
          throw new Error(saveFailure(c, `${c.what}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`));
        }
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
    // A fuzzer that only ever hits one outcome is not exploring (or the fixture is broken).
    assert.ok(outcomes.refused > 0, `no ${kind} case was refused`);
    if (kind !== 'gzip stream') assert.ok(outcomes.ok > 0, `no ${kind} case was read`);
  });
}

interface CliOutcome {
  readonly status: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly maxRssKb: number;
}

/** Runs the CLI with a preload that reports its peak RSS on fd 3, killed after the time limit. */
function runCli(preload: string, args: readonly string[]): Promise<CliOutcome> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--require', preload, CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe', 'pipe'], timeout: CASE_MS * 4 });
    const streams = [child.stdout, child.stderr, child.stdio[3]] as NodeJS.ReadableStream[];
    const text = streams.map(() => [] as Buffer[]);
    streams.forEach((s, n) => s.on('data', (b: Buffer) => text[n]!.push(b)));
    child.on('error', fail);
    child.on('close', (status, signal) => {
      const [stdout, stderr, rss] = text.map((parts) => Buffer.concat(parts).toString('utf8'));
      done({ status, signal, stdout: stdout!, stderr: stderr!, maxRssKb: Number(rss) });
    });
  });
}

async function pool<T>(items: readonly T[], lanes: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: lanes }, async () => {
    while (next < items.length) await work(items[next++]!);
  }));
}

test(`fuzz the CLI: every kind (${Math.ceil(RUNS / 10)} cases each, seed ${SEED})`, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mask-inspector-fuzz-'));
  const preload = join(dir, 'peak-rss.js');
  writeFileSync(preload, "process.on('exit', () => { try { require('fs').writeSync(3, String(process.resourceUsage().maxRSS)); } catch {} });\n");
  const good = join(IO, 'dt_uint8.nii');
  const runs: { c: FuzzCase; args: string[] }[] = [];
  for (const [kind, arbitrary] of Object.entries(KINDS)) {
    const cases = fc.sample(arbitrary, { seed: SEED + 1, numRuns: Math.ceil(RUNS / 10) });
    cases.forEach((c, n) => {
      const path = join(dir, `${kind.replace(/\W/g, '')}-${n}-${c.name}`);
      writeFileSync(path, c.bytes);
      if (c.name.endsWith('.json') || c.name.endsWith('.txt')) runs.push({ c, args: ['compare', good, good, '--labels', path, '--json'] });
      else if (c.name.endsWith('.png')) runs.push({ c, args: ['compare', path, path, ...(n % 2 ? ['--surface'] : [])] });
      else runs.push({ c, args: ['compare', path, path, ...(n % 2 ? ['--surface', '--json'] : [])] });
    });
  }
  const problems: string[] = [];
  const counts = { 0: 0, 2: 0 };
  await pool(runs, 2, async ({ c, args }) => {
    const r = await runCli(preload, args);
    const problem =
      r.signal !== null ? `killed by ${r.signal} (no answer within ${CASE_MS * 4} ms)`
      : r.status === 2 ? (r.stderr.trimEnd().split('\n').length === 1 && r.stdout === '' ? undefined : `exit 2 without one line: ${r.stderr}`)
      : r.status !== 0 ? `exit ${r.status}: ${r.stderr.slice(0, 400)}`
      : /\bNaN\b/.test(r.stdout.replace(/"warnings":\[[^\]]*\]/, '')) ? 'NaN in the output'
      : undefined;
    const memory = r.maxRssKb > CLI_MAX_RSS_KB ? `peak RSS ${Math.round(r.maxRssKb / 1024)} MiB` : undefined;
    if (problem ?? memory) problems.push(saveFailure(c, `${c.what}: ${problem ?? memory}`));
    if (r.status === 0 || r.status === 2) counts[r.status]++;
  });
  assert.deepEqual(problems, []);
  assert.ok(counts[0] > 0 && counts[2] > 0, `outcomes ${JSON.stringify(counts)}`);
});
