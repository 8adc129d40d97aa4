// Copying slabs into a freshly allocated volume, page by page, skipping the pages that hold only
// zeros. Fresh memory is zero already, and on the machines we measured the first touch of a page,
// even a read, costs far more than the copy itself (3–4 ms per MiB on a 2-core VM, against ~0.1 ms
// for a copy into memory used before): a mask is mostly background, so most of its pages never
// need that first touch. A shared page never touched also never counts in the process's resident
// memory, so the editor's memory follows the foreground of the masks it holds. The pages written
// are noted (Volume.writtenPages) so that later walks over the volume skip the others too.
import { VOLUME_PAGE_BYTES, type VoxelArray } from './volume';

/**
 * Copies `from` into `into` at element `at`, leaving alone every page of `into` (pages counted
 * from its start) onto which only zero bytes of `from` fall. `into` must hold zeros there (fresh
 * memory does). Pages written are marked in `written` (one byte per page of `into`). `copied`
 * sees each run of `from` that was copied, while it is still in cache (the legend's label tally
 * then never walks the background a second time).
 */
export function copySkippingZeroPages(into: VoxelArray, at: number, from: VoxelArray, written?: Uint8Array, copied?: (run: VoxelArray) => void): void {
  if (at < 0 || at + from.length > into.length) throw new Error(`copySkippingZeroPages: ${from.length} values at ${at} into ${into.length}`);
  const bytes = new Uint8Array(from.buffer, from.byteOffset, from.byteLength);
  const words = from.byteOffset % 4 === 0 ? new Uint32Array(from.buffer, from.byteOffset, from.byteLength >>> 2) : undefined;
  const size = from.BYTES_PER_ELEMENT;
  const perPage = VOLUME_PAGE_BYTES / size;
  // Runs of `from` end where pages of `into` end, so a run skipped is a page not touched.
  let start = 0;
  while (start < from.length) {
    const page = Math.floor((at + start) / perPage);
    const end = Math.min(from.length, (page + 1) * perPage - at);
    if (!allZero(bytes, words, start * size, end * size)) {
      const run = from.subarray(start, end);
      into.set(run, at + start);
      if (written) written[page] = 1;
      copied?.(run);
    }
    start = end;
  }
}

/**
 * The voxels [from, from + into.length) of `volume` into `into` (reused memory), without touching
 * the pages of `volume` that were never written: those ranges are zero-filled in `into` instead.
 */
export function readSkippingUnwrittenPages(data: VoxelArray, writtenPages: Uint8Array, from: number, into: VoxelArray): void {
  const perPage = VOLUME_PAGE_BYTES / data.BYTES_PER_ELEMENT;
  const to = from + into.length;
  let start = from;
  while (start < to) {
    const page = Math.floor(start / perPage);
    // Consecutive pages of one kind are handled as one run.
    const kind = writtenPages[page] !== 0;
    let end = Math.min(to, (page + 1) * perPage);
    while (end < to && (writtenPages[Math.floor(end / perPage)] !== 0) === kind) end = Math.min(to, end + perPage);
    if (kind) into.set(data.subarray(start, end), start - from);
    else into.fill(0, start - from, end - from);
    start = end;
  }
}

/** Where `writtenPages` is absent or every page was written, the pages need no care. */
function pagesToSkip(writtenPages: Uint8Array | undefined): writtenPages is Uint8Array {
  return writtenPages !== undefined && writtenPages.includes(0);
}

/**
 * Reads runs of a volume's data, at most `slabLength` values each: views of it, or, where some
 * pages were never written, copies into memory reused from run to run (valid until the next read)
 * that leave those pages untouched.
 */
export function slabReader(volume: { readonly data: VoxelArray; readonly writtenPages?: Uint8Array }, slabLength: number): (from: number, length: number) => VoxelArray {
  const { data, writtenPages } = volume;
  if (!pagesToSkip(writtenPages)) return (from, length) => data.subarray(from, from + length);
  const scratch = new (data.constructor as new (length: number) => VoxelArray)(Math.min(slabLength, data.length));
  return (from, length) => {
    const slab = scratch.subarray(0, length);
    readSkippingUnwrittenPages(data, writtenPages, from, slab);
    return slab;
  };
}

/** True when bytes[from, to) are all zero; 32-bit words where aligned (four bytes per test). */
function allZero(bytes: Uint8Array, words: Uint32Array | undefined, from: number, to: number): boolean {
  let b = from;
  if (words) {
    // from is a multiple of the element size; for 1- and 2-byte types it may sit inside a word.
    while (b < to && b % 4 !== 0) if (bytes[b++] !== 0) return false;
    const wordEnd = to >>> 2;
    for (let w = b >>> 2; w < wordEnd; w++) if (words[w] !== 0) return false;
    b = Math.max(b, wordEnd << 2);
  }
  for (; b < to; b++) if (bytes[b] !== 0) return false;
  return true;
}
