// gzip read by the book (RFC 1952), for every reader (CLI, worker, viewer): a stream is inflated to
// its very end even when the caller needed only its first bytes, because zlib checks each member's
// CRC-32 and ISIZE only when it reaches that member's trailer; stopping early accepted a file whose
// trailer was cut off. Multi-member files, FEXTRA, FNAME and FCOMMENT of any length and FHCRC are
// zlib's to read; the member header is also parsed here so that the header prefix (the NIfTI header,
// read before any voxel) is sized past name and comment fields of any length. The inflating itself
// is the host's (inflate/host.ts: node:zlib, or fflate with our trailer checks in a browser).
import { InputError } from '../errors';
import { inflateHost } from './inflate/host';
import { InflateError } from './inflate/inflateHost';

/** Stored bytes per read of a file, and of bytes in memory handed to the inflater. */
export const GZIP_CHUNK_BYTES = 1 << 20;

const FHCRC = 0x02;
const FEXTRA = 0x04;
const FNAME = 0x08;
const FCOMMENT = 0x10;
const RESERVED_FLAGS = 0xe0;

export function isGzip(prefix: Uint8Array): boolean {
  return prefix.length >= 2 && prefix[0] === 0x1f && prefix[1] === 0x8b;
}

export function corruptGzip(name: string, problem: string): InputError {
  return new InputError(`${name} is a truncated or corrupt gzip file (${problem}).`);
}

/** An inflate error as the one-sentence refusal; anything else passes through unchanged. */
export function gzipError(name: string, e: unknown): unknown {
  return e instanceof InflateError ? corruptGzip(name, e.message) : e;
}

/**
 * The length of the first member's header (where its deflate data starts), or undefined when
 * `bytes` ends before the header does. Refuses what RFC 1952 says a reader must refuse: another
 * compression method, reserved flag bits, a header CRC that does not match.
 */
export function gzipHeaderLength(name: string, bytes: Uint8Array): number | undefined {
  if (bytes.length < 10) return undefined;
  if (!isGzip(bytes)) throw corruptGzip(name, 'no gzip magic at the start');
  if (bytes[2] !== 8) throw corruptGzip(name, `compression method ${bytes[2]}, only deflate (8) exists`);
  const flags = bytes[3]!;
  if ((flags & RESERVED_FLAGS) !== 0) throw corruptGzip(name, 'reserved header flags are set');
  let at = 10;
  if (flags & FEXTRA) {
    if (bytes.length < at + 2) return undefined;
    at += 2 + (bytes[at]! | (bytes[at + 1]! << 8));
  }
  for (const flag of [FNAME, FCOMMENT]) {
    if (!(flags & flag)) continue;
    if (at > bytes.length) return undefined;
    const end = bytes.indexOf(0, at);
    if (end < 0) return undefined;
    at = end + 1;
  }
  if (flags & FHCRC) {
    if (bytes.length < at + 2) return undefined;
    const stored = bytes[at]! | (bytes[at + 1]! << 8);
    if ((inflateHost.crc32(bytes.subarray(0, at)) & 0xffff) !== stored) throw corruptGzip(name, 'header CRC mismatch');
    at += 2;
  }
  return at <= bytes.length ? at : undefined;
}

/**
 * Inflates the start of a gzip file held in `prefix` (which must hold the whole first member
 * header): whatever the prefix decodes to, without failing on its end, going on into the next
 * member when one ends inside the prefix.
 */
export function inflatePrefix(name: string, prefix: Uint8Array): Uint8Array {
  if (gzipHeaderLength(name, prefix) === undefined) throw corruptGzip(name, 'the file ends inside its gzip header');
  try {
    return inflateHost.inflateGzipPrefix(prefix);
  } catch (e) {
    throw gzipError(name, e);
  }
}

/** A gzip stream's decompressed chunks; errors of the stored bytes or the inflate surface through the iteration. */
export function gunzipped(stored: AsyncIterable<Uint8Array> | Iterable<Uint8Array>): AsyncIterable<Uint8Array> {
  return inflateHost.inflate('gzip', stored);
}
