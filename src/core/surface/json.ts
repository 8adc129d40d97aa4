// JSON has no infinity, and JSON.stringify would turn Infinity into null, which here means "both
// masks empty". Surface results therefore write Infinity as the string "inf".

/** A JSON.stringify replacer for surface results: ±Infinity -> "inf" / "-inf", NaN -> "nan". */
export function surfaceJsonReplacer(_key: string, value: unknown): unknown {
  if (typeof value !== 'number' || Number.isFinite(value)) return value;
  if (Number.isNaN(value)) return 'nan';
  return value > 0 ? 'inf' : '-inf';
}

/** One surface number as JSON writes it. */
export function surfaceNumberToJson(value: number | null): number | string | null {
  return surfaceJsonReplacer('', value) as number | string | null;
}

/** A surface result (SurfaceReport or any part of it) as JSON text. */
export function surfaceToJson(value: unknown, indent?: number): string {
  return JSON.stringify(value, surfaceJsonReplacer, indent);
}
