// Inflate in a browser host (VS Code for the Web), where node:zlib does not exist: fflate, with the
// checks zlib makes done here, so that a file reads the same in every host or is refused in every
// host. fflate inflates but does not check trailers: each gzip member's CRC-32 and length, and a
// zlib stream's Adler-32, are compared here, and a stream cut inside its trailer is caught by the
// same comparison (the bytes where a trailer should be are then deflate data).
//
// Not DecompressionStream, which was tried first: Chromium calls a second gzip member "junk" (bgzip
// and concatenated .nii.gz files are legal and zlib reads them), and when it fails it drops output
// it had produced but not yet handed over, so the members cannot be read one by one either.
import { Gunzip, Unzlib } from 'fflate';
import { InflateError, type DeflateWrapper, type InflateHost } from './inflateHost';

/**
 * Stored bytes handed to fflate per push. fflate inflates all it is given at once, and deflate
 * reaches ~1000:1 on a mask's background: 16 KiB in bounds one push's output to ~16 MiB.
 */
const PUSH_BYTES = 16 << 10;

/** The stored bytes from the current gzip member's start on (the trailers are read from them). */
class StoredBytes {
  private chunks: { readonly start: number; readonly bytes: Uint8Array }[] = [];
  total = 0;
  /** The stream's first two bytes (its header's start), kept when the chunks holding them go. */
  readonly head: number[] = [];

  add(bytes: Uint8Array): void {
    for (let i = 0; this.head.length < 2 && i < bytes.length; i++) this.head.push(bytes[i]!);
    this.chunks.push({ start: this.total, bytes });
    this.total += bytes.length;
  }

  /** Bytes [from, to) of the stream; undefined when some were dropped or never came. */
  range(from: number, to: number): Uint8Array | undefined {
    if (from < 0 || to > this.total) return undefined;
    const out = new Uint8Array(to - from);
    for (const { start, bytes } of this.chunks) {
      const a = Math.max(from, start);
      const b = Math.min(to, start + bytes.length);
      if (a < b) out.set(bytes.subarray(a - start, b - start), a - from);
    }
    return this.chunks.length > 0 && this.chunks[0]!.start <= from ? out : undefined;
  }

  /** Where the bytes still kept start. */
  firstKept(): number {
    return this.chunks[0]?.start ?? this.total;
  }

