// `mask-inspector batch REF_DIR PRED_DIR`: pair files by case name (the name without its format extension), compare every pair in child
// processes of this same CLI (one per core: each comparison is its own streaming pass with its own
// inflate threads, and a crash stays contained), then summarise over cases.
import { spawn } from 'node:child_process';
import { readdir, stat, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { InputError } from '../core/errors';
import { caseName, isMaskFileName } from '../core/formats/formatTable';
import { conventions, resolveOptions } from '../core/metrics/options';
import type { ComparisonResult } from '../core/metrics/types';
import { COMPARISON_FLAGS, comparisonArgs, comparisonOptions, integerFlag, parse } from './args';
import { caseNumbers, summariseBatch, type BatchSummary, type CaseSummary, type Statistic } from './batchSummary';

async function maskFiles(dir: string): Promise<string[]> {
  let names: string[];
  try {
    if (!(await stat(dir)).isDirectory()) throw new InputError(`${dir} is not a folder.`);
    names = await readdir(dir);
  } catch (e) {
    if (e instanceof InputError) throw e;
    const code = e instanceof Error && 'code' in e ? String(e.code) : '';
    if (code === 'ENOENT') throw new InputError(`${dir} does not exist.`);
    throw new InputError(`${dir} cannot be read as a folder (${code || 'unknown error'}).`);
  }
  return names.filter(isMaskFileName).sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
}

/**
 * File names by case name (the name without its format's extension), so case1.nii.gz pairs with
 * case1.seg.nrrd or case1.mha. Two files of one case in one folder are refused: which to compare
 * would be a guess.
 */
function byCaseName(dir: string, names: readonly string[]): Map<string, string> {
  const cases = new Map<string, string>();
  for (const name of names) {
    const c = caseName(name);
    const other = cases.get(c);
    if (other !== undefined) throw new InputError(`${dir} holds two files for case ${c} (${other} and ${name}); keep one.`);
    cases.set(c, name);
  }
  return cases;
}

interface ChildOutcome {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function runChild(args: readonly string[]): Promise<ChildOutcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [process.argv[1], ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }));
  });
}

async function compareCase(name: string, reference: string, prediction: string, flags: readonly string[]): Promise<CaseSummary> {
  const { code, stdout, stderr } = await runChild(['compare', reference, prediction, '--json', ...flags]);
  if (code !== 0) {
    const message = code === 2 ? stderr.trim() : `internal error (exit ${code}): ${stderr.trim().split('\n')[0]}`;
    return { name, reference, prediction, error: message };
  }
  const r = JSON.parse(stdout) as ComparisonResult;
  return {
    name, reference, prediction,
    foreground: caseNumbers(r.foreground),
    labels: Object.fromEntries(r.labels.map((l) => [String(l.label), caseNumbers(l)])),
    meanDice: r.meanDice,
    geometry: r.geometry,
    ...(r.warnings.length > 0 && { warnings: r.warnings }),
    ...(r.softDice !== undefined && { softDice: r.softDice }),
  };
}

/** Runs `work` over items with at most `limit` in flight, results in item order. */
async function pool<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return results;
}

const fixed = (v: number | null): string => (v === null ? 'n/a' : v.toFixed(4));
const statCells = (s: Statistic): string[] => [fixed(s.mean), fixed(s.median), fixed(s.min), String(s.n)];

function formatBatch(s: BatchSummary): string {
  const rows = [['label', 'mean Dice', 'median', 'min', 'cases'], ...Object.entries(s.labels).map(([l, v]) => [l, ...statCells(v.dice)]), ['foreground', ...statCells(s.foreground.dice)], ['mean over labels', ...statCells(s.meanDice)]];
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  const lines = [`${s.cases.length - s.failed} of ${s.cases.length} cases compared.`, ...rows.map((r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  '))];
  for (const c of s.cases) if ('error' in c) lines.push(`failed: ${c.name}: ${c.error}`);
  if (s.unmatched.references.length > 0) lines.push(`no prediction for: ${s.unmatched.references.join(', ')}`);
  if (s.unmatched.predictions.length > 0) lines.push(`no reference for: ${s.unmatched.predictions.join(', ')}`);
  lines.push('Statistics skip cases where a label is absent from both masks (nanmean-style).');
  return lines.join('\n') + '\n';
}

export interface BatchOutcome {
  readonly stdout: string;
  /** One line for stderr when cases failed (the exit status is then 2). */
  readonly problem?: string;
}

export async function batchCommand(args: readonly string[]): Promise<BatchOutcome> {
  const { values, positionals } = parse(
    args,
    { ...COMPARISON_FLAGS, json: { type: 'boolean' }, 'json-out': { type: 'string' }, jobs: { type: 'string' } },
    ['REF_DIR', 'PRED_DIR'],
  );
  const [referenceDir, predictionDir] = positionals;
  const options = comparisonOptions(values);
  const jobs = integerFlag(values, 'jobs', 1) ?? availableParallelism();
  const [refNames, predNames] = await Promise.all([maskFiles(referenceDir), maskFiles(predictionDir)]);
  const refByCase = byCaseName(referenceDir, refNames);
  const predByCase = byCaseName(predictionDir, predNames);
  const paired = [...refByCase].filter(([c]) => predByCase.has(c));
  if (paired.length === 0) throw new InputError(`No file in ${predictionDir} has the case name of a mask file in ${referenceDir}.`);
  const flags = comparisonArgs(values);
  const cases = await pool(paired, jobs, ([c, ref]) => compareCase(ref, join(referenceDir, ref), join(predictionDir, predByCase.get(c)!), flags));
  const unmatched = {
    references: refNames.filter((n) => !predByCase.has(caseName(n))),
    predictions: predNames.filter((n) => !refByCase.has(caseName(n))),
  };
  const summary = summariseBatch({ referenceDir, predictionDir }, cases, unmatched, conventions(resolveOptions(options)));
  const json = JSON.stringify(summary, null, 2) + '\n';
  const out = values['json-out'];
  if (typeof out === 'string') {
    try {
      await writeFile(out, json);
    } catch (e) {
      throw new InputError(`Cannot write the summary to ${out} (${e instanceof Error && 'code' in e ? String(e.code) : 'unknown error'}).`);
    }
  }
  const failedCount = summary.failed;
  return {
    stdout: values.json ? json : formatBatch(summary),
    ...(failedCount > 0 && { problem: `${failedCount} of ${cases.length} cases failed; first: ${firstError(cases)}` }),
  };
}

function firstError(cases: readonly CaseSummary[]): string {
  const c = cases.find((x) => 'error' in x);
  return c && 'error' in c ? `${c.name}: ${c.error}` : '';
}
