// Walks two k-slab streams in step. The two readers cut their slabs independently (different
// compression, different datatypes), so each step yields the k-range both currently cover, as views
// into the producers' arrays. A slab stays valid until its own stream produces the next one, so
// holding one side while advancing the other is safe. When both sides are exhausted at once, both
// are asked for their next slab together so the two inflates run side by side.
import type { Slab, VoxelArray } from '../volume';

export interface SlabPair {
  readonly kStart: number;
  readonly kCount: number;
  /** Voxels of slices [kStart, kStart + kCount), sliceLength each, starting at index 0. */
  readonly ref: VoxelArray;
  readonly pred: VoxelArray;
}

interface Cursor {
  readonly it: AsyncIterator<Slab>;
  slab: Slab | null;
}

function slices(slab: Slab, sliceLength: number, kStart: number, kEnd: number): VoxelArray {
  return slab.data.subarray((kStart - slab.kStart) * sliceLength, (kEnd - slab.kStart) * sliceLength);
}

export async function* slabPairs(
  ref: AsyncIterable<Slab>,
  pred: AsyncIterable<Slab>,
  sliceLength: number,
  sliceCount: number,
): AsyncGenerator<SlabPair> {
  const a: Cursor = { it: ref[Symbol.asyncIterator](), slab: null };
  const b: Cursor = { it: pred[Symbol.asyncIterator](), slab: null };
  let k = 0;
  try {
    while (k < sliceCount) {
      const needA = a.slab === null || a.slab.kStart + a.slab.kCount <= k;
      const needB = b.slab === null || b.slab.kStart + b.slab.kCount <= k;
      const [na, nb] = await Promise.all([needA ? a.it.next() : null, needB ? b.it.next() : null]);
      if (na) a.slab = checked(na, k, 'reference');
      if (nb) b.slab = checked(nb, k, 'prediction');
      const sa = a.slab!;
      const sb = b.slab!;
      const end = Math.min(sa.kStart + sa.kCount, sb.kStart + sb.kCount, sliceCount);
      yield { kStart: k, kCount: end - k, ref: slices(sa, sliceLength, k, end), pred: slices(sb, sliceLength, k, end) };
      k = end;
    }
  } finally {
    await Promise.all([a.it.return?.(), b.it.return?.()]);
  }
}

/** Readers promise contiguous ascending slabs; anything else is a reader bug, not bad input. */
function checked(r: IteratorResult<Slab>, k: number, side: string): Slab {
  if (r.done) throw new Error(`The ${side} slab stream ended at k = ${k}, before the last slice.`);
  if (r.value.kStart !== k || r.value.kCount < 1) {
    throw new Error(`The ${side} slab stream jumped to k = ${r.value.kStart} (count ${r.value.kCount}) when k = ${k} was next.`);
  }
  return r.value;
}
