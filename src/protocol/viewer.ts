// Messages between the extension host and the viewer webview, plus the data shapes they carry.
// The webview never receives a whole volume: it asks for 2-D slices on demand and gets them as
// ArrayBuffers (VS Code transfers those without JSON-encoding them).
import type { VolumeFormat } from '../core/formats/formatTable';
import type { Affine, DataType, Geometry, Vec3 } from '../core/volume';
import type { LabelNamesInfo } from '../core/labels/namesSource';

export type { LabelNamesInfo };

// Defined once, in the pure core that maps planes onto voxels; the messages name the same planes.
export { PLANES, type DisplayConvention, type Plane } from '../core/geometry/display';
import type { DisplayConvention, Plane } from '../core/geometry/display';

/**
 * A detached data file a header names (NRRD .nhdr, MetaImage .mhd), read by the host and sent with
 * the header's bytes (transferred); `name` as the header writes it.
 */
export interface DetachedFile {
  readonly name: string;
  readonly bytes: ArrayBuffer;
}

/** An array axis of the volume: 0 = i, 1 = j, 2 = k. */
export type Axis = 0 | 1 | 2;

/** The typed-array kinds a slice buffer can hold (64-bit integer files arrive as float64). */
export type ArrayType = Exclude<DataType, 'uint64' | 'int64'>;

/**
 * Which array axes make up a plane. `sliceAxis` is the axis the slice index moves along (from the
 * core's planeAxis); a slice buffer is laid out with `fastAxis` varying fastest, then `slowAxis`
 * (the two remaining axes in ascending order). Screen direction comes from `orientation` and the
 * display convention, which the webview applies.
 */
export interface PlaneAxes {
  readonly sliceAxis: Axis;
  readonly fastAxis: Axis;
  readonly slowAxis: Axis;
}

export type Rgba = readonly [number, number, number, number];

export interface LabelInfo {
  /** The voxel value (after scaling) that this label is. Never 0: 0 is the transparent background. */
  readonly value: number;
  readonly voxelCount: number;
  /** From a label file or settings, else the name the file itself gives (a Slicer segment, DICOM SEG's SegmentLabel); absent when nothing names it. */
  readonly name?: string;
  /** A colour the data itself chose (RGB PNG colours, Slicer segment colours, ITK-SNAP label file), used by the 'auto' palette. */
  readonly colour?: Rgba;
}

/** What the webview needs to draw a mask and read it out; sent once per load. */
export interface VolumeInfo {
  /** File name for titles and messages (not a path: the webview needs nothing more). */
  readonly fileName: string;
  readonly format: VolumeFormat;
  readonly dataType: DataType;
  readonly shape: Vec3;
  readonly spacing: Vec3;
  /** Row-major voxel -> world (RAS+ mm) matrix. */
  readonly affine: Affine;
  /** 'voxel': the file has no usable geometry; it is drawn on its voxel grid, with a banner saying so. */
  readonly affineSource: Geometry['affineSource'];
  /** Which declared transform was not usable and what was used instead (a sentence for the banner). */
  readonly geometryWarning?: string;
  /** One letter per array axis, the direction it increases toward, e.g. "RAS", "LPS". */
  readonly orientation: string;
  readonly planes: Readonly<Record<Plane, PlaneAxes>>;
  /** Non-zero values present in the mask, ascending, with counts. */
  readonly labels: readonly LabelInfo[];
  /** True when the mask had more distinct values than we list (e.g. a probability map, not labels). */
  readonly labelsTruncated: boolean;
  /** 4-D files: how many volumes the file holds and which one is shown (0-based). */
  readonly volumes: number;
  readonly volumeIndex: number;
  /**
   * A segmentation whose segments overlap: how many layers hold them. Every segment is a label
   * (counts are each segment's own); where segments overlap the smaller one is drawn.
   */
  readonly segmentLayers?: number;
}

/** A background (intensity) image paired with the mask; its slices arrive on the mask's grid. */
export interface BackgroundInfo {
  readonly fileName: string;
  readonly dataType: DataType;
  /** Minimum and maximum intensity over the whole volume. */
  readonly range: readonly [number, number];
  /** Default window: the 1st to 99th percentile of intensities, computed in the worker. */
  readonly autoWindow: { readonly low: number; readonly high: number };
  /** 'reoriented': same voxels in another axis order/direction, resampled by index mapping. */
  readonly alignment: 'identical' | 'reoriented';
}

