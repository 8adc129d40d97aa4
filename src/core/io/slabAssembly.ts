// Whole k-slabs from a stream of voxel bytes in arbitrary chunks: the bytes are gathered into one
// reused buffer of whole slices and decoded there, so memory stays about one slab. Shared by the
// NIfTI reader and the header-plus-data readers (NRRD, MetaImage).
import type { Slab, Vec3 } from '../volume';
import type { VoxelDecoder } from './voxelDecoder';

export async function* assembleSlabs(
  chunks: AsyncIterable<Uint8Array>,
  shape: Vec3,
  bytesPerVoxel: number,
  decoder: VoxelDecoder,
  slabBytes: number,
  /** The error for a stream that ends before the last slice, given how many bytes came. */
  short: (received: number) => Error,
): AsyncGenerator<Slab> {
  const [ni, nj, nk] = shape;
  const sliceBytes = ni * nj * bytesPerVoxel;
  const slicesPerSlab = Math.max(1, Math.min(nk, Math.floor(slabBytes / sliceBytes)));
  // A fresh ArrayBuffer starts 8-byte aligned, so typed views of any width fit.
  const raw = new Uint8Array(new ArrayBuffer(slicesPerSlab * sliceBytes));
  let k = 0;
  let filled = 0;
  let received = 0;
  let last: Slab | undefined;
  for await (const chunk of chunks) {
    received += chunk.length;
    let pos = 0;
    while (pos < chunk.length && k < nk) {
      const kCount = Math.min(slicesPerSlab, nk - k);
      const want = kCount * sliceBytes;
      const take = Math.min(want - filled, chunk.length - pos);
      raw.set(chunk.subarray(pos, pos + take), filled);
      filled += take;
      pos += take;
      if (filled === want) {
        const slab = { kStart: k, kCount, data: decoder.decode(raw.subarray(0, want)) };
        k += kCount;
        filled = 0;
        // The last slab waits until the stream has ended: a consumer stops asking after it, and a
        // gzip stream checks its CRC-32 and length trailer only at its end (byteSource.ts).
        if (k < nk) yield slab;
        else last = slab;
      }
    }
  }
  if (last !== undefined) yield last;
  if (k < nk) throw short(received);
}
