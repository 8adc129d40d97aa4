// Inflate is the one part of reading that differs between hosts: node:zlib in the CLI, the worker
// threads and the desktop extension host; fflate with the same checks (webInflate.ts) in a browser
// (VS Code for the Web), where node:zlib does not exist. The readers see only this interface; `host.ts` is
// the Node implementation and the browser build resolves it to `host.web.ts` instead (esbuild.mjs).

/** gzip (RFC 1952: .nii.gz, NRRD gzip encoding) or zlib (RFC 1950: MetaImage CompressedData). */
export type DeflateWrapper = 'gzip' | 'zlib';

export interface InflateHost {
  /**
   * The decompressed bytes of `stored`, in chunks, read to the stream's very end: a cut stream, a
   * wrong CRC or length in a trailer, or corrupt deflate data fails the iteration with an
   * InflateError.
   */
  inflate(wrapper: DeflateWrapper, stored: AsyncIterable<Uint8Array> | Iterable<Uint8Array>): AsyncIterable<Uint8Array>;
  /** Whatever the first stored bytes of a gzip stream decode to; the trailer is not checked here. */
  inflateGzipPrefix(prefix: Uint8Array): Uint8Array;
  /** CRC-32 (the gzip header CRC is its low 16 bits). */
  crc32(bytes: Uint8Array): number;
}

/** Deflate data or a trailer that is wrong, as the host's inflater words it. */
export class InflateError extends Error {
  override readonly name = 'InflateError';
}
