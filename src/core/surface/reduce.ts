// From the points the pass collected (collect.ts) to the reported numbers of one target: its points
// moved into the target's padded box (the union of its extents in both volumes, one background
// voxel around it), where the distance transform runs over the surfaces only. The box frame is the
// one a padded mask of that box would have, so the values are those of pair.ts on such a mask.

import type { Vec3 } from '../volume';
import type { LabelExtent } from './box';
import type { MaskSurface } from './collect';
import type { SurfaceValues } from './conventions';
import { SCRATCH, type EdtWorkspace } from './edt';
import { surfaceValues, type PairSettings, type SurfaceLists } from './pair';

/** The smallest box holding both masks' voxels; both must be non-empty. */
export function unionBox(a: MaskSurface, b: MaskSurface): LabelExtent {
  return {
    count: a.count + b.count,
    min: [Math.min(a.min[0], b.min[0]), Math.min(a.min[1], b.min[1]), Math.min(a.min[2], b.min[2])],
    max: [Math.max(a.max[0], b.max[0]), Math.max(a.max[1], b.max[1]), Math.max(a.max[2], b.max[2])],
  };
}

/** 3-D values of two non-empty masks (2-D when the volume is one slice: settings.planar). */
export function volumeValues(
  ref: MaskSurface,
  pred: MaskSurface,
  shape: Vec3,
  settings: PairSettings,
  percentile: number,
  toleranceMm: number,
  work: EdtWorkspace,
): SurfaceValues {
  const box = unionBox(ref, pred);
  const planar = settings.planar;
  const dims: Vec3 = [box.max[0] - box.min[0] + 3, box.max[1] - box.min[1] + 3, planar ? 1 : box.max[2] - box.min[2] + 3];
  const voxelFrame = frame(shape[0], shape[1], box, dims, planar);
  const cornerFrame = frame(shape[0] + 1, shape[1] + 1, box, dims, planar);
  // Into the workspace's scratch (SCRATCH): surfaceValues is done with them before the next pair.
  const lists = (s: MaskSurface, slots: { voxels: number; corners: number; areas: number }) => {
    const voxels = work.u32(slots.voxels, s.voxels.length);
    for (let n = 0; n < voxels.length; n++) voxels[n] = voxelFrame(s.voxels.at(n));
    const corners = work.u32(slots.corners, s.corners.length);
    const areas = work.f64(slots.areas, s.corners.length);
    for (let n = 0; n < corners.length; n++) {
      corners[n] = cornerFrame(s.corners.at(n));
      areas[n] = settings.areaByCode[s.codes.at(n)];
    }
    return { voxels, corners, areas };
  };
  const r = lists(ref, { voxels: SCRATCH.refVoxels, corners: SCRATCH.refCorners, areas: SCRATCH.refAreas });
  const p = lists(pred, { voxels: SCRATCH.predVoxels, corners: SCRATCH.predCorners, areas: SCRATCH.predAreas });
  return surfaceValues(pairOf(r, p), dims, settings, percentile, toleranceMm, work);
}

function pairOf(r: { voxels: Uint32Array; corners: Uint32Array; areas: Float64Array }, p: typeof r): SurfaceLists {
  return { refVoxels: r.voxels, predVoxels: p.voxels, refCorners: r.corners, predCorners: p.corners, refAreas: r.areas, predAreas: p.areas };
}

/**
 * Global index (in a grid of gx × gy per slice) to the index in the padded box of `dims`: the box's
 * first voxel (and the corner before it) lands at (1, 1, 1), or (1, 1) in a planar box.
 */
function frame(gx: number, gy: number, box: LabelExtent, dims: Vec3, planar: boolean): (g: number) => number {
  const [x0, y0, z0] = box.min;
  const [dx, dy] = dims;
  return (g) => {
    const i = g % gx;
    const rest = (g - i) / gx;
    const j = rest % gy;
    const k = (rest - j) / gy;
    return i - x0 + 1 + dx * (j - y0 + 1 + (planar ? 0 : dy * (k - z0 + 1)));
  };
}

/** Per-slice points of one mask grouped by slice (index along the axis) within the box's range. */
export interface SliceGroups {
  readonly voxelStart: Int32Array;
  readonly voxels: Uint32Array;
  readonly cornerStart: Int32Array;
  readonly corners: Uint32Array;
  readonly areas: Float64Array;
}

/**
 * The per-slice points of `s` moved into the in-plane padded box of `box` (dims [nu + 2, nw + 2, 1])
 * and grouped by slice: a stable counting sort, so each slice keeps its points in index order.
 */
export function sliceGroups(s: MaskSurface, shape: Vec3, axis: 0 | 1 | 2, box: LabelExtent, areaByCode: Float64Array): SliceGroups {
  const [u, w] = axis === 0 ? [1, 2] : axis === 1 ? [0, 2] : [0, 1];
  const from = box.min[axis];
  const depth = box.max[axis] - from + 1;
  const du = box.max[u] - box.min[u] + 3;
  const coords = [0, 0, 0];
  const place = (g: number, gx: number, gy: number): number => {
    coords[0] = g % gx;
    const rest = (g - coords[0]) / gx;
    coords[1] = rest % gy;
    coords[2] = (rest - coords[1]) / gy;
    return coords[axis] - from;
  };
  const local = (): number => coords[u] - box.min[u] + 1 + du * (coords[w] - box.min[w] + 1);
  const [nx, ny] = shape;
  const group = (length: number, at: (n: number) => number, gx: number, gy: number) => {
    const start = new Int32Array(depth + 1);
    for (let n = 0; n < length; n++) start[place(at(n), gx, gy) + 1]++;
    for (let d = 0; d < depth; d++) start[d + 1] += start[d];
    const cursor = start.slice(0, depth);
    const out = new Uint32Array(length);
    const order = new Int32Array(length);
    for (let n = 0; n < length; n++) {
      const d = place(at(n), gx, gy);
      order[n] = cursor[d];
      out[cursor[d]++] = local();
    }
    return { start, out, order };
  };
  const v = group(s.sliceVoxels.length, (n) => s.sliceVoxels.at(n), nx, ny);
  const c = group(s.sliceCorners.length, (n) => s.sliceCorners.at(n), nx + 1, ny + 1);
  const areas = new Float64Array(s.sliceCorners.length);
  for (let n = 0; n < areas.length; n++) areas[c.order[n]] = areaByCode[s.sliceCodes.at(n)];
  return { voxelStart: v.start, voxels: v.out, cornerStart: c.start, corners: c.out, areas };
}
