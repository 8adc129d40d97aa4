// Slices of a pair while its files are still being read. The panes show as soon as both headers
// are read, and a slice of the plane that lies along k (the order files are stored in) can be cut
// once both files have been read past it; a slice of a plane that cuts across k needs every k and
// waits for the read to end. The arrays being filled hold zeros where nothing was read yet, so a
// slice is cut only when every voxel it takes has arrived: unread voxels never show as background.
import type { Vec3 } from '../core/volume';
import type { SliceData } from '../protocol/viewer';
import type { Plane, PlaneAxes } from '../protocol/viewer';
import type { FillingSource } from './fillingSource';
import { extractSlice, ownIndexMap, type VoxelIndexMap } from './slice';

/** Both files of an open, as far as they have been read. */
export interface ReadingPair {
  readonly reference: FillingSource;
  readonly prediction: FillingSource;
  /** The reference's grid: every slice is cut on it. */
  readonly shape: Vec3;
  /** The prediction's own shape (its array may store the same grid in another axis order). */
  readonly predictionShape: Vec3;
  /** Where each reference-grid voxel is in the prediction's array. */
  readonly predictionMap: VoxelIndexMap;
  readonly planes: Readonly<Record<Plane, PlaneAxes>>;
  /**
   * False when the prediction's voxels are renumbered once read (colour labels numbered per
   * file): its raw values would show the wrong colours, so its slices wait for the read to end.
   */
  readonly sliceEarly: boolean;
}

/**
 * Both masks' slice `index` of `plane` when every voxel it takes has been read, else undefined
 * (not read that far yet, or a plane across k, which needs the whole read).
 */
export function readySlice(pair: ReadingPair, plane: Plane, index: number): { reference: SliceData; prediction: SliceData } | undefined {
  const axes = pair.planes[plane];
  if (!pair.sliceEarly || axes.sliceAxis !== 2) return undefined;
  if (!Number.isInteger(index) || index < 0 || index >= pair.shape[2]) return undefined;
  const ref = pair.reference.filled();
  const pred = pair.prediction.filled();
  if (!ref || !pred || ref.slices <= index) return undefined;
  const [pi, pj] = pair.predictionShape;
  if (pred.slices * pi * pj <= lastIndexOfSlice(pair.predictionMap, pair.shape, index)) return undefined;
  return {
    reference: extractSlice(ref, pair.shape, ownIndexMap(pair.shape), axes, index),
    prediction: extractSlice(pred, pair.shape, pair.predictionMap, axes, index),
  };
}

/** The highest flat index in `map`'s array that reference k-slice `k` takes (the map is linear: a corner). */
function lastIndexOfSlice(map: VoxelIndexMap, shape: Vec3, k: number): number {
  const [si, sj, sk] = map.strides;
  return map.offset + Math.max(0, si * (shape[0] - 1)) + Math.max(0, sj * (shape[1] - 1)) + sk * k;
}
