// A volume already in memory, streamed to the metrics engine in k-slabs (views, no copies) with a
// turn of the event loop between slabs. Without the pause a whole-volume compare would be one
// synchronous task: no progress message could leave and no cancel message could arrive until the
// end. ~4 M voxels per slab keeps each task around a few milliseconds.
import type { VolumeSource } from '../core/io/api';
import type { Slab, Volume, VoxelArray } from '../core/volume';
import { pagesToSkip, readSkippingUnwrittenPages } from '../core/volumePages';

export const SLAB_VOXELS = 1 << 22;

export function chunkedSource(volume: Volume, slabVoxels = SLAB_VOXELS): VolumeSource {
  const [nx, ny, nz] = volume.header.geometry.shape;
  const sliceLength = nx * ny;
  const perSlab = Math.max(1, Math.floor(slabVoxels / Math.max(1, sliceLength)));
  const { data, writtenPages } = volume;
  // Pages never written are not read (that would touch them): the slab is put together in memory
  // reused from slab to slab, zeros where they were. Otherwise views, no copies.
  const scratch = pagesToSkip(writtenPages) ? like(data, Math.min(nz, perSlab) * sliceLength) : undefined;
  async function* slabs(): AsyncGenerator<Slab> {
    for (let kStart = 0; kStart < nz; kStart += perSlab) {
      const kCount = Math.min(perSlab, nz - kStart);
      const from = kStart * sliceLength;
      if (scratch && writtenPages) {
        const slab = scratch.subarray(0, kCount * sliceLength);
        readSkippingUnwrittenPages(data, writtenPages, from, slab);
        yield { kStart, kCount, data: slab };
      } else yield { kStart, kCount, data: data.subarray(from, from + kCount * sliceLength) };
      await nextTurn();
    }
  }
  return { header: volume.header, slabs, readAll: () => Promise.resolve(volume) };
}

/** Resolves after pending I/O callbacks (incoming worker messages) have run. */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** An array of `data`'s type in ordinary (reused, soon warm) memory. */
function like(data: VoxelArray, length: number): VoxelArray {
  const Ctor = data.constructor as new (length: number) => VoxelArray;
  return new Ctor(length);
}
