// The comparison result is one plain JSON-able object: the CLI prints it for --json, the worker
// posts it to the extension host, and the README documents it as the schema. Keep it serialisable
// (no Maps, no typed arrays, no undefined-vs-null ambiguity: "not defined" is always null).
import type { Plane } from '../geometry/display';
import type { DataType, Geometry, Vec3, VoxelArray } from '../volume';

export type { Plane };

export interface CompareOptions {
  /**
   * Which anatomical plane the per-slice values are taken in. Default 'auto': the reference's
   * acquisition plane (core/geometry/acquisitionPlane: axial unless the voxels are clearly thicker
   * along another axis). The result's `plane` is always the plane used.
   */
  readonly plane?: Plane | 'auto';
  /** Slices with Dice below this are flagged (when their error reaches minErrorMm2). Default 0.8. */
  readonly threshold?: number;
  /**
   * Noise floor: a slice is flagged only when its error area (FP + FN, mm² in the slice plane) is at
   * least this. Default 10; 0 flags every slice below the threshold.
   */
  readonly minErrorMm2?: number;
  /** Probability maps: a voxel is foreground when value >= this. Default 0.5; must be in (0, 1]. */
  readonly probThreshold?: number;
  /** Smoothing term s in (2TP + s) / (2TP + FP + FN + s). Default 0. */
  readonly smooth?: number;
  /** Compare voxel by voxel even when the two affines describe different grids. */
  readonly ignoreGeometry?: boolean;
}

export interface RunControl {
  /** Called with the fraction of the reference volume processed so far, in [0, 1]. */
  readonly onProgress?: (fraction: number) => void;
  readonly signal?: AbortSignal;
  /**
   * Sees every slab of both volumes once, in ascending k and in the reference's voxel order, after
   * it is counted: another measurement (surface distances) rides on the same read.
   */
  readonly onSlices?: (kStart: number, kCount: number, ref: VoxelArray, pred: VoxelArray) => void;
  /**
   * When the plane's slices lie along the array's k axis (the order files are stored and read in),
   * each piece counted completes whole slices: called after each piece with how many slices, from
   * 0, are counted in full, and a reader of the foreground's metrics of finished slices [from, to).
   * The editor's strip fills in from it while the files are read. Never called when the plane cuts
   * across k: no slice is complete before the read ends.
   */
  readonly onSlicesFinished?: (finished: number, foreground: (from: number, to: number) => SliceMetrics[]) => void;
}

export interface VolumeDescription {
  readonly path: string;
  readonly shape: Vec3;
  /** Voxel size in mm; null when the file has no usable geometry. */
  readonly spacing: Vec3 | null;
  /** Axis codes of the file's array axes, e.g. "RAS" or "LPS"; "voxel grid" when it has no usable geometry. */
  readonly orientation: string;
  /** Which transform gave the geometry (NIfTI-1 rules: a usable sform, else qform, else pixdim; 'voxel' = none usable). */
  readonly geometry: Geometry['affineSource'];
  readonly dataType: DataType;
  /** 'probability' when a float volume held values in [0, 1] that were not all 0 or 1. */
  readonly kind: 'labels' | 'probability';
  /** Segmentations whose segments overlap: how many layers hold them (every segment was compared). */
  readonly segmentLayers?: number;
  /** 4-D files only: which volume was compared (0-based) and how many the file holds. */
  readonly volume?: { readonly index: number; readonly of: number };
}

export interface SliceMetrics {
  /** 0-based voxel index along the slice axis of the reference file. */
  readonly index: number;
  readonly tp: number;
  readonly fp: number;
  readonly fn: number;
  /** null when neither mask has a voxel of this label in the slice. */
  readonly dice: number | null;
}

export interface OverlapMetrics {
  readonly tp: number;
  readonly fp: number;
  readonly fn: number;
  /** Volume Dice: computed from the counts of the whole volume. null when both masks are empty. */
  readonly dice: number | null;
  readonly iou: number | null;
  readonly refVoxels: number;
  readonly predVoxels: number;
  /** Millilitres; null when that file has no usable geometry (see ComparisonResult.warnings). */
  readonly refMl: number | null;
  readonly predMl: number | null;
  /** Mean of the per-slice Dice over slices where it is defined; null when no slice is. */
  readonly meanSliceDice: number | null;
  /** One entry per slice along the slice axis, in index order. */
  readonly slices: readonly SliceMetrics[];
}

export interface LabelMetrics extends OverlapMetrics {
  readonly label: number;
  /**
   * The label's colour when a file gives one, "#rrggbb" ("#rrggbbaa" when not opaque): PNG masks
   * (RGB/RGBA masks are matched by colour, the prediction renumbered to the reference's numbers;
   * palette masks by index) and Slicer .seg.nrrd segments.
   */
  readonly colour?: string;
  /** The name a file itself gives the label (a Slicer segment name); a label file's name wins over it. */
  readonly name?: string;
}

export interface FlaggedSlice {
  /** null = the foreground (any non-zero value). */
  readonly label: number | null;
  readonly index: number;
  readonly dice: number;
  /** FP + FN of the slice in mm² (voxel count × the slice plane's voxel area). */
  readonly errorMm2: number;
  /** errorMm2 × (1 − dice): what the problems are ranked by (see severity.ts). */
  readonly severity: number;
}

/** 'unchecked': a file has no usable geometry, so equal shapes were compared voxel by voxel. */
export type GeometryAlignment = 'identical' | 'reoriented' | 'ignored' | 'unchecked';

export interface ComparisonResult {
  readonly reference: VolumeDescription;
  readonly prediction: VolumeDescription;
  readonly plane: Plane;
  /** The array axis of the reference file the slices are taken along: 0 = i, 1 = j, 2 = k. */
  readonly axis: 0 | 1 | 2;
  readonly threshold: number;
  /** The noise floor used: slices with less error (mm²) are never flagged. */
  readonly minErrorMm2: number;
  /** Area in mm² of one voxel face in the slice plane (the error area of a one-voxel difference). */
  readonly sliceVoxelAreaMm2: number;
  readonly probThreshold: number;
  readonly smooth: number;
  readonly foreground: OverlapMetrics;
  /** Every non-zero label present in either mask, ascending. */
  readonly labels: readonly LabelMetrics[];
  /** Mean of the volume Dice over labels whose Dice is defined; null when none is. */
  readonly meanDice: number | null;
  /**
   * Slices with Dice below `threshold` and error area at least `minErrorMm2`, by severity
   * descending (ties: Dice ascending, foreground, then labels ascending, then index).
   */
  readonly flagged: readonly FlaggedSlice[];
  /** Present only when the prediction is a probability map. */
  readonly softDice?: number | null;
  readonly softDiceSquared?: number | null;
  readonly geometry: {
    readonly alignment: GeometryAlignment;
    readonly note: string;
    /** Which transform each file's geometry came from (see VolumeDescription.geometry). */
    readonly reference: Geometry['affineSource'];
    readonly prediction: Geometry['affineSource'];
  };
  /**
   * One sentence per thing that could not be measured or was measured on a fallback, each naming
   * the field (e.g. a NaN sform): the numbers it concerns are null, never NaN. Empty when none.
   */
  readonly warnings: readonly string[];
  readonly conventions: {
    readonly emptyMasks: string;
    readonly smoothing: string;
    readonly plane: string;
    readonly probabilityMaps: string;
    readonly means: string;
    readonly ranking: string;
    /** Present when a file's segments overlap (stored in layers): how its segments were compared. */
    readonly overlappingSegments?: string;
  };
}
