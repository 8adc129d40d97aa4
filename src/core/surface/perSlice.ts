// 2-D boundary metrics within each slice along one array axis: a slice whose Dice looks fine can
// still hold a stray island far from the reference contour, which only a per-slice HD95 shows.
// Same conventions as in 3-D, in the plane: 4-neighbour border pixels, contour lengths for NSD.

import { extractPaddedPlane, planeAxes, unionExtent } from './box';
import type { SurfaceValues } from './conventions';
import { EdtWorkspace } from './edt';
import { emptyCaseValues, pairValues, type PairSettings } from './pair';
import { boxVoxels, type WorkProgress } from './progress';
import type { SurfaceTarget, SurfaceVolume } from './target';
import { contourLengthByCode } from './surfelTable';

/** One value per slice index; null where neither mask has voxels in that slice. */
export interface SliceSeries {
  readonly hd: (number | null)[];
  readonly hd95: (number | null)[];
  readonly assd: (number | null)[];
  readonly nsd: (number | null)[];
  readonly toleranceMm: number;
}

export interface PerSliceSurface {
  readonly axis: 0 | 1 | 2;
  readonly sliceCount: number;
  readonly labels: (SliceSeries & { readonly label: number })[];
  readonly foreground: SliceSeries;
}

/** Per-slice series for each target: `labels` in order, then the foreground. */
export function surfacePerSlice(
  ref: SurfaceVolume,
  pred: SurfaceVolume,
  labels: readonly number[],
  targets: readonly SurfaceTarget[],
  axis: 0 | 1 | 2,
  percentile: number,
  signal: AbortSignal | undefined,
  progress?: WorkProgress,
): PerSliceSurface {
  const shape = ref.shape;
  const sliceCount = shape[axis];
  const [u, w] = planeAxes(axis);
  const spacing = [ref.spacing[u], ref.spacing[w], 1] as const;
  const settings: PairSettings = { spacing, planar: true, areaByCode: contourLengthByCode([spacing[0], spacing[1]]) };
  const work = new EdtWorkspace();
  const all: SliceSeries[] = [];
  for (const target of targets) {
    if (target.sameAs !== undefined) {
      all.push(all[target.sameAs]);
      continue;
    }
    const series = nullSeries(sliceCount, target.toleranceMm);
    all.push(series);
    const box = unionExtent(target.ref, target.pred);
    if (box === null) continue;
    const perSliceWork = boxVoxels(box) / (box.max[axis] - box.min[axis] + 1);
    for (let s = box.min[axis]; s <= box.max[axis]; s++) {
      signal?.throwIfAborted();
      const r = extractPaddedPlane(ref.data, shape, box, axis, s, target.select);
      const p = extractPaddedPlane(pred.data, shape, box, axis, s, target.select);
      const values =
        emptyCaseValues(r.count, p.count, target.toleranceMm) ??
        pairValues(r.mask, p.mask, r.dims, settings, percentile, target.toleranceMm, work);
      setSlice(series, s, values);
      progress?.add(perSliceWork);
    }
  }
  return {
    axis,
    sliceCount,
    labels: labels.map((label, n) => ({ label, ...all[n] })),
    foreground: all[labels.length],
  };
}

function nullSeries(n: number, toleranceMm: number): SliceSeries {
  const nulls = (): (number | null)[] => new Array<number | null>(n).fill(null);
  return { hd: nulls(), hd95: nulls(), assd: nulls(), nsd: nulls(), toleranceMm };
}

function setSlice(series: SliceSeries, s: number, v: SurfaceValues): void {
  series.hd[s] = v.hd;
  series.hd95[s] = v.hd95;
  series.assd[s] = v.assd;
  series.nsd[s] = v.nsd;
}
