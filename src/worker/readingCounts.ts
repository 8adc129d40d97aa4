// The Dice strip filling in while a comparison reads its files. The counting pass finishes slices
// as slabs arrive along k; this keeps the foreground's metrics of the finished ones and posts them,
// at most every 250 ms (a 1000-slice read would otherwise send a message per slab, each redrawing
// the strip), plus once when every slice is counted. A plane that cuts across k finishes nothing
// before the read ends, which is said once instead of posting an empty strip.
import { resolvePlane } from '../core/geometry/acquisitionPlane';
import { planeAxis } from '../core/geometry/orientation';
import type { SliceMetrics } from '../core/metrics/types';
import type { Geometry } from '../core/volume';
import type { ReadingCounts } from '../protocol/compare';
import type { Plane } from '../protocol/viewer';

export const READING_COUNTS_INTERVAL_MS = 250;

export type FinishedSlicesListener = (finished: number, foreground: (from: number, to: number) => SliceMetrics[]) => void;

/**
 * The listener to give the counting pass (RunControl.onSlicesFinished) for a read counted in
 * `plane` of the reference's `geometry`; undefined when that plane cuts across k, after posting
 * 'whenRead'. `now` is injectable for tests.
 */
export function readingCounts(
  geometry: Geometry,
  plane: Plane | 'auto',
  post: (counts: ReadingCounts) => void,
  now: () => number = () => performance.now(),
): FinishedSlicesListener | undefined {
  const counted = resolvePlane(geometry, plane);
  const axis = planeAxis(geometry, counted);
  const sliceCount = geometry.shape[axis];
  if (axis !== 2) {
    post({ kind: 'whenRead', plane: counted, sliceCount });
    return undefined;
  }
  const slices: SliceMetrics[] = [];
  let postedAt = -Infinity;
  return (finished, foreground) => {
    const time = now();
    const last = finished >= sliceCount;
    if (!last && time - postedAt < READING_COUNTS_INTERVAL_MS) return;
    // Only the slices finished since the last post are read from the table.
    for (const s of foreground(slices.length, Math.min(finished, sliceCount))) slices.push(s);
    postedAt = time;
    // postMessage clones at once, so the growing array can be handed over as it is.
    post({ kind: 'filling', plane: counted, sliceCount, slices });
  };
}
