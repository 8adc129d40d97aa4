// Streams a prediction stored as the reference's grid with i and j reordered or reversed (LPS vs RAS
// storage is the common case) in the reference's layout, one slab at a time. Only orientations that
// keep k as k, running the same way, can be streamed like this; others go through readAll.
import type { Aligned } from '../geometry/reorient';
import { predictionIndexMap } from '../geometry/reorient';
import type { Slab, Vec3, VoxelArray } from '../volume';

/** True when prediction slabs map onto reference slabs of the same k, so streaming stays possible. */
export function keepsSlabOrder(alignment: Aligned): boolean {
  return alignment.kind === 'identical' || (alignment.perm[2] === 2 && !alignment.flip[2]);
}

export async function* remappedSlabs(slabs: AsyncIterable<Slab>, alignment: Aligned, refShape: Vec3, predShape: Vec3): AsyncGenerator<Slab> {
  const { offset, stride } = predictionIndexMap(alignment, predShape);
  const [ni, nj] = refShape;
  const sliceLength = ni * nj;
  // Reversing both i and j is reading each slice backwards: the native reverse does it.
  const wholeSliceReversed = stride[0] === -1 && stride[1] === -ni;
  let scratch: VoxelArray | null = null;
  for await (const slab of slabs) {
    const length = slab.kCount * sliceLength;
    if (scratch === null || scratch.length < length || scratch.constructor !== slab.data.constructor) {
      scratch = new (slab.data.constructor as new (n: number) => VoxelArray)(length);
    }
    const out = scratch.subarray(0, length);
    const src = slab.data;
    for (let dk = 0; dk < slab.kCount; dk++) {
      const base = dk * sliceLength;
      if (wholeSliceReversed) {
        out.set(src.subarray(base, base + sliceLength), base);
        out.subarray(base, base + sliceLength).reverse();
        continue;
      }
      let o = base;
      for (let j = 0; j < nj; j++) {
        let p = base + offset + j * stride[1];
        for (let i = 0; i < ni; i++, p += stride[0]) out[o++] = src[p];
      }
    }
    yield { kStart: slab.kStart, kCount: slab.kCount, data: out };
  }
}
