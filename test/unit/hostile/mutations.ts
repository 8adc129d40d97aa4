// The fuzzer's mutations of valid fixtures, as fast-check arbitraries: NIfTI header fields set to
// hostile values, gzip streams cut, flipped, padded or given unusual header fields, PNG chunks
// changed (with or without a fixed CRC), and label files garbled. Each case is named and carries
// its bytes, so a failing one can be written out as a regression fixture as it is.
import fc from 'fast-check';
import { crc32, gzipSync } from 'node:zlib';

export interface FuzzCase {
  /** The file name the reader sees (its extension picks the format). */
  readonly name: string;
  readonly bytes: Uint8Array;
  /** What was done to the fixture, for the failure message and the regression fixture's name. */
  readonly what: string;
}

/** NIfTI-1 fields (offset, kind) that decide how a file is read. */
const NIFTI1_FIELDS: readonly { readonly name: string; readonly offset: number; readonly kind: 'i16' | 'i32' | 'f32' }[] = [
  { name: 'sizeof_hdr', offset: 0, kind: 'i32' },
  ...[0, 1, 2, 3, 4].map((n) => ({ name: `dim[${n}]`, offset: 40 + 2 * n, kind: 'i16' as const })),
  { name: 'datatype', offset: 70, kind: 'i16' },
  { name: 'bitpix', offset: 72, kind: 'i16' },
  ...[0, 1, 2, 3].map((n) => ({ name: `pixdim[${n}]`, offset: 76 + 4 * n, kind: 'f32' as const })),
  { name: 'vox_offset', offset: 108, kind: 'f32' },
  { name: 'scl_slope', offset: 112, kind: 'f32' },
  { name: 'scl_inter', offset: 116, kind: 'f32' },
  { name: 'qform_code', offset: 252, kind: 'i16' },
  { name: 'sform_code', offset: 254, kind: 'i16' },
  ...[0, 1, 2].map((n) => ({ name: `quatern[${n}]`, offset: 256 + 4 * n, kind: 'f32' as const })),
  ...[0, 1, 2].map((n) => ({ name: `qoffset[${n}]`, offset: 268 + 4 * n, kind: 'f32' as const })),
  ...Array.from({ length: 12 }, (_, n) => ({ name: `srow[${n}]`, offset: 280 + 4 * n, kind: 'f32' as const })),
];

const hostileNumber = fc.oneof(
  fc.constantFrom(0, -1, 1, 2, 3, 7, 255, 256, 348, 352, 540, 32767, -32768, 2 ** 31 - 1, -(2 ** 31), NaN, Infinity, -Infinity, 1e38, -1e-38, 0.5),
  fc.integer({ min: -70000, max: 70000 }),
  fc.double({ noNaN: false }),
);

function setField(view: DataView, kind: 'i16' | 'i32' | 'f32', offset: number, value: number): void {
  if (kind === 'f32') view.setFloat32(offset, value, true);
  else if (kind === 'i16') view.setInt16(offset, Number.isFinite(value) ? Math.trunc(value) : 0, true);
  else view.setInt32(offset, Number.isFinite(value) ? Math.trunc(value) | 0 : 0, true);
}

/** 1–4 header fields of a plain .nii set to hostile values, sometimes also gzip-compressed. */
export function niftiHeaderCase(nii: Uint8Array): fc.Arbitrary<FuzzCase> {
  const edit = fc.record({ field: fc.constantFrom(...NIFTI1_FIELDS), value: hostileNumber });
  return fc.record({ edits: fc.array(edit, { minLength: 1, maxLength: 4 }), gzip: fc.boolean() }).map(({ edits, gzip }) => {
    const bytes = nii.slice();
    const view = new DataView(bytes.buffer);
    for (const { field, value } of edits) setField(view, field.kind, field.offset, value);
    const what = `header ${edits.map((e) => `${e.field.name}=${e.value}`).join(' ')}`;
    return gzip
      ? { name: 'case.nii.gz', bytes: new Uint8Array(gzipSync(bytes)), what: `${what} gzip` }
      : { name: 'case.nii', bytes, what };
  });
}