/** One 2-D slice: `width` = shape[fastAxis] values per row, `height` = shape[slowAxis] rows. */
export interface SliceData {
  readonly arrayType: ArrayType;
  readonly width: number;
  readonly height: number;
  /** Exactly width × height elements of `arrayType`. */
  readonly buffer: ArrayBuffer;
}

export type OutlineMode = 'filled' | 'outline';
/** 'auto': colours the file or label file define when present, else the colour-blind-aware palette. */
export type Palette = 'auto' | 'colorblind';

export interface ViewerSettings {
  readonly displayConvention: DisplayConvention;
  /** 0..1 */
  readonly overlayOpacity: number;
  readonly outlineMode: OutlineMode;
  readonly palette: Palette;
}

// ---------------------------------------------------------------------------------------------
// Host -> webview

export type HostToWebview =
  /** Loading (or reloading) the mask; `fraction` is null while the size of the work is unknown. */
  | { readonly type: 'loading'; readonly fileName: string; readonly message: string; readonly fraction: number | null }
  /** The mask could not be shown; the webview replaces its view with this sentence. */
  | { readonly type: 'error'; readonly message: string }
  /** `labelNames`: where the labels' names came from, and a warning when they do not fit the mask. */
  | { readonly type: 'volume'; readonly info: VolumeInfo; readonly labelNames: LabelNamesInfo }
  | { readonly type: 'settings'; readonly settings: ViewerSettings }
  /** null: no background (cleared, or never set). */
  | { readonly type: 'background'; readonly background: BackgroundInfo | null }
  /** The background could not be paired: there is none now; the mask stays displayed with this notice. */
  | { readonly type: 'backgroundError'; readonly message: string }
  /** A reply to `requestSlice`. `background` is present when a background is set. */
  | {
      readonly type: 'slice';
      readonly requestId: number;
      readonly plane: Plane;
      readonly index: number;
      readonly mask: SliceData;
      readonly background?: SliceData;
    }
  | { readonly type: 'sliceError'; readonly requestId: number; readonly message: string }
  /** Show this plane and slice (tests now; Problems-panel navigation in the comparison editor later). */
  | { readonly type: 'reveal'; readonly plane: Plane; readonly index: number }
  /**
   * Test hook: show `plane` at `index`, draw, then report the colour drawn at each voxel's screen
   * position (answer: `probeResult`).
   */
  | {
      readonly type: 'probe';
      readonly requestId: number;
      readonly plane: Plane;
      readonly index: number;
      readonly voxels: readonly Vec3[];
    };

// ---------------------------------------------------------------------------------------------
// Webview -> host

export interface RenderedView {
  readonly plane: Plane;
  readonly index: number;
}

export interface ProbeSample {
  readonly voxel: Vec3;
  /** The canvas colour at the voxel's centre; null when the voxel is off screen or not in this slice. */
  readonly rgba: Rgba | null;
}

export type WebviewToHost =
  /** The script started (first open, or re-created after the tab was hidden): send everything. */
  | { readonly type: 'ready' }
  /**
   * Answered by `slice` or `sliceError` with the same requestId, in order. While scrolling, keep at
   * most one request in flight per view and ask for the newest index when it answers.
   */
  | { readonly type: 'requestSlice'; readonly requestId: number; readonly plane: Plane; readonly index: number }
  /** Sent after every change of what is on screen; the host keeps the last one (tests read it). */
  | {
      readonly type: 'rendered';
      readonly view: 'loading' | 'volume' | 'error';
      /** The error sentence shown, when view is 'error'. */
      readonly message?: string;
      readonly views: readonly RenderedView[];
      /** Milliseconds the slowest visible pane took to redraw (render, upload, scale): for benchmarks. */
      readonly drawMs?: number;
    }
  | {
      readonly type: 'probeResult';
      readonly requestId: number;
      readonly plane: Plane;
      readonly index: number;
      readonly samples: readonly ProbeSample[];
    }
  /** Buttons in the webview that run host commands. */
  | { readonly type: 'pickBackground' }
  | { readonly type: 'clearBackground' }
  /** The error view's Reopen: start a new worker and read the file again. */
  | { readonly type: 'reopen' }
  /** An unexpected error in the webview script, for the host's log. */
  | { readonly type: 'webviewError'; readonly message: string };
