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

  add(bytes: Uint8Array): void {
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
  /** The trailer bytes that should follow the data seen so far (8 for gzip, 4 for zlib); throws if they do not match. */
  readonly trailerBytes: number;
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
    check(trailer) {
      if (!trailer || be32(trailer, 0) !== adler) throw new InflateError('incorrect data check: the Adler-32 at the end of the zlib stream does not match, or the stream is cut');
    },
  };
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
  const push = (piece: Uint8Array, final: boolean): void => {
    try {
      inflater.push(piece, final);
    } catch (e) {
      throw e instanceof InflateError ? e : new InflateError(problemOf(e));
    }
  };
  // One piece is held back, so that the last one is pushed as final.
  let held: Uint8Array | undefined;
  for await (const chunk of stored) {
    bytes.add(chunk);
    for (let at = 0; at < chunk.length; at += PUSH_BYTES) {
      if (held) push(held, false);
      held = chunk.subarray(at, at + PUSH_BYTES);
      yield* out.splice(0);
    }
  }
  push(held ?? new Uint8Array(0), true);
  yield* out.splice(0);
  // The last member's trailer is the stream's last bytes (a cut or a tail of other bytes fails here).
  trailer.check(bytes.range(bytes.total - trailer.trailerBytes, bytes.total));
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
