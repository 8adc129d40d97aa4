// `compare --json` as a sequence of text chunks instead of one string. A label image with thousands
// of labels lists every slice of every label: tens of MB of JSON, which as one string (and again as
// the Buffer stdout makes of it) doubled the command's peak memory. Here the top-level object is
// written key by key, and a list given as a StreamedList is made one item at a time (each item
// merged, written and dropped), so only a chunk's worth of text and one item's objects are alive.
// The text is exactly what JSON.stringify(value, replacer) gives for the same value with the lists
// made whole (for values without toJSON methods, which a comparison result never has).

/** A list whose items are made when written: `length` items, item n from `at(n)`. */
export class StreamedList<T> {
  constructor(
    readonly length: number,
    readonly at: (n: number) => T,
  ) {}
}

export type JsonReplacer = (key: string, value: unknown) => unknown;

/** About this many characters per chunk: large enough that writes are few, small next to the output. */
const CHUNK_CHARS = 1 << 18;

/**
 * The JSON text of `value` (an object whose values may be StreamedLists), in chunks whose
 * concatenation is JSON.stringify(value with each StreamedList made an array, replacer). The
 * replacer must not depend on its key; it is used only where a value holds a number JSON cannot
 * write (JSON.stringify with a replacer is several times slower than without).
 */
export function* jsonChunks(value: Readonly<Record<string, unknown>>, replacer: JsonReplacer): Generator<string> {
  // Pieces joined once per chunk: a flat string, which stdout turns into bytes fastest.
  let pieces: string[] = ['{'];
  let size = 0;
  let first = true;
  const add = (text: string): void => {
    pieces.push(text);
    size += text.length;
  };
  for (const [key, v] of Object.entries(value)) {
    if (v instanceof StreamedList) {
      add(`${first ? '' : ','}${JSON.stringify(key)}:[`);
      first = false;
      for (let n = 0; n < v.length; n++) {
        // As in an array, an item JSON cannot write (undefined, a function) is null.
        if (n > 0) add(',');
        add(itemJson(v.at(n), replacer));
        if (size >= CHUNK_CHARS) {
          yield pieces.join('');
          pieces = [];
          size = 0;
        }
      }
      add(']');
      continue;
    }
    // As in an object, a key whose value JSON cannot write is left out.
    const text = stringify(v, replacer);
    if (text === undefined) continue;
    add(`${first ? '' : ','}${JSON.stringify(key)}:${text}`);
    first = false;
  }
  add('}');
  yield pieces.join('');
}

/**
 * One list item: an object's arrays are written element by element, and an element that is a frozen
 * object of plain values (the empty slice rows every label shares, summarise.ts) is written once
 * and its text reused: most of a label image's slice rows are such rows.
 */
function itemJson(item: unknown, replacer: JsonReplacer): string {
  if (item === null || typeof item !== 'object' || Array.isArray(item)) return stringify(item, replacer) ?? 'null';
  const parts: string[] = [];
  for (const [key, value] of Object.entries(item)) {
    const text = Array.isArray(value) ? `[${value.map((e: unknown) => elementJson(e, replacer)).join(',')}]` : stringify(value, replacer);
    if (text !== undefined) parts.push(`${JSON.stringify(key)}:${text}`);
  }
  return `{${parts.join(',')}}`;
}

const frozenText = new WeakMap<object, string>();

function elementJson(e: unknown, replacer: JsonReplacer): string {
  if (e === null || typeof e !== 'object') return stringify(e, replacer) ?? 'null';
  const known = frozenText.get(e);
  if (known !== undefined) return known;
  const text = stringify(e, replacer) ?? 'null';
  // Frozen with only plain values: its text can never change.
  if (Object.isFrozen(e) && Object.values(e).every((v) => v === null || typeof v !== 'object')) frozenText.set(e, text);
  return text;
}

function stringify(value: unknown, replacer: JsonReplacer): string | undefined {
  return (holdsNonFinite(value) ? JSON.stringify(value, replacer) : JSON.stringify(value)) as string | undefined;
}

/** Whether a number JSON has no text for (±Infinity, NaN) is anywhere in `value`. */
function holdsNonFinite(value: unknown): boolean {
  if (typeof value === 'number') return !Number.isFinite(value);
  if (value === null || typeof value !== 'object') return false;
  if (Array.isArray(value)) {
    for (const item of value) if (holdsNonFinite(item)) return true;
    return false;
  }
  for (const key in value) if (holdsNonFinite((value as Record<string, unknown>)[key])) return true;
  return false;
}
