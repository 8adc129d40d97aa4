// NSD only asks whether each surfel lies within τ of the other surface, not how far it is. For the
// usual τ of a voxel or two, looking at the few grid offsets within τ is exact and much cheaper than
// a distance transform; for a wide τ (many offsets) the transform is cheaper, so we pick by cost.

import type { Vec3 } from '../volume';
import type { SurfacePoints } from './borders';
import { distancesAtQueries, SCRATCH, type EdtWorkspace } from './edt';
import { IndexSet } from './pointLists';

/** Surface points given by their indices and a set to look them up in, instead of a grid. */
export interface SparseSurface {
  readonly at: Uint32Array;
  readonly members: IndexSet;
}

/** The set of `at`; with `work`, its slots are the workspace's scratch (valid until the next set made so). */
export function cornerSet(at: Uint32Array, work?: EdtWorkspace): SparseSurface {
  return { at, members: new IndexSet(at, work === undefined ? undefined : (size) => work.u32(SCRATCH.cornerSetSlots, size)) };
}

/** Offsets tried per query, times queries, beyond which a transform of the box is cheaper. */
const TRANSFORM_COST_PER_CELL = 2;

/** Sum of the areas of the query surfels within toleranceMm of a point of `surface`. */
export function areaWithinTolerance(
  surface: SurfacePoints | SparseSurface,
  dims: Vec3,
  spacing: Vec3,
  queries: Uint32Array,
  areas: Float64Array,
  toleranceMm: number,
  work: EdtWorkspace,
): number {
  const planar = dims[2] === 1;
  const reach = [0, 1, 2].map((a) => (a === 2 && planar ? 0 : Math.floor(toleranceMm / spacing[a])));
  const boxOffsets = (2 * reach[0] + 1) * (2 * reach[1] + 1) * (2 * reach[2] + 1);
  let within = 0;
  if (boxOffsets * queries.length > TRANSFORM_COST_PER_CELL * dims[0] * dims[1] * dims[2]) {
    const distances = distancesAtQueries(surface.at, dims, spacing, queries, work);
    for (let q = 0; q < queries.length; q++) if (distances[q] <= toleranceMm) within += areas[q];
    return within;
  }
  const offsets = offsetsWithin(spacing, reach, toleranceMm, dims);
  const [nx, ny, nz] = dims;
  const isSurface = 'members' in surface ? (c: number) => surface.members.has(c) : (c: number) => surface.grid.isFeature[surface.grid.cells[c]] === 1;
  for (let q = 0; q < queries.length; q++) {
    const c = queries[q];
    const i = c % nx;
    const j = Math.floor(c / nx) % ny;
    const k = Math.floor(c / (nx * ny));
    for (const o of offsets) {
      const ii = i + o.di;
      const jj = j + o.dj;
      const kk = k + o.dk;
      if (ii < 0 || ii >= nx || jj < 0 || jj >= ny || kk < 0 || kk >= nz) continue;
      if (isSurface(c + o.delta)) {
        within += areas[q];
        break;
      }
    }
  }
  return within;
}

interface Offset {
  readonly di: number;
  readonly dj: number;
  readonly dk: number;
  /** Linear index step in the grid. */
  readonly delta: number;
}

/**
 * Grid offsets at most toleranceMm away, nearest first (a hit ends the search, and near hits are
 * the common ones). The distance is summed axis 0, 1, 2 as scipy's transform sums it, so a surfel
 * exactly τ away counts as it does there.
 */
function offsetsWithin(spacing: Vec3, reach: readonly number[], toleranceMm: number, dims: Vec3): Offset[] {
  const found: { offset: Offset; d2: number }[] = [];
  for (let dk = -reach[2]; dk <= reach[2]; dk++) {
    for (let dj = -reach[1]; dj <= reach[1]; dj++) {
      for (let di = -reach[0]; di <= reach[0]; di++) {
        const a = di * spacing[0];
        const b = dj * spacing[1];
        const c = dk * spacing[2];
        const d2 = a * a + b * b + c * c;
        if (Math.sqrt(d2) > toleranceMm) continue;
        found.push({ offset: { di, dj, dk, delta: di + dims[0] * (dj + dims[1] * dk) }, d2 });
      }
    }
  }
  return found.sort((x, y) => x.d2 - y.d2).map((f) => f.offset);
}
