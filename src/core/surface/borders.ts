// The two kinds of surface points, both found on a padded 0/1 mask grid (see box.ts):
// - border voxels: mask voxels with a face neighbour outside the mask, i.e. mask XOR its erosion by
//   the face-connected element (6 neighbours in 3-D, 4 in 2-D). Used for HD, HD95 and ASSD.
// - border corners: voxel-grid corners whose 2×2×2 (2×2) neighbourhood is partly inside, each
//   weighted by its surfel area (contour length). Used for NSD.

import type { Vec3 } from '../volume';
import type { FeatureGrid } from './edt';

/** Cell value that marks a border voxel after markVoxelBorders (inside voxels stay 1). */
const BORDER_VOXEL = 2;

const VOXEL_BORDER_FEATURE = new Uint8Array(256);
VOXEL_BORDER_FEATURE[BORDER_VOXEL] = 1;

/** Surface points as a grid (for distance transforms) and their indices, increasing. */
export interface SurfacePoints {
  readonly grid: FeatureGrid;
  readonly at: Uint32Array;
}

/** A growable list of cell indices. */
class IndexList {
  private items = new Uint32Array(1024);
  length = 0;

  push(index: number): void {
    if (this.length === this.items.length) {
      const grown = new Uint32Array(this.items.length * 2);
      grown.set(this.items);
      this.items = grown;
    }
    this.items[this.length++] = index;
  }

  toArray(): Uint32Array {
    return this.items.slice(0, this.length);
  }
}

/**
 * Marks border voxels of a padded 0/1 mask in place (value BORDER_VOXEL). `planar` grids have
 * dims[2] === 1 and use 4 neighbours.
 */
export function markVoxelBorders(mask: Uint8Array, dims: Vec3, planar: boolean): SurfacePoints {
  const [nx, ny, nz] = dims;
  const plane = nx * ny;
  const kFrom = planar ? 0 : 1;
  const kTo = planar ? 1 : nz - 1;
  const at = new IndexList();
  // Most of a box is background: step over four zero cells at a time (the mask starts a buffer).
  const words = mask.byteOffset % 4 === 0 ? new Uint32Array(mask.buffer, mask.byteOffset, mask.length >> 2) : null;
  for (let k = kFrom; k < kTo; k++) {
    for (let j = 1; j < ny - 1; j++) {
      const row = k * plane + j * nx;
      const rowEnd = row + nx - 1;
      for (let c = row + 1; c < rowEnd; c++) {
        if (words !== null && (c & 3) === 0 && c + 4 <= rowEnd && words[c >> 2] === 0) {
          c += 3;
          continue;
        }
        if (mask[c] === 0) continue;
        const open =
          mask[c - 1] === 0 ||
          mask[c + 1] === 0 ||
          mask[c - nx] === 0 ||
          mask[c + nx] === 0 ||
          (!planar && (mask[c - plane] === 0 || mask[c + plane] === 0));
        if (open) {
          mask[c] = BORDER_VOXEL;
          at.push(c);
        }
      }
    }
  }
  return { grid: { cells: mask, isFeature: VOXEL_BORDER_FEATURE }, at: at.toArray() };
}

const CORNER_FEATURE = new Uint8Array(256).fill(1);
CORNER_FEATURE[0] = 0;

/**
 * The border corners of a mask whose border voxels are known, with their neighbour codes.
 *
 * Corner p sits between voxels p−1 and p on every axis, and its code sets bit
 * 7 − (4·d0 + 2·d1 + d2) for each inside voxel p − 1 + d (2-D: bit 3 − (2·d0 + d1)), the layout of
 * the surfel table. A corner is a border corner when its cell is partly inside; such a cell always
 * holds a face-adjacent inside/outside pair, so every border corner is a corner of a border voxel,
 * and only those are visited instead of the whole box. `cells` is a zeroed grid of the mask's
 * dims; it receives the code of each border corner (never 0 or full) and stays 0 elsewhere.
 */
export function borderCorners(mask: Uint8Array, borderAt: Uint32Array, dims: Vec3, planar: boolean, cells: Uint8Array): SurfacePoints {
  const nx = dims[0];
  const plane = nx * dims[1];
  const full = planar ? 0b1111 : 0b11111111;
  const dkMax = planar ? 0 : 1;
  const at = new IndexList();
  for (let b = 0; b < borderAt.length; b++) {
    const v = borderAt[b];
    for (let dk = 0; dk <= dkMax; dk++) {
      for (let dj = 0; dj <= 1; dj++) {
        for (let di = 0; di <= 1; di++) {
          const p = v + di + dj * nx + dk * plane;
          if (cells[p] !== 0) continue; // already found from a neighbouring border voxel
          const code = planar ? code2d(mask, p, nx) : code3d(mask, p, nx, plane);
          if (code !== 0 && code !== full) {
            cells[p] = code;
            at.push(p);
          }
        }
      }
    }
  }
  return { grid: { cells, isFeature: CORNER_FEATURE }, at: at.toArray().sort() };
}

function code3d(mask: Uint8Array, p: number, nx: number, plane: number): number {
  const c = p - 1 - nx - plane; // the voxel at offset d = (0, 0, 0)
  return (
    (mask[c] !== 0 ? 128 : 0) |
    (mask[c + plane] !== 0 ? 64 : 0) |
    (mask[c + nx] !== 0 ? 32 : 0) |
    (mask[c + nx + plane] !== 0 ? 16 : 0) |
    (mask[c + 1] !== 0 ? 8 : 0) |
    (mask[c + 1 + plane] !== 0 ? 4 : 0) |
    (mask[c + 1 + nx] !== 0 ? 2 : 0) |
    (mask[c + 1 + nx + plane] !== 0 ? 1 : 0)
  );
}

function code2d(mask: Uint8Array, p: number, nx: number): number {
  const c = p - 1 - nx;
  return (mask[c] !== 0 ? 8 : 0) | (mask[c + nx] !== 0 ? 4 : 0) | (mask[c + 1] !== 0 ? 2 : 0) | (mask[c + 1 + nx] !== 0 ? 1 : 0);
}

/** Surfel area (contour length) of each border corner, in index order. */
export function areasAt(corners: SurfacePoints, areaByCode: Float64Array): Float64Array {
  const out = new Float64Array(corners.at.length);
  for (let q = 0; q < corners.at.length; q++) out[q] = areaByCode[corners.grid.cells[corners.at[q]]];
  return out;
}
