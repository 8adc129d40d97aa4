// Parses an NRRD header (http://teem.sourceforge.net/nrrd/format.html, NRRD0001-0005): the magic
// line, then "field: value" lines and "key:=value" pairs up to a blank line (attached data follows
// it) or the end of a detached .nhdr. Comments (#) are skipped. Field names are case-insensitive
// per the spec; key/value pairs keep their case (Slicer's Segment{N}_… keys).
import { InputError } from '../../errors';

/** More header than this is not a header (real ones, even Slicer's with hundreds of segments, are well under). */
export const MAX_NRRD_HEADER_BYTES = 4 << 20;

export interface NrrdHeaderText {
  /** field name (lower case, single spaces) -> value as written. */
  readonly fields: ReadonlyMap<string, string>;
  /** key -> value of "key:=value" lines. */
  readonly keyValues: ReadonlyMap<string, string>;
  /** Byte offset where attached data starts (after the blank line), or undefined when the header ends the bytes. */
  readonly dataOffset: number | undefined;
  /** The file names listed after "data file: LIST", one per line to the end of the header. */
  readonly listedFiles: readonly string[];
}

function decodeKeyValue(s: string): string {
  // The spec escapes newline and backslash in key/value pairs.
  return s.replace(/\\(n|\\)/g, (_, c: string) => (c === 'n' ? '\n' : '\\'));
}

/** The header's end: the offset just after the first empty line (LF or CRLF), if within `bytes`. */
function headerEnd(bytes: Uint8Array): { textEnd: number; dataOffset: number } | undefined {
  for (let i = 0; i + 1 < bytes.length; i++) {
    if (bytes[i] !== 0x0a) continue;
    if (bytes[i + 1] === 0x0a) return { textEnd: i, dataOffset: i + 2 };
    if (bytes[i + 1] === 0x0d && bytes[i + 2] === 0x0a) return { textEnd: i, dataOffset: i + 3 };
  }
  return undefined;
}

export function isNrrdMagic(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && String.fromCharCode(...bytes.subarray(0, 7)) === 'NRRD000';
}

/**
 * Parses the header at the start of `bytes`. `complete` says whether `bytes` is the whole file (a
 * detached header may end without a blank line).
 */
export function parseNrrdHeaderText(name: string, bytes: Uint8Array, complete: boolean): NrrdHeaderText {
  if (!isNrrdMagic(bytes)) throw new InputError(`${name} is not an NRRD file (it does not start with "NRRD000").`);
  const end = headerEnd(bytes);
  if (!end && !complete) {
    throw new InputError(`${name} has no end to its NRRD header within its first ${bytes.length} bytes (a blank line must follow the header).`);
  }
  const text = new TextDecoder('latin1').decode(bytes.subarray(0, end ? end.textEnd : bytes.length));
  const lines = text.split(/\r?\n/);
  const version = Number(lines[0]!.slice(7));
  if (!Number.isInteger(version) || version < 1 || version > 5) {
    throw new InputError(`${name} has the NRRD magic "${lines[0]!.slice(0, 12)}", but only NRRD0001 to NRRD0005 are read.`);
  }
  const fields = new Map<string, string>();
  const keyValues = new Map<string, string>();
  const listedFiles: string[] = [];
  let lastKey: string | undefined;
  for (let n = 1; n < lines.length; n++) {
    const line = lines[n]!;
    if (line.startsWith('#') || line.trim() === '') continue;
    const kv = line.indexOf(':=');
    const colon = line.indexOf(': ');
    if (kv >= 0 && (colon < 0 || kv < colon)) {
      lastKey = decodeKeyValue(line.slice(0, kv));
      keyValues.set(lastKey, decodeKeyValue(line.slice(kv + 2)));
      continue;
    }
    // Some writers leave a newline inside a key/value unescaped: the line continues the previous value.
    if (colon < 0 && lastKey !== undefined) {
      keyValues.set(lastKey, `${keyValues.get(lastKey)!}\n${decodeKeyValue(line)}`);
      continue;
    }
    if (colon < 0) throw new InputError(`${name} has a header line that is neither "field: value" nor "key:=value": "${line.slice(0, 60)}".`);
    lastKey = undefined;
    const field = line.slice(0, colon).trim().toLowerCase().replace(/\s+/g, ' ').replace(/^datafile$/, 'data file');
    const value = line.slice(colon + 2).trim();
    fields.set(field, value);
    // "data file: LIST" is followed by the file names, one per line, to the end of the header.
    if (field === 'data file' && /^LIST\b/.test(value)) {
      listedFiles.push(...lines.slice(n + 1).map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#')));
      break;
    }
  }
  return { fields, keyValues, dataOffset: end?.dataOffset, listedFiles };
}
