// Where the voxels of a header-plus-data format (NRRD, MetaImage) are: one or more pieces, each a
// stretch of a file on disk or of bytes in memory, stored plain, gzip (NRRD) or zlib (MetaImage
// CompressedData), whose decompressed bytes after `skip` hold `length` voxel bytes. The pieces in
// order are the volume's bytes (one piece for most files; one per slice file for a MetaImage LIST).
// Compressed pieces are inflated by the host (node:zlib, or fflate with our trailer checks in a browser) as a
// stream and read to their end, so that a cut stream is refused (as gzip.ts does for NIfTI).
import { InputError } from '../../errors';
import { CHUNK_BYTES, storedChunks, window } from '../byteSource';
import { inflateHost } from '../inflate/host';

export type PieceCompression = 'none' | 'gzip' | 'zlib' | 'bzip2';

export type PieceStore =
  | { readonly kind: 'file'; readonly path: string; readonly size: number }
  | { readonly kind: 'memory'; readonly bytes: Uint8Array };

export interface RasterPiece {
  /** The file's name for messages. */
  readonly name: string;
  readonly store: PieceStore;
  /** Where the stored stream starts (after an attached header) and, if known, where it ends. */
  readonly storedStart: number;
  readonly storedEnd?: number;
  readonly compression: PieceCompression;
  /** Decompressed bytes to skip before the voxels; -1: the voxels are the last `length` bytes (plain only). */
  readonly skip: number;
  readonly length: number;
}

export function storedSize(store: PieceStore): number {
  return store.kind === 'file' ? store.size : store.bytes.length;
}

/**
 * Refuses, before anything is read, a plain piece whose file is shorter than its header says: one
 * sentence naming the file and both sizes.
 */
export function checkPlainPieceFits(piece: RasterPiece, what: string): void {
  if (piece.compression !== 'none') return;
  const end = piece.storedEnd ?? storedSize(piece.store);
  const available = end - piece.storedStart;
  const needed = piece.skip < 0 ? piece.length : piece.skip + piece.length;
  if (available < needed) {
    throw new InputError(`${piece.name} is too short: ${what} promises ${needed} bytes of voxel data from byte ${piece.storedStart}, but only ${Math.max(0, available)} are there.`);
  }
}

function storedStream(piece: RasterPiece): AsyncIterable<Uint8Array> | Iterable<Uint8Array> {
  const end = piece.storedEnd;
  if (piece.store.kind === 'file') return storedChunks(piece.store.path, piece.storedStart, end);
  const bytes = piece.store.bytes;
  const stop = Math.min(bytes.length, end ?? bytes.length);
  return (function* (): Generator<Uint8Array> {
    for (let p = piece.storedStart; p < stop; p += CHUNK_BYTES) yield bytes.subarray(p, Math.min(stop, p + CHUNK_BYTES));
  })();
}

/** The piece's voxel bytes, in chunks (at most `length` bytes in all; fewer when the data is short). */
export function pieceChunks(piece: RasterPiece): AsyncIterable<Uint8Array> {
  if (piece.compression === 'bzip2') throw new InputError(`${piece.name} is bzip2-compressed, which is not read (save it with raw or gzip encoding).`);
  if (piece.compression === 'none') {
    const skip = piece.skip < 0 ? (piece.storedEnd ?? storedSize(piece.store)) - piece.storedStart - piece.length : piece.skip;
    return window(piece.name, storedStream(piece), skip, piece.length, false);
  }
  const inflated = inflateHost.inflate(piece.compression === 'gzip' ? 'gzip' : 'zlib', storedStream(piece));
  const chunks = window(piece.name, inflated, Math.max(0, piece.skip), piece.length, true);
  return piece.compression === 'zlib' ? asZlibErrors(piece.name, chunks) : chunks;
}

/** window() words inflate errors for gzip files; MetaImage's CompressedData is a zlib stream. */
async function* asZlibErrors(name: string, chunks: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  try {
    yield* chunks;
  } catch (e) {
    const gzipWording = e instanceof InputError ? /is a truncated or corrupt gzip file \((.*)\)\.$/.exec(e.message) : null;
    if (gzipWording) throw new InputError(`${name} has a truncated or corrupt zlib stream (${gzipWording[1]}).`);
    throw e;
  }
}
