// The in-memory and streaming shapes of a mask or image volume. Everything in src/core is pure:
// it never imports `vscode`, so the CLI, the worker and the tests share one implementation.
import type { VolumeFormat } from './formats/formatTable';

/** Voxel storage, kept in the file's own type: a uint8 mask stays a Uint8Array. */
export type VoxelArray =
  | Uint8Array
  | Int8Array
  | Uint16Array
  | Int16Array
  | Uint32Array
  | Int32Array
  | Float32Array
  | Float64Array;

/** Datatypes we read. 64-bit integers are read into Float64Array after checking |v| <= 2^53. */
export type DataType =
  | 'uint8'
  | 'int8'
  | 'uint16'
  | 'int16'
  | 'uint32'
  | 'int32'
  | 'uint64'
  | 'int64'
  | 'float32'
  | 'float64';

/** 4×4 voxel-to-world matrix, row-major, world = NIfTI's RAS+ millimetres. */
export type Affine = readonly [
  number, number, number, number,
  number, number, number, number,
  number, number, number, number,
  number, number, number, number,
];

export type Vec3 = readonly [number, number, number];

export interface Geometry {
  /** Voxel counts along the file's array axes i, j, k (i varies fastest in `data`). */
  readonly shape: Vec3;
  /** Voxel size in mm along i, j, k (the column norms of the affine). */
  readonly spacing: Vec3;
  readonly affine: Affine;
  /**
   * Where the affine came from: NIfTI sform, qform, pixdim only, a PNG (identity-like), the
   * geometry fields of an NRRD or MetaImage header (directions, spacing, origin), a DICOM object's
   * plane positions, orientation and pixel spacing, or 'voxel': the file has no usable geometry, the
   * affine is the identity and means nothing in millimetres (see geometryWarning); only voxel
   * metrics are given for it.
   */
  readonly affineSource: 'sform' | 'qform' | 'pixdim' | 'png' | 'header' | 'dicom' | 'voxel';
  /** Which declared transform was not usable and what was used instead (one sentence). */
  readonly geometryWarning?: string;
  /** Axis codes, one letter per array axis, the direction each axis increases toward: e.g. "RAS", "LPS". */
  readonly orientation: string;
}

export interface VolumeHeader {
  /** The path or URI string the volume was read from, for messages. */
  readonly source: string;
  /** Which reader produced it (the format table's headerFormats). */
  readonly format: VolumeFormat;
  readonly dataType: DataType;
  readonly geometry: Geometry;
  /** Applied by readers: stored value × slope + inter. Identity when the file sets none. */
  readonly scaling: { readonly slope: number; readonly inter: number };
  /** 4-D files: how many volumes the file holds and which one was read (0-based). */
  readonly volumes: number;
  readonly volumeIndex: number;
  /** RGB/RGBA PNG masks: each distinct colour became a label; this says which colour is which label. */
  readonly labelColours?: ReadonlyMap<number, readonly [number, number, number, number]>;
  /**
   * Label names the file itself gives (Slicer .seg.nrrd segments of the layer read, DICOM SEG's
   * SegmentLabel); label files and settings override them.
   */
  readonly labelNames?: ReadonlyMap<number, string>;
  /** Every segment a segmentation file lists, in every layer (Slicer .seg.nrrd, DICOM SEG). */
  readonly segments?: readonly SegmentInfo[];
  /**
   * A volume that shows every segment of a segmentation with overlapping segments (segmentLayers.ts):
   * how many layers the file stores them in. Its voxels show the last layer's segment where segments
   * overlap; the metrics count each segment in full.
   */
  readonly segmentLayers?: number;
  /** Things about the file a person should know that do not stop it from being read. */
  readonly notes?: readonly string[];
  /**
   * True when labels were numbered by colour in order of first appearance (RGB/RGBA PNG): the same
   * number can be another colour in another file, so comparisons match such labels by colour.
   */
  readonly labelsByColour?: boolean;
}

/** One segment of a segmentation file: its name and colour, and where its voxels are. */
export interface SegmentInfo {
  /** N of the file's SegmentN_ keys (NRRD); the Segment Number (DICOM SEG). */
  readonly index: number;
  readonly name: string;
  /** The voxel value of the segment within its layer. */
  readonly labelValue: number;
  /** Which layer (volume of the list axis) holds it. */
  readonly layer: number;
  readonly colour?: readonly [number, number, number, number];
}

/** A whole volume in memory. */
export interface Volume {
  readonly header: VolumeHeader;
  /** Voxel values after scaling, i fastest, then j, then k. Length = shape product. */
  readonly data: VoxelArray;
  /**
   * For data filled into fresh (zeroed) memory: one byte per VOLUME_PAGE_BYTES of data's bytes,
   * non-zero where that page was written; a page never written holds only zeros. Readers that
   * walk the whole volume skip the others, because touching a page of fresh memory, even to read
   * it, costs far more than the read (see core/volumePages). Absent: any page may hold values.
   */
  readonly writtenPages?: Uint8Array;
}

/** The unit writtenPages counts in: the usual memory page. */
export const VOLUME_PAGE_BYTES = 4096;

/**
 * A run of whole k-slices [kStart, kStart + kCount) handed out while a file streams, so a consumer
 * can compute on a volume without holding it. `data` may be reused by the producer after the
 * consumer's callback returns: copy what you keep.
 */
export interface Slab {
  readonly kStart: number;
  readonly kCount: number;
  readonly data: VoxelArray;
}

/** Whether a geometry's affine means millimetres (it does unless the file had no usable transform). */
export function hasWorldGeometry(g: Pick<Geometry, 'affineSource'>): boolean {
  return g.affineSource !== 'voxel';
}

export function voxelCount(shape: Vec3): number {
  return shape[0] * shape[1] * shape[2];
}
