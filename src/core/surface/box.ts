// Labels as padded 0/1 masks of their bounding box: the dense form that directedDistances (pair.ts)
// takes, which the checks against the peers' own directed distances use. The metrics themselves
// never build such a mask; they collect surface points in one pass (collect.ts).

import type { Vec3, VoxelArray } from '../volume';

/** Inclusive voxel bounds on each array axis; empty when count is 0. */
export interface LabelExtent {
  count: number;
  readonly min: [number, number, number];
  readonly max: [number, number, number];
}

/** What selects a mask's voxels: one label value, or every non-zero value. */
export type MaskSelector = { readonly kind: 'label'; readonly value: number } | { readonly kind: 'foreground' };

function emptyExtent(): LabelExtent {
  return { count: 0, min: [Infinity, Infinity, Infinity], max: [-Infinity, -Infinity, -Infinity] };
}

/**
 * Extents of `labels` (in that order) and of the foreground, found in one pass. Values that are not
 * requested still count toward the foreground.
 */
export function findExtents(
  data: VoxelArray,
  shape: Vec3,
  labels: readonly number[],
): { readonly labels: LabelExtent[]; readonly foreground: LabelExtent } {
  const [nx, ny, nz] = shape;
  const fg = labels.length; // the foreground's slot
  const slotOf = slotLookup(labels);
  const counts = new Float64Array(fg + 1);
  const rowMin = new Int32Array(fg + 1);
  const rowMax = new Int32Array(fg + 1);
  const all = [...labels.map(emptyExtent), emptyExtent()];
  // uint8 masks are mostly background: step over four zero voxels at a time where aligned.
  const words = zeroWords(data);
  for (let k = 0; k < nz; k++) {
    for (let j = 0; j < ny; j++) {
      const row = (k * ny + j) * nx;
      let seen = false;
      for (let i = 0; i < nx; i++) {
        const index = row + i;
        if (words !== null && (index & 3) === 0 && i + 4 <= nx && words[index >> 2] === 0) {
          i += 3;
          continue;
        }
        const v = data[index];
        if (v === 0) continue;
        if (!seen) {
          rowMin.fill(-1);
          seen = true;
        }
        const slot = slotOf(v);
        if (slot >= 0) {
          if (rowMin[slot] < 0) rowMin[slot] = i;
          rowMax[slot] = i;
          counts[slot]++;
        }
        if (rowMin[fg] < 0) rowMin[fg] = i;
        rowMax[fg] = i;
        counts[fg]++;
      }
      if (seen) widen(all, rowMin, rowMax, j, k);
    }
  }
  all.forEach((e, slot) => (e.count = counts[slot]));
  return { labels: all.slice(0, fg), foreground: all[fg] };
}

/** Grows each extent by the part of row (j, k) its label occupies. */
function widen(all: LabelExtent[], rowMin: Int32Array, rowMax: Int32Array, j: number, k: number): void {
  for (let s = 0; s < all.length; s++) {
    if (rowMin[s] < 0) continue;
    const e = all[s];
    if (rowMin[s] < e.min[0]) e.min[0] = rowMin[s];
    if (rowMax[s] > e.max[0]) e.max[0] = rowMax[s];
    if (j < e.min[1]) e.min[1] = j;
    if (j > e.max[1]) e.max[1] = j;
    if (k < e.min[2]) e.min[2] = k;
    e.max[2] = k;
  }
}

/** Value -> slot of the requested label, or -1; a table for the usual small integer labels. */
function slotLookup(labels: readonly number[]): (value: number) => number {
  const small = new Int32Array(65536).fill(-1);
  const other = new Map<number, number>();
  labels.forEach((label, slot) => {
    if (Number.isInteger(label) && label >= 0 && label < 65536) small[label] = slot;
    else other.set(label, slot);
  });
  return (value) => {
    if (value >= 0 && value < 65536 && Number.isInteger(value)) return small[value];
    return other.get(value) ?? -1;
  };
}

/** The smallest box holding both extents; null when both are empty. */
export function unionExtent(a: LabelExtent, b: LabelExtent): LabelExtent | null {
  if (a.count === 0 && b.count === 0) return null;
  return {
    count: a.count + b.count,
    min: [Math.min(a.min[0], b.min[0]), Math.min(a.min[1], b.min[1]), Math.min(a.min[2], b.min[2])],
    max: [Math.max(a.max[0], b.max[0]), Math.max(a.max[1], b.max[1]), Math.max(a.max[2], b.max[2])],
  };
}

/**
 * The selected voxels inside `box`, as 0/1 in a grid padded with one background voxel on every side
 * (dims = box size + 2 per axis). The padding is the array-edge convention: outside the array is
 * background, as scipy's binary_erosion(border_value=0) and the surface-distance corner grid assume.
 */
export function extractPaddedMask(data: VoxelArray, shape: Vec3, box: LabelExtent, select: MaskSelector): { mask: Uint8Array; dims: Vec3 } {
  const [nx, ny] = shape;
  const bx = box.max[0] - box.min[0] + 1;
  const by = box.max[1] - box.min[1] + 1;
  const bz = box.max[2] - box.min[2] + 1;
  const dims: Vec3 = [bx + 2, by + 2, bz + 2];
  const mask = new Uint8Array(dims[0] * dims[1] * dims[2]); // zeroed: only the hits are written
  const words = zeroWords(data);
  const fg = select.kind === 'foreground';
  const value = fg ? 0 : select.value;
  for (let z = 0; z < bz; z++) {
    for (let y = 0; y < by; y++) {
      const src = ((box.min[2] + z) * ny + box.min[1] + y) * nx + box.min[0];
      const dst = ((z + 1) * dims[1] + y + 1) * dims[0] + 1;
      for (let x = 0; x < bx; x++) {
        const at = src + x;
        if (words !== null && (at & 3) === 0 && x + 4 <= bx && words[at >> 2] === 0) {
          x += 3;
          continue;
        }
        const v = data[at];
        if (fg ? v !== 0 : v === value) mask[dst + x] = 1;
      }
    }
  }
  return { mask, dims };
}

/** A uint8 volume seen four voxels at a time, to step over background quickly; null otherwise. */
function zeroWords(data: VoxelArray): Uint32Array | null {
  return data instanceof Uint8Array && data.byteOffset % 4 === 0 ? new Uint32Array(data.buffer, data.byteOffset, data.length >> 2) : null;
}

/** The two array axes spanning a slice taken along `axis`, in increasing order. */
export function planeAxes(axis: 0 | 1 | 2): readonly [0 | 1 | 2, 0 | 1 | 2] {
  return axis === 0 ? [1, 2] : axis === 1 ? [0, 2] : [0, 1];
}
