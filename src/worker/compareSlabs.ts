// A volume already in memory, streamed to the metrics engine in k-slabs (views, no copies) with a
// turn of the event loop between slabs. Without the pause a whole-volume compare would be one
// synchronous task: no progress message could leave and no cancel message could arrive until the
// end. ~4 M voxels per slab keeps each task around a few milliseconds.
import type { VolumeSource } from '../core/io/api';
import type { Slab, Volume } from '../core/volume';
import { slabReader } from '../core/volumePages';

export const SLAB_VOXELS = 1 << 22;

export function chunkedSource(volume: Volume, slabVoxels = SLAB_VOXELS): VolumeSource {
  const [nx, ny, nz] = volume.header.geometry.shape;
  const sliceLength = nx * ny;
  const perSlab = Math.max(1, Math.floor(slabVoxels / Math.max(1, sliceLength)));
  // Pages never written are not read (that would touch them): such slabs are put together in
  // memory reused from slab to slab. Otherwise views, no copies.
  const read = slabReader(volume, perSlab * sliceLength);
  async function* slabs(): AsyncGenerator<Slab> {
    for (let kStart = 0; kStart < nz; kStart += perSlab) {
      const kCount = Math.min(perSlab, nz - kStart);
      yield { kStart, kCount, data: read(kStart * sliceLength, kCount * sliceLength) };
      await nextTurn();
    }
  }
  return { header: volume.header, slabs, readAll: () => Promise.resolve(volume) };
}

/** Resolves after pending I/O callbacks (incoming worker messages) have run. */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
