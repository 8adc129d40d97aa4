// The two kinds of surface points, both found on a padded 0/1 mask grid (see box.ts):
// - border voxels: mask voxels with a face neighbour outside the mask, i.e. mask XOR its erosion by
//   the face-connected element (6 neighbours in 3-D, 4 in 2-D). Used for HD, HD95 and ASSD.
// - border corners: voxel-grid corners whose 2×2×2 (2×2) neighbourhood is partly inside, each
//   weighted by its surfel area (contour length). Used for NSD.

import type { Vec3 } from '../volume';
import type { FeatureGrid } from './edt';

/** Cell value that marks a border voxel after markVoxelBorders (inside voxels stay 1). */
export const BORDER_VOXEL = 2;

const VOXEL_BORDER_FEATURE = new Uint8Array(256);
VOXEL_BORDER_FEATURE[BORDER_VOXEL] = 1;

/** Linear indices, increasing, of the cells c with isFeature[cells[c]] === 1. */
export function featureIndices(grid: FeatureGrid): Uint32Array {
  const { cells, isFeature } = grid;
  let n = 0;
  for (let c = 0; c < cells.length; c++) n += isFeature[cells[c]];
  const out = new Uint32Array(n);
  n = 0;
  for (let c = 0; c < cells.length; c++) if (isFeature[cells[c]] === 1) out[n++] = c;
  return out;
}

/**
 * Marks border voxels of a padded 0/1 mask in place (value BORDER_VOXEL) and returns the grid that
 * treats them as features. `planar` grids have dims[2] === 1 and use 4 neighbours.
 */
export function markVoxelBorders(mask: Uint8Array, dims: Vec3, planar: boolean): FeatureGrid {
  const [nx, ny, nz] = dims;
  const plane = nx * ny;
  const kFrom = planar ? 0 : 1;
  const kTo = planar ? 1 : nz - 1;
  for (let k = kFrom; k < kTo; k++) {
    for (let j = 1; j < ny - 1; j++) {
      const row = k * plane + j * nx;
      for (let c = row + 1; c < row + nx - 1; c++) {
        if (mask[c] === 0) continue;
        const open =
          mask[c - 1] === 0 ||
          mask[c + 1] === 0 ||
          mask[c - nx] === 0 ||
          mask[c + nx] === 0 ||
          (!planar && (mask[c - plane] === 0 || mask[c + plane] === 0));
        if (open) mask[c] = BORDER_VOXEL;
      }
    }
  }
  return { cells: mask, isFeature: VOXEL_BORDER_FEATURE };
}

const CORNER_FEATURE_3D = new Uint8Array(256).fill(1);
CORNER_FEATURE_3D[0] = 0;
CORNER_FEATURE_3D[255] = 0;
const CORNER_FEATURE_2D = new Uint8Array(256);
CORNER_FEATURE_2D.fill(1, 1, 15);

/**
 * Replaces a padded mask (any non-zero = inside) by the neighbour code of each corner, in place,
 * and returns the grid whose features are the border corners. Corner p sits between voxels p−1 and
 * p on every axis, so the padded grid holds every corner of the mask. Codes are written from the
 * last cell down: a code reads only cells at or below its own index, which are still mask values.
 */
export function cornerCodesInPlace(mask: Uint8Array, dims: Vec3, planar: boolean): FeatureGrid {
  const [nx, ny, nz] = dims;
  const plane = nx * ny;
  const inside = (c: number): number => (mask[c] === 0 ? 0 : 1);
  if (planar) {
    for (let j = ny - 1; j >= 0; j--) {
      const row = j * nx;
      // The pair of pixels (j-1, j) at column i: bit 1 = row j-1, bit 0 = row j.
      const pairAt = (i: number): number => (j === 0 ? 0 : inside(row - nx + i) << 1) | inside(row + i);
      let high = pairAt(nx - 1);
      for (let i = nx - 1; i >= 0; i--) {
        const low = i === 0 ? 0 : pairAt(i - 1);
        mask[row + i] = (low << 2) | high;
        high = low;
      }
    }
    return { cells: mask, isFeature: CORNER_FEATURE_2D };
  }
  for (let k = nz - 1; k >= 0; k--) {
    for (let j = ny - 1; j >= 0; j--) {
      const row = k * plane + j * nx;
      // Voxels (j-1|j, k-1|k) at column i, bit 3 - (2·dj + dk).
      const nibbleAt = (i: number): number => {
        const c = row + i;
        let v = inside(c);
        if (k > 0) v |= inside(c - plane) << 1;
        if (j > 0) v |= inside(c - nx) << 2;
        if (j > 0 && k > 0) v |= inside(c - nx - plane) << 3;
        return v;
      };
      let high = nibbleAt(nx - 1);
      for (let i = nx - 1; i >= 0; i--) {
        const low = i === 0 ? 0 : nibbleAt(i - 1);
        mask[row + i] = (low << 4) | high;
        high = low;
      }
    }
  }
  return { cells: mask, isFeature: CORNER_FEATURE_3D };
}

/** Surfel area (contour length) of each feature cell of a corner-code grid, in index order. */
export function areasAt(grid: FeatureGrid, indices: Uint32Array, areaByCode: Float64Array): Float64Array {
  const out = new Float64Array(indices.length);
  for (let q = 0; q < indices.length; q++) out[q] = areaByCode[grid.cells[indices[q]]];
  return out;
}
