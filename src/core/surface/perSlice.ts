// 2-D boundary metrics within each slice along one array axis: a slice whose Dice looks fine can
// still hold a stray island far from the reference contour, which only a per-slice HD95 shows.
// Same conventions as in 3-D, in the plane: 4-neighbour border pixels, contour lengths for NSD.
// The points come from the same pass as the 3-D ones (collect.ts).

import type { Vec3 } from '../volume';
import { planeAxes } from './box';
import type { CollectedSurfaces } from './collect';
import type { SurfaceValues } from './conventions';
import { EdtWorkspace } from './edt';
import { emptyCaseValues, surfaceValues, type PairSettings } from './pair';
import { boxVoxels, type WorkProgress } from './progress';
import { sliceGroups, unionBox } from './reduce';
import type { SurfaceTarget } from './target';
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
  found: CollectedSurfaces,
  spacing3d: Vec3,
  labels: readonly number[],
  targets: readonly SurfaceTarget[],
  axis: 0 | 1 | 2,
  percentile: number,
  signal: AbortSignal | undefined,
  progress?: WorkProgress,
): PerSliceSurface {
  const shape = found.shape;
  const sliceCount = shape[axis];
  const [u, w] = planeAxes(axis);
  const spacing = [spacing3d[u], spacing3d[w], 1] as const;
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
    if (target.ref.count + target.pred.count === 0) continue;
    const box = unionBox(target.ref, target.pred);
    const dims: Vec3 = [box.max[u] - box.min[u] + 3, box.max[w] - box.min[w] + 3, 1];
    const r = sliceGroups(target.ref, shape, axis, box, settings.areaByCode);
    const p = sliceGroups(target.pred, shape, axis, box, settings.areaByCode);
    const perSliceWork = boxVoxels(box) / (box.max[axis] - box.min[axis] + 1);
    for (let s = box.min[axis], d = 0; s <= box.max[axis]; s++, d++) {
      signal?.throwIfAborted();
      // A mask with pixels in this slice has border pixels in it, and only then.
      const refPixels = r.voxelStart[d + 1] - r.voxelStart[d];
      const predPixels = p.voxelStart[d + 1] - p.voxelStart[d];
      const part = (g: typeof r) => ({
        voxels: g.voxels.subarray(g.voxelStart[d], g.voxelStart[d + 1]),
        corners: g.corners.subarray(g.cornerStart[d], g.cornerStart[d + 1]),
        areas: g.areas.subarray(g.cornerStart[d], g.cornerStart[d + 1]),
      });
      let values = emptyCaseValues(refPixels, predPixels, target.toleranceMm);
      if (values === null) {
        const a = part(r);
        const b = part(p);
        const lists = { refVoxels: a.voxels, predVoxels: b.voxels, refCorners: a.corners, predCorners: b.corners, refAreas: a.areas, predAreas: b.areas };
        values = surfaceValues(lists, dims, settings, percentile, target.toleranceMm, work);
      }
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
