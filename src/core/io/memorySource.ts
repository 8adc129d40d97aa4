// A volume already decoded in memory as a VolumeSource, for formats that must be read whole (PNG
// slices, DICOM SEG frames stored in any order): slabs() hands out views of whole k-slices, about
// opts.slabBytes each, so consumers stream them like any other file.
import type { Slab, Volume } from '../volume';
import type { ReadOptions, VolumeSource } from './api';
import { DEFAULT_SLAB_BYTES } from './niftiSource';

export function inMemorySource(volume: Volume, opts: ReadOptions): VolumeSource {
  const [ni, nj, nk] = volume.header.geometry.shape;
  const slice = ni * nj;
  const perSlab = Math.max(1, Math.floor((opts.slabBytes ?? DEFAULT_SLAB_BYTES) / (slice * volume.data.BYTES_PER_ELEMENT)));
  return {
    header: volume.header,
    readAll: () => Promise.resolve(volume),
    slabs: async function* (): AsyncGenerator<Slab> {
      for (let k = 0; k < nk; k += perSlab) {
        const kCount = Math.min(perSlab, nk - k);
        yield { kStart: k, kCount, data: volume.data.subarray(k * slice, (k + kCount) * slice) };
      }
    },
  };
}