type GzipEdit =
  | { readonly op: 'cut'; readonly at: number }
  | { readonly op: 'flip'; readonly at: number; readonly bit: number }
  | { readonly op: 'append'; readonly tail: Uint8Array }
  | { readonly op: 'flags'; readonly flags: number; readonly field: Uint8Array }
  | { readonly op: 'members'; readonly at: number };

const gzipEdit: fc.Arbitrary<GzipEdit> = fc.oneof(
  fc.record({ op: fc.constant('cut' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('flip' as const), at: fc.nat(), bit: fc.integer({ min: 0, max: 7 }) }),
  fc.record({ op: fc.constant('append' as const), tail: fc.uint8Array({ maxLength: 40 }) }),
  fc.record({ op: fc.constant('flags' as const), flags: fc.integer({ min: 0, max: 255 }), field: fc.uint8Array({ maxLength: 300 }) }),
  fc.record({ op: fc.constant('members' as const), at: fc.nat() }),
);

/** Rewrites the 10-byte header with other flags and `field` as the bytes after it. */
function withFlags(gz: Uint8Array, flags: number, field: Uint8Array): Uint8Array {
  const out = new Uint8Array(10 + field.length + gz.length - 10);
  out.set(gz.subarray(0, 10));
  out[3] = flags;
  out.set(field, 10);
  out.set(gz.subarray(10), 10 + field.length);
  return out;
}

function applyGzip(plain: Uint8Array, e: GzipEdit): Uint8Array {
  const gz = new Uint8Array(gzipSync(plain));
  switch (e.op) {
    case 'cut': return gz.subarray(0, e.at % gz.length);
    case 'flip': {
      const out = gz.slice();
      out[e.at % out.length] ^= 1 << e.bit;
      return out;
    }
    case 'append': return Uint8Array.from([...gz, ...e.tail]);
    case 'flags': return withFlags(gz, e.flags, e.field);
    case 'members': {
      const at = e.at % plain.length;
      return Uint8Array.from([...gzipSync(plain.subarray(0, at)), ...gzipSync(plain.subarray(at))]);
    }
  }
}

/** A valid .nii's gzip stream cut, bit-flipped, padded, re-flagged or split into members. */
export function gzipCase(nii: Uint8Array): fc.Arbitrary<FuzzCase> {
  return gzipEdit.map((e) => ({ name: 'case.nii.gz', bytes: applyGzip(nii, e), what: `gzip ${describeEdit(e)}` }));
}

function describeEdit(e: GzipEdit): string {
  switch (e.op) {
    case 'cut': return `cut at ${e.at}`;
    case 'flip': return `flip bit ${e.bit} at ${e.at}`;
    case 'append': return `append ${e.tail.length} bytes`;
    case 'flags': return `flags ${e.flags} with ${e.field.length} field bytes`;
    case 'members': return `split at ${e.at}`;
  }
}

interface Chunk {
  readonly type: string;
  readonly data: Uint8Array;
}

function pngChunks(png: Uint8Array): Chunk[] {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const chunks: Chunk[] = [];
  for (let at = 8; at + 12 <= png.length;) {
    const length = view.getUint32(at);
    chunks.push({ type: String.fromCharCode(...png.subarray(at + 4, at + 8)), data: png.slice(at + 8, at + 8 + length) });
    at += 12 + length;
  }
  return chunks;
}

function pngBytes(chunks: readonly Chunk[], fixCrc: boolean): Uint8Array {
  const parts: number[] = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  for (const c of chunks) {
    const typeAndData = Uint8Array.from([...c.type].map((ch) => ch.charCodeAt(0)).concat([...c.data]));
    const length = c.data.length;
    const crc = fixCrc ? crc32(typeAndData) : crc32(typeAndData) ^ 1;
    parts.push(length >>> 24, (length >>> 16) & 255, (length >>> 8) & 255, length & 255, ...typeAndData, crc >>> 24, (crc >>> 16) & 255, (crc >>> 8) & 255, crc & 255);
  }
  return Uint8Array.from(parts);
}

type PngEdit =
  | { readonly op: 'ihdr'; readonly offset: number; readonly value: number }
  | { readonly op: 'drop'; readonly index: number }
  | { readonly op: 'duplicate'; readonly index: number }
  | { readonly op: 'data'; readonly index: number; readonly at: number; readonly value: number }
  | { readonly op: 'cut'; readonly index: number; readonly keep: number };

const pngEdit: fc.Arbitrary<PngEdit> = fc.oneof(
  // IHDR: width 0-3, height 4-7, bit depth 8, colour type 9, compression 10, filter 11, interlace 12.
  fc.record({ op: fc.constant('ihdr' as const), offset: fc.integer({ min: 0, max: 12 }), value: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ op: fc.constant('drop' as const), index: fc.nat() }),
  fc.record({ op: fc.constant('duplicate' as const), index: fc.nat() }),
  fc.record({ op: fc.constant('data' as const), index: fc.nat(), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ op: fc.constant('cut' as const), index: fc.nat(), keep: fc.nat() }),
);

function applyPng(chunks: Chunk[], e: PngEdit): Chunk[] {
  const out = chunks.map((c) => ({ type: c.type, data: c.data.slice() }));
  const i = 'index' in e ? e.index % out.length : 0;
  switch (e.op) {
    case 'ihdr':
      out[0]!.data[e.offset] = e.value;
      return out;
    case 'drop': return out.filter((_, n) => n !== i);
    case 'duplicate': return [...out.slice(0, i + 1), out[i]!, ...out.slice(i + 1)];
    case 'data':
      if (out[i]!.data.length > 0) out[i]!.data[e.at % out[i]!.data.length] = e.value;
      return out;
    case 'cut':
      out[i] = { type: out[i]!.type, data: out[i]!.data.subarray(0, e.keep % (out[i]!.data.length + 1)) };
      return out;
  }
}

/** One or two chunk edits of a valid PNG; the CRCs recomputed (mostly) so the edit reaches the decoder. */
export function pngCase(png: Uint8Array): fc.Arbitrary<FuzzCase> {
  const chunks = pngChunks(png);
  return fc.record({ edits: fc.array(pngEdit, { minLength: 1, maxLength: 2 }), fixCrc: fc.boolean(), truncate: fc.option(fc.nat(), { freq: 5 }) })
    .map(({ edits, fixCrc, truncate }) => {
      let bytes = pngBytes(edits.reduce(applyPng, chunks), fixCrc || edits.length === 1);
      if (truncate !== null) bytes = bytes.subarray(0, truncate % bytes.length);
      return { name: 'case.png', bytes, what: `png ${edits.map((e) => e.op).join('+')}${fixCrc ? '' : ' bad crc'}${truncate !== null ? ` cut ${truncate}` : ''}` };
    });
}

/** A label file garbled: cut, spliced with hostile text (HTML, huge numbers, control characters), or random. */
export function labelCase(name: string, text: string): fc.Arbitrary<FuzzCase> {
  const hostile = fc.constantFrom('<img src=x onerror=alert(1)>', '1e309', '-0', '"', '{', '}', '\u0000', '\ufeff', '9007199254740993', 'NaN', '"__proto__"', '\n\n', '#', '0 0 0 0 1 1 1 "x"');
  const insert = fc.record({ at: fc.nat(), piece: fc.oneof(hostile, fc.string({ maxLength: 20 })) });
  return fc.oneof(
    fc.record({ cut: fc.nat() }).map(({ cut }) => ({ text: text.slice(0, cut % (text.length + 1)), what: `cut at ${cut}` })),
    fc.array(insert, { minLength: 1, maxLength: 5 }).map((inserts) => ({
      text: inserts.reduce((t, { at, piece }) => t.slice(0, at % (t.length + 1)) + piece + t.slice(at % (t.length + 1)), text),
      what: `inserted ${inserts.map((i) => JSON.stringify(i.piece)).join(' ')}`,
    })),
    fc.string({ maxLength: 200 }).map((s) => ({ text: s, what: 'random text' })),
  ).map(({ text: t, what }) => ({ name, bytes: new TextEncoder().encode(t), what: `labels ${what}` }));
}
