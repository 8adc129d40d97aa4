// Argument parsing with node:util parseArgs. Every value is checked here so that a typo becomes one
// clear usage line, never a NaN that travels into the metrics.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { PLANES } from '../core/geometry/display';
import type { CompareOptions, Plane } from '../core/metrics/types';
import { UsageError } from './usage';

export const COMPARISON_FLAGS = {
  plane: { type: 'string' },
  threshold: { type: 'string' },
  'min-error-mm2': { type: 'string' },
  'prob-threshold': { type: 'string' },
  smooth: { type: 'string' },
  'ignore-geometry': { type: 'boolean' },
  volume: { type: 'string' },
} as const satisfies ParseArgsConfig['options'];

/** Parsed flags; options declared `multiple` (e.g. --tolerance-label) come as string arrays. */
export type Values = Record<string, string | boolean | string[] | undefined>;

/** parseArgs, with its errors (unknown flag, missing value) turned into usage errors. */
export function parse(args: readonly string[], options: NonNullable<ParseArgsConfig['options']>, positionals: readonly string[]): { values: Values; positionals: string[] } {
  let parsed: { values: Values; positionals: string[] };
  try {
    parsed = parseArgs({ args: [...args], options, allowPositionals: true, strict: true }) as { values: Values; positionals: string[] };
  } catch (e) {
    throw new UsageError((e instanceof Error ? e.message : String(e)).replace(/\s*\n\s*/g, ' '));
  }
  if (parsed.positionals.length !== positionals.length) {
    throw new UsageError(`Expected ${positionals.join(' ')} (${positionals.length} argument${positionals.length === 1 ? '' : 's'}), got ${parsed.positionals.length}; see mask-inspector --help.`);
  }
  return parsed;
}

export function numberFlag(values: Values, name: string): number | undefined {
  const text = values[name];
  if (typeof text !== 'string') return undefined;
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n)) throw new UsageError(`--${name} needs a number, not "${text}".`);
  return n;
}

export function integerFlag(values: Values, name: string, min: number): number | undefined {
  const n = numberFlag(values, name);
  if (n !== undefined && (!Number.isInteger(n) || n < min)) throw new UsageError(`--${name} needs a whole number >= ${min}, not ${n}.`);
  return n;
}

export function comparisonOptions(values: Values): CompareOptions & { volume?: number } {
  const plane = values.plane;
  if (plane !== undefined && plane !== 'auto' && !PLANES.includes(plane as Plane)) {
    throw new UsageError(`--plane must be auto or one of ${PLANES.join(', ')}, not "${String(plane)}".`);
  }
  const probThreshold = numberFlag(values, 'prob-threshold');
  if (probThreshold !== undefined && !(probThreshold > 0 && probThreshold <= 1)) {
    throw new UsageError(`--prob-threshold must be greater than 0 and at most 1, not ${probThreshold}.`);
  }
  const minErrorMm2 = numberFlag(values, 'min-error-mm2');
  if (minErrorMm2 !== undefined && minErrorMm2 < 0) throw new UsageError(`--min-error-mm2 must be >= 0, not ${minErrorMm2}.`);
  const smooth = numberFlag(values, 'smooth');
  if (smooth !== undefined && smooth < 0) throw new UsageError(`--smooth must be >= 0, not ${smooth}.`);
  return {
    plane: plane as Plane | 'auto' | undefined,
    threshold: numberFlag(values, 'threshold'),
    minErrorMm2,
    probThreshold,
    smooth,
    ignoreGeometry: values['ignore-geometry'] === true,
    volume: integerFlag(values, 'volume', 0),
  };
}

/** The comparison flags as given, to pass on to child processes unchanged. */
export function comparisonArgs(values: Values): string[] {
  const out: string[] = [];
  for (const name of Object.keys(COMPARISON_FLAGS)) {
    const v = values[name];
    if (v === true) out.push(`--${name}`);
    else if (typeof v === 'string') out.push(`--${name}`, v);
  }
  return out;
}
