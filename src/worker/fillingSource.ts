// A streaming volume source that keeps what streams through it. The comparison needs both masks in
// memory (the panes slice them) and their metrics; reading a file whole and then counting it in a
// second pass costs a second walk over every voxel and, for gzip, a whole-file inflate. Wrapped
// here, the reader's slabs are copied into the volume as they arrive, their labels are tallied for
// the legend while the slab is still in cache, and the counting pass sees the same slab: one pass.
import type { VolumeSource } from '../core/io/api';
import { VOLUME_PAGE_BYTES, voxelCount, type Slab, type Volume, type VoxelArray } from '../core/volume';
import { LabelTally, type LabelCounts } from './labelCounts';
import { copySkippingZeroPages } from '../core/volumePages';
import { memoryNeeded } from './session';

export interface FillingSource {
  /** Stream it (or readAll it) once: each slab lands in `volume()` on its way past. */
  readonly source: VolumeSource;
  /** The filled volume; throws when the stream has not been read to its end. */
  volume(): Volume;
  /** The labels of the volume as filled (for the legend). */
  labels(): LabelCounts;
  /** Voxel bytes this volume holds when full. */
  readonly totalBytes: number;
  /**
   * While it streams: the array being filled and how many whole k-slices of it hold the file's
   * voxels (slices 0 .. slices - 1; the rest is still zero). undefined before the first slab.
   */
  filled(): { readonly data: VoxelArray; readonly writtenPages?: Uint8Array; readonly slices: number } | undefined;
}

export interface FillingOptions {
  /** n more bytes of voxels arrived (the comparison's "read of the total"). */
  readonly onBytes?: (bytes: number) => void;
  /** Tally the labels on the way past (masks: yes; an intensity background: no). */
  readonly tally?: boolean;
  /**
   * The volume when it is already in memory (held in the host's volume cache): its voxels are
   * there, so nothing is copied; the slabs that stream past are read from it.
   */
  readonly into?: Pick<Volume, 'data' | 'writtenPages'>;
}

export function fillingSource(inner: VolumeSource, options: FillingOptions = {}): FillingSource {
  const header = inner.header;
  const [ni, nj, nk] = header.geometry.shape;
  const sliceLength = ni * nj;
  const held = options.into;
  let data: VoxelArray | undefined = held?.data;
  let writtenPages: Uint8Array | undefined = held?.writtenPages;
  let filledSlices = 0;
  const tally = options.tally === false ? undefined : new LabelTally();
  const onBytes = options.onBytes ?? ((): void => undefined);

  async function* slabs(): AsyncGenerator<Slab> {
    if (filledSlices > 0) throw new Error(`${header.source} was streamed twice; a filling source streams once`);
    for await (const slab of inner.slabs()) {
      // Of the slabs' own type, which is what readAll would have given.
      if (held) tally?.add(slab.data); // a held volume: the slab was read from it
      else {
        // Allocated here, hence zero until written: pages onto which only zeros fall are left alone.
        data ??= like(slab.data, voxelCount(header.geometry.shape));
        writtenPages ??= new Uint8Array(new SharedArrayBuffer(Math.ceil(data.byteLength / VOLUME_PAGE_BYTES)));
        // Labels tallied from the reader's slab, not the kept copy: reading a page of fresh memory
        // costs as much as writing it, and the pages of background are skipped so as never to pay that.
        copySkippingZeroPages(data, slab.kStart * sliceLength, slab.data, writtenPages, tally && ((run) => tally.add(run)));
      }
      filledSlices = slab.kStart + slab.kCount;
      onBytes(slab.data.byteLength);
      // The reader's slab, which is what the CLI's counting pass sees too (valid until the next one).
      yield slab;
    }
  }

  const volume = (): Volume => {
    if (!data || filledSlices !== nk) throw new Error(`${header.source} was not read to its end (${filledSlices} of ${nk} slices)`);
    return { header, data, ...(writtenPages && { writtenPages }) };
  };

  const source: VolumeSource = {
    header,
    ...(inner.segmentLayers && { segmentLayers: inner.segmentLayers }),
    slabs,
    readAll: async () => {
      if (filledSlices === nk && data) return volume();
      for await (const slab of slabs()) void slab;
      return volume();
    },
  };
  const labels = (): LabelCounts => {
    if (!tally) throw new Error(`${header.source} was filled without tallying its labels`);
    return tally.counts();
  };
  const filled = (): { data: VoxelArray; writtenPages?: Uint8Array; slices: number } | undefined => (data ? { data, ...(writtenPages && { writtenPages }), slices: filledSlices } : undefined);
  return { source, volume, labels, totalBytes: memoryNeeded(header), filled };
}

/**
 * A zeroed array of `data`'s own type in shared memory: the surface-distance thread then reads
 * the volume where it is (shareVolume finds it shared), instead of a second copy of both masks.
 */
function like(data: VoxelArray, length: number): VoxelArray {
  const Ctor = data.constructor as new (buffer: SharedArrayBuffer) => VoxelArray;
  return new Ctor(new SharedArrayBuffer(length * data.BYTES_PER_ELEMENT));
}
