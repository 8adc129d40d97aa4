// Walks several k-slab streams of one grid in step (the layers of a segmentation, each read from
// the file on its own). Each stream cuts its slabs as it likes, so each step yields the k-range all
// of them currently cover, as views into the producers' arrays; a slab stays valid until its own
// stream produces the next one. slabPairs (metrics) is the two-stream case the counting pass uses.
import type { Slab, VoxelArray } from '../volume';

export interface AlignedRun {
  readonly kStart: number;
  readonly kCount: number;
  /** One view per stream: slices [kStart, kStart + kCount), sliceLength voxels each. */
  readonly data: readonly VoxelArray[];
}

export async function* alignedSlabs(streams: readonly AsyncIterable<Slab>[], sliceLength: number, sliceCount: number): AsyncGenerator<AlignedRun> {
  const cursors = streams.map((s) => ({ it: s[Symbol.asyncIterator](), slab: null as Slab | null }));
  let k = 0;
  try {
    while (k < sliceCount) {
      await Promise.all(cursors.map(async (c, n) => {
        if (c.slab !== null && c.slab.kStart + c.slab.kCount > k) return;
        const next = await c.it.next();
        if (next.done) throw new Error(`Stream ${n} ended at k = ${k}, before the last slice.`);
        if (next.value.kStart !== k || next.value.kCount < 1) throw new Error(`Stream ${n} jumped to k = ${next.value.kStart} when k = ${k} was next.`);
        c.slab = next.value;
      }));
      const end = Math.min(sliceCount, ...cursors.map((c) => c.slab!.kStart + c.slab!.kCount));
      const data = cursors.map((c) => c.slab!.data.subarray((k - c.slab!.kStart) * sliceLength, (end - c.slab!.kStart) * sliceLength));
      yield { kStart: k, kCount: end - k, data };
      k = end;
    }
  } finally {
    await Promise.all(cursors.map((c) => c.it.return?.()));
  }
}
