// Typed access to a dcmjs "naturalized" dataset, whose values are unknown until looked at: a single
// value may come as a scalar or a one-element array, numbers (DS, IS) as numbers or numeric strings,
// sequences as arrays of items. Also the multi-frame functional-group lookup of PS3.3 C.7.6.16: a
// frame's macro is in its Per-Frame Functional Groups item, else in the Shared one.

export type Item = Readonly<Record<string, unknown>>;

function isItem(v: unknown): v is Item {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !ArrayBuffer.isView(v);
}

function asNumber(v: unknown): number | undefined {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
  return Number.isFinite(n) ? n : undefined;
}

export function numberList(item: Item | undefined, key: string): number[] | undefined {
  const v = item?.[key];
  if (v === undefined || v === null) return undefined;
  const values = (Array.isArray(v) ? v : [v]).map(asNumber);
  return values.every((x) => x !== undefined) ? (values as number[]) : undefined;
}

export function numberOf(item: Item | undefined, key: string): number | undefined {
  const list = numberList(item, key);
  return list?.length === 1 ? list[0] : undefined;
}

export function textOf(item: Item | undefined, key: string): string | undefined {
  const v = item?.[key];
  const first: unknown = Array.isArray(v) ? v[0] : v;
  return typeof first === 'string' && first.trim() !== '' ? first.trim() : undefined;
}

export function sequenceItems(item: Item | undefined, key: string): Item[] {
  const v = item?.[key];
  if (isItem(v)) return [v];
  return Array.isArray(v) ? v.filter(isItem) : [];
}

/** Looks up functional-group macros: (frame (0-based), sequence) -> its first item, per-frame first. */
export type FunctionalGroups = (frame: number, sequence: string) => Item | undefined;

export function functionalGroups(ds: Item): FunctionalGroups {
  const perFrame = sequenceItems(ds, 'PerFrameFunctionalGroupsSequence');
  const shared = sequenceItems(ds, 'SharedFunctionalGroupsSequence')[0];
  return (frame, sequence) => sequenceItems(perFrame[frame], sequence)[0] ?? sequenceItems(shared, sequence)[0];
}
