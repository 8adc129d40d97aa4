// Parses a MetaImage header (.mha with its data attached, .mhd with it in other files), as ITK's
// MetaIO writes it: "Key = Value" lines, ElementDataFile last; with ElementDataFile = LOCAL the voxels
// start right after that line; with LIST the slice files follow, one per line.
import { InputError } from '../../errors';

/** More than this before ElementDataFile is not a MetaImage header. */
export const MAX_META_HEADER_BYTES = 1 << 20;

export interface MetaHeaderText {
  /** Keys as written (MetaIO's are case-sensitive, we look them up case-insensitively). */
  readonly fields: ReadonlyMap<string, string>;
  /** Byte offset just after the ElementDataFile line (where LOCAL data starts). */
  readonly dataOffset: number;
  /** The file names after "ElementDataFile = LIST". */
  readonly listedFiles: readonly string[];
}

export function parseMetaHeaderText(name: string, bytes: Uint8Array): MetaHeaderText {
  const fields = new Map<string, string>();
  let at = 0;
  while (at < bytes.length) {
    let end = bytes.indexOf(0x0a, at);
    if (end < 0) end = bytes.length;
    const line = new TextDecoder('latin1').decode(bytes.subarray(at, end)).replace(/\r$/, '');
    at = end + 1;
    if (line.trim() === '') continue;
    const eq = line.indexOf('=');
    if (eq < 0) throw new InputError(`${name} has a header line that is not "Key = Value": "${line.slice(0, 60)}".`);
    const key = line.slice(0, eq).trim().toLowerCase();
    const value = line.slice(eq + 1).trim();
    fields.set(key, value);
    if (key === 'elementdatafile') {
      const listedFiles: string[] = [];
      if (/^LIST\b/i.test(value)) {
        const rest = new TextDecoder('latin1').decode(bytes.subarray(Math.min(at, bytes.length)));
        listedFiles.push(...rest.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== ''));
      }
      return { fields, dataOffset: Math.min(at, bytes.length), listedFiles };
    }
    if (at > MAX_META_HEADER_BYTES) break;
  }
  if (fields.size === 0 || !fields.has('ndims')) throw new InputError(`${name} is not a MetaImage file (no "NDims = …" line in its header).`);
  throw new InputError(`${name} has no ElementDataFile line, which ends a MetaImage header and says where the voxels are.`);
}
