// Cutting 2-D slices out of a volume held in the file's own typed array. A slice is a strided view:
// every voxel of a plane is `origin + u·stepFast + v·stepSlow` in the flat array, which covers the
// mask itself and a background stored in another axis order (see VoxelIndexMap).
import { VOLUME_PAGE_BYTES, type Vec3, type Volume, type VoxelArray } from '../core/volume';
import { readSkippingUnwrittenPages } from '../core/volumePages';
import type { ArrayType, PlaneAxes, SliceData } from '../protocol/viewer';

/** Where mask-grid voxel (x0, x1, x2) lives in some flat array: `offset + Σ strides[a]·x_a`. */
export interface VoxelIndexMap {
  readonly offset: number;
  readonly strides: Vec3;
}

/** The map of a volume onto its own grid: i fastest, then j, then k. */
export function ownIndexMap(shape: Vec3): VoxelIndexMap {
  return { offset: 0, strides: [1, shape[0], shape[0] * shape[1]] };
}

/** The typed-array kind of a voxel array, for the receiver to rebuild it from a buffer. */
export function arrayTypeOf(data: VoxelArray): ArrayType {
  if (data instanceof Uint8Array) return 'uint8';
  if (data instanceof Int8Array) return 'int8';
  if (data instanceof Uint16Array) return 'uint16';
  if (data instanceof Int16Array) return 'int16';
  if (data instanceof Uint32Array) return 'uint32';
  if (data instanceof Int32Array) return 'int32';
  if (data instanceof Float32Array) return 'float32';
  return 'float64';
}

/**
 * Copies slice `index` of a plane out of `volume` into a fresh array of the same type (its buffer
 * can then be transferred). `shape` is the mask grid's; `map` says where each mask-grid voxel is in
 * the volume's data. Pages of the data never written (`writtenPages`) are not read: they are zero,
 * and touching them would cost the first touch of memory the volume never needed (a sagittal slice
 * crosses every page of a volume).
 */
export function extractSlice(volume: Pick<Volume, 'data' | 'writtenPages'>, shape: Vec3, map: VoxelIndexMap, axes: PlaneAxes, index: number): SliceData {
  const { data, writtenPages } = volume;
  const width = shape[axes.fastAxis];
  const height = shape[axes.slowAxis];
  if (!Number.isInteger(index) || index < 0 || index >= shape[axes.sliceAxis]) {
    throw new RangeError(`slice ${index} is outside 0..${shape[axes.sliceAxis] - 1}`);
  }
  const origin = map.offset + index * map.strides[axes.sliceAxis];
  const stepFast = map.strides[axes.fastAxis];
  const stepSlow = map.strides[axes.slowAxis];
  const arrayType = arrayTypeOf(data);

  if (stepFast === 1 && stepSlow === width) {
    // A whole contiguous k-slice of a file in its own order: one memcpy (or one per run of pages).
    if (!writtenPages) return { arrayType, width, height, buffer: data.slice(origin, origin + width * height).buffer as ArrayBuffer };
    const out = allocateLike(data, width * height);
    readSkippingUnwrittenPages(data, writtenPages, origin, out);
    return { arrayType, width, height, buffer: out.buffer as ArrayBuffer };
  }
  const out = allocateLike(data, width * height);
  let o = 0;
  if (writtenPages) {
    // Flat indices stay below 2^32 (readers refuse more voxels), so >>> finds the page.
    const shift = Math.log2(VOLUME_PAGE_BYTES / data.BYTES_PER_ELEMENT);
    for (let v = 0; v < height; v++) {
      let p = origin + v * stepSlow;
      for (let u = 0; u < width; u++, p += stepFast, o++) if (writtenPages[p >>> shift] !== 0) out[o] = data[p]!;
    }
  } else {
    for (let v = 0; v < height; v++) {
      let p = origin + v * stepSlow;
      for (let u = 0; u < width; u++, p += stepFast) out[o++] = data[p]!;
    }
  }
  return { arrayType, width, height, buffer: out.buffer as ArrayBuffer };
}

function allocateLike(data: VoxelArray, length: number): VoxelArray {
  const Ctor = data.constructor as new (length: number) => VoxelArray;
  return new Ctor(length);
}
