// The contract every reader fulfils. Readers check sizes before allocating and throw InputError
// with one sentence naming the file for anything a person can fix.
import type { Slab, Volume, VolumeHeader } from '../volume';

export interface ReadOptions {
  /** 4-D files: which volume to read (0-based). Default 0. */
  readonly volumeIndex?: number;
  /** Refuse files with more voxels than this (checked from the header, before allocating). */
  readonly maxVoxels?: number;
  /** Streaming: roughly how many bytes of voxels each slab holds (whole slices, at least one). */
  readonly slabBytes?: number;
}

export interface VolumeSource {
  readonly header: VolumeHeader;
  /**
   * Streams the chosen volume as whole k-slabs in ascending k; memory stays about one slab.
   * Each slab's array is only valid until the next one is produced.
   */
  slabs(): AsyncIterable<Slab>;
  /** Reads the chosen volume into one typed array of the file's own type. */
  readAll(): Promise<Volume>;
  /**
   * Segmentations whose segments overlap, stored as layers (Slicer .seg.nrrd, DICOM SEG), opened
   * without a volume index: every layer, so each segment can be its own label (segmentLayers.ts).
   * The source itself still reads layer 0, as an explicit volume index would.
   */
  readonly segmentLayers?: SegmentLayerAccess;
}

export interface SegmentLayerAccess {
  readonly count: number;
  /** Layer `index` (0-based) as its own source: voxel values are the segments' label values in it. */
  open(index: number): Promise<VolumeSource>;
}
