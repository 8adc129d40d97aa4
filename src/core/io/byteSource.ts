// Where a reader's bytes come from: a file on disk or bytes already in memory, plain or gzip.
// Gzip is recognised by its magic bytes (1f 8b), whatever the name says. Inflate is the host's
// (node:zlib streams, or fflate with our trailer checks in a browser), always to the end of the stream so that
// its trailers are checked (gzip.ts).
import { corruptGzip, GZIP_CHUNK_BYTES, gunzipped, gzipError, gzipHeaderLength, isGzip } from './gzip';
import { openRegularFile } from './regularFile';

export { inflatePrefix, isGzip } from './gzip';

export const CHUNK_BYTES = GZIP_CHUNK_BYTES;

export interface ByteSource {
  readonly name: string;
  /** Size as stored (compressed size for gzip). */
  readonly storedBytes: number;
  readonly gzip: boolean;
  /** The decompressed content from byte `start` to at most `start + length`, in chunks. */
  chunks(start: number, length: number): AsyncIterable<Uint8Array>;
}

/**
 * Skips the first `start` bytes of a chunk stream and stops yielding after `length` bytes. With
 * `toEnd` (gzip) the rest of the stream is still read, unseen, so that a missing or wrong trailer
 * is refused rather than accepted.
 */
export async function* window(name: string, source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, start: number, length: number, toEnd: boolean): AsyncGenerator<Uint8Array> {
  let skip = start;
  let left = length;
  try {
    for await (const chunk of source) {
      if (left === 0) {
        if (toEnd) continue;
        return;
      }
      let piece: Uint8Array = chunk;
      if (skip > 0) {
        if (piece.length <= skip) {
          skip -= piece.length;
          continue;
        }
        piece = piece.subarray(skip);
        skip = 0;
      }
      if (piece.length > left) piece = piece.subarray(0, left);
      left -= piece.length;
      if (piece.length > 0) yield piece;
      if (left === 0 && !toEnd) return;
    }
  } catch (e) {
    throw gzipError(name, e);
  }
}

/** A file's stored bytes from `start` (inclusive) to `end` (exclusive), opened as a regular file each time. */
export async function* storedChunks(path: string, start: number, end?: number): AsyncGenerator<Uint8Array> {
  const { handle } = await openRegularFile(path, { role: 'a mask or image file' });
  const stream = handle.createReadStream({ start, ...(end === undefined ? {} : { end: end - 1 }), highWaterMark: CHUNK_BYTES });
  try {
    for await (const chunk of stream as AsyncIterable<Uint8Array>) yield chunk;
  } finally {
    stream.destroy();
    await handle.close().catch(() => undefined);
  }
}

export function fileByteSource(path: string, storedBytes: number, gzip: boolean): ByteSource {
  return {
    name: path,
    storedBytes,
    gzip,
    chunks(start, length) {
      if (length <= 0 && !gzip) return window(path, [], 0, 0, false);
      if (!gzip) return window(path, storedChunks(path, start, start + length), 0, length, false);
      return window(path, gunzipped(storedChunks(path, 0)), start, Math.max(0, length), true);
    },
  };
}

export function memoryByteSource(name: string, bytes: Uint8Array, gzip: boolean): ByteSource {
  return {
    name,
    storedBytes: bytes.length,
    gzip,
    chunks(start, length) {
      if (!gzip) {
        const end = Math.min(bytes.length, start + length);
        const pieces = function* (): Generator<Uint8Array> {
          for (let p = start; p < end; p += CHUNK_BYTES) yield bytes.subarray(p, Math.min(end, p + CHUNK_BYTES));
        };
        return window(name, pieces(), 0, length, false);
      }
      return window(name, gunzipped([bytes]), start, Math.max(0, length), true);
    },
  };
}

/**
 * The first bytes of a file as stored: at least `n` (fewer if the file is shorter), and for gzip at
 * least the whole first member header however long its name and comment fields, plus `n`.
 */
export async function readFilePrefix(path: string, n: number): Promise<{ prefix: Uint8Array; size: number }> {
  const { handle, size } = await openRegularFile(path, { role: 'a mask or image file' });
  try {
    const read = async (want: number): Promise<Uint8Array> => {
      const buffer = new Uint8Array(Math.min(size, want));
      let filled = 0;
      while (filled < buffer.length) {
        const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, filled);
        if (bytesRead === 0) break;
        filled += bytesRead;
      }
      return buffer.subarray(0, filled);
    };
    let prefix = await read(n);
    if (!isGzip(prefix)) return { prefix, size };
    for (let want = n; ; want *= 2) {
      const headerBytes = gzipHeaderLength(path, prefix);
      if (headerBytes !== undefined) return { prefix: headerBytes + n <= prefix.length ? prefix : await read(headerBytes + n), size };
      if (prefix.length >= size) throw corruptGzip(path, 'the file ends inside its gzip header');
      prefix = await read(want * 2);
    }
  } finally {
    await handle.close();
  }
}