  /** Forgets the chunks wholly before `offset`. */
  dropBefore(offset: number): void {
    this.chunks = this.chunks.filter((c) => c.start + c.bytes.length > offset);
  }
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 of gzip and zlib (reflected, polynomial 0xEDB88320), continued from `crc`. */
function crc32(bytes: Uint8Array, crc = 0): number {
  let c = ~crc;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return ~c >>> 0;
}

/** Adler-32 of zlib streams, continued from `adler`. */
function adler32(bytes: Uint8Array, adler = 1): number {
  let a = adler & 0xffff;
  let b = adler >>> 16;
  for (let i = 0; i < bytes.length; ) {
    // 3800 bytes keep b below 2^53 between reductions, with room to spare.
    const end = Math.min(bytes.length, i + 3800);
    for (; i < end; i++) {
      a += bytes[i]!;
      b += a;
    }
    a %= 65521;
    b %= 65521;
  }
  return ((b << 16) | a) >>> 0;
}

const le32 = (b: Uint8Array, at: number): number => (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24)) >>> 0;
const be32 = (b: Uint8Array, at: number): number => ((b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!) >>> 0;

/** What the inflated bytes of the current member (or zlib stream) add up to, and its trailer check. */
interface TrailerCheck {
  data(chunk: Uint8Array): void;
  /** 8 for gzip (CRC-32, length), 4 for zlib (Adler-32). */
  readonly trailerBytes: number;
  /** Whether `trailer` is what should follow the data seen so far. */
  matches(trailer: Uint8Array | undefined): boolean;
  /** Throws the sentence for a trailer that does not match; else starts the next member. */
  check(trailer: Uint8Array | undefined): void;
}

function gzipMemberCheck(): TrailerCheck {
  let crc = 0;
  let length = 0;
  return {
    data(chunk) {
      crc = crc32(chunk, crc);
      length = (length + chunk.length) >>> 0;
    },
    trailerBytes: 8,
    matches: (trailer) => trailer !== undefined && le32(trailer, 0) === crc && le32(trailer, 4) === length,
    check(trailer) {
      if (!trailer || le32(trailer, 0) !== crc) throw new InflateError('incorrect data check: the CRC-32 in a gzip trailer does not match, or the stream is cut');
      if (le32(trailer, 4) !== length) throw new InflateError('incorrect length check: the length in a gzip trailer does not match, or the stream is cut');
      crc = 0;
      length = 0;
    },
  };
}

function zlibCheck(): TrailerCheck {
  let adler = 1;
  return {
    data(chunk) {
      adler = adler32(chunk, adler);
    },
    trailerBytes: 4,
    matches: (trailer) => trailer !== undefined && be32(trailer, 0) === adler,
    check(trailer) {
      if (!trailer || be32(trailer, 0) !== adler) throw new InflateError('incorrect data check: the Adler-32 at the end of the zlib stream does not match, or the stream is cut');
    },
  };
}

/** fflate's error for bytes where the next gzip member's header should be: maybe padding (below). */
function isNotAMemberHeader(e: unknown): boolean {
  return typeof e === 'object' && e !== null && 'code' in e && e.code === 6;
}

/**
 * zlib (and so the Node host) reads a stream padded after its end, as tape and block-device writers
 * pad: for gzip, bytes after a member that start with a zero byte are ignored; for zlib, any bytes
 * after the stream. fflate does not say where the deflate data ended, so the trailer the data seen
 * calls for is looked for in the stored bytes instead: for gzip, 8 bytes (CRC-32 and length, a
 * chance match is 2^-64) followed by the end or a zero byte; for zlib, where only 4 bytes would be
 * matched, only a run of zero bytes may follow (other bytes after a zlib stream, which zlib would
 * ignore, are refused here).
 */
function endsWithPadding(wrapper: DeflateWrapper, bytes: StoredBytes, trailer: TrailerCheck): boolean {
  const [h0, h1] = bytes.head;
  // Only after a header of the right kind (else an all-zero input would "match" an empty stream).
  const headerOk = h0 !== undefined && h1 !== undefined && (wrapper === 'gzip' ? h0 === 0x1f && h1 === 0x8b : (h0 & 0x0f) === 8 && ((h0 << 8) | h1) % 31 === 0);
  if (!headerOk) return false;
  const width = trailer.trailerBytes;
  const all = bytes.range(bytes.firstKept(), bytes.total);
  if (!all) return false;
  let zeros = 0;
  while (zeros < all.length && all[all.length - 1 - zeros] === 0) zeros++;
  const last = all.length - width;
  const first = wrapper === 'gzip' ? 0 : Math.max(0, last - zeros);
  for (let at = last; at >= first; at--) {
    const after = at + width;
    if (wrapper === 'gzip' && after < all.length && all[after] !== 0) continue;
    if (trailer.matches(all.subarray(at, after))) return true;
  }
  return false;
}

function problemOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

async function* inflate(wrapper: DeflateWrapper, stored: AsyncIterable<Uint8Array> | Iterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  const out: Uint8Array[] = [];
  const trailer = wrapper === 'gzip' ? gzipMemberCheck() : zlibCheck();
  const bytes = new StoredBytes();
  const onData = (chunk: Uint8Array): void => {
    trailer.data(chunk);
    if (chunk.length > 0) out.push(chunk);
  };
  const inflater = wrapper === 'gzip' ? new Gunzip(onData) : new Unzlib(onData);
  if (inflater instanceof Gunzip) {
    // Called when the next member's header has been read: the one before ends with its trailer.
    inflater.onmember = (offset) => {
      trailer.check(bytes.range(offset - 8, offset));
      bytes.dropBefore(offset);
    };
  }
  // What fflate (or a trailer check between members) threw: the stream is read on regardless, for
  // what comes after the data decides whether that was padding.
  let stopped: { readonly error: unknown } | undefined;
  const push = (piece: Uint8Array, final: boolean): void => {
    try {
      inflater.push(piece, final);
    } catch (error) {
      stopped = { error };
    }
  };
  // One piece is held back, so that the last one is pushed as final.
  let held: Uint8Array | undefined;
  for await (const chunk of stored) {
    bytes.add(chunk);
    for (let at = 0; at < chunk.length && !stopped; at += PUSH_BYTES) {
      if (held) push(held, false);
      held = chunk.subarray(at, at + PUSH_BYTES);
      yield* out.splice(0);
    }
  }
  if (!stopped) push(held ?? new Uint8Array(0), true);
  yield* out.splice(0);
  // The last member's trailer is the stream's last bytes, unless padding follows it.
  const end = bytes.range(bytes.total - trailer.trailerBytes, bytes.total);
  if (!stopped && trailer.matches(end)) return;
  if ((!stopped || isNotAMemberHeader(stopped.error)) && endsWithPadding(wrapper, bytes, trailer)) return;
  if (stopped) throw stopped.error instanceof InflateError ? stopped.error : new InflateError(problemOf(stopped.error));
  trailer.check(end);
}

function inflateGzipPrefix(prefix: Uint8Array): Uint8Array {
  const pieces: Uint8Array[] = [];
  try {
    new Gunzip((piece) => pieces.push(piece)).push(prefix, false);
  } catch (e) {
    throw new InflateError(problemOf(e));
  }
  if (pieces.length === 1) return pieces[0]!;
  const out = new Uint8Array(pieces.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of pieces) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export const webInflate: InflateHost = { inflate, inflateGzipPrefix, crc32: (bytes) => crc32(bytes) };
