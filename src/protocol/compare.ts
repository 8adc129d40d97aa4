// Messages of the comparison editor (issue 4): host <-> comparison webview, and host <-> compare
// worker. One worker per comparison panel holds both masks (and the reference's background); the
// metrics are computed there and arrive as one structured-cloned ComparisonResult (never
// JSON.stringified on the host's thread). Slices of both masks come on the REFERENCE grid (the
// prediction resampled by index mapping when it stores the same grid in another axis order), so
// both panes share one geometry: the reference's VolumeInfo.
//
// The TP/FP/FN overlay is classified in the webview from the two mask slices it already holds for
// the side-by-side panes: switching the label or the mode then needs no round trip, and a 512×512
// slice classifies in well under a millisecond, so the worker would save nothing.
import type { ComparisonResult, GeometryAlignment, SliceMetrics } from '../core/metrics/types';
import type { SurfaceComparisonResult } from '../core/surface/comparison';
import type { BackgroundInfo, DisplayConvention, LabelNamesInfo, OutlineMode, Plane, ProbeSample, Rgba, SliceData, VolumeInfo } from './viewer';
import type { Vec3, Volume } from '../core/volume';
import type { VolumeFile } from './volumeFile';

export type { ComparisonResult, SurfaceComparisonResult };

/** Which mask a pane or a file plays in the comparison. */
export type CompareRole = 'reference' | 'prediction';

/** null = the foreground (any non-zero value); otherwise a label value. Same convention as FlaggedSlice. */
export type LabelChoice = number | null;

export type CompareMode = 'sideBySide' | 'overlay';

/** A label of either mask, with what names and colours it (host: label files and settings). */
export interface CompareLabel {
  readonly value: number;
  readonly name?: string;
  readonly colour?: Rgba;
}

export interface OverlayColours {
  /** Both masks have the chosen label. */
  readonly tp: Rgba;
  /** Only the prediction has it. */
  readonly fp: Rgba;
  /** Only the reference has it. */
  readonly fn: Rgba;
}

export interface CompareSettings {
  readonly displayConvention: DisplayConvention;
  /** 0..1, for label colours and the TP/FP/FN overlay over the background. */
  readonly overlayOpacity: number;
  readonly outlineMode: OutlineMode;
  readonly overlayColours: OverlayColours;
  /** maskInspector.lowDiceThreshold: the strip draws a line here; slices below are flagged. */
  readonly threshold: number;
  /** maskInspector.flagHd95AboveMm: a slice whose 2-D HD95 is above this (mm) is flagged; null = off. */
  readonly hd95LimitMm: number | null;
  /**
   * Go to Worst / Next / Previous stay on the shown label (the toolbar's toggle, initially
   * maskInspector.navigateSelectedLabelOnly); false: they walk every label's problems.
   */
  readonly navigateSelectedLabelOnly: boolean;
}

/**
 * Where the boundary metrics (HD, HD95, ASSD, NSD; maskInspector.surfaceMetrics) of a comparison
 * stand. They are computed after the Dice metrics, which show first; when done, the `metrics`
 * message carries a SurfaceComparisonResult (the Dice result with hd/hd95/assd/nsd added to every
 * label, the foreground and each slice).
 */
export type SurfaceStatus =
  | { readonly kind: 'off' }
  | { readonly kind: 'computing'; readonly fraction: number | null }
  | { readonly kind: 'failed'; readonly message: string }
  | { readonly kind: 'ready'; readonly toleranceMm: number };

/** The two files of a comparison as URI strings: what a reopened panel is restored from. */
export interface ComparedFiles {
  readonly reference: string;
  readonly prediction: string;
}

/** The files a saved webview state names (its `files` field), or undefined when it names none. */
export function comparedFilesOf(state: unknown): ComparedFiles | undefined {
  if (typeof state !== 'object' || state === null) return undefined;
  const files = (state as { readonly files?: unknown }).files;
  if (typeof files !== 'object' || files === null) return undefined;
  const { reference, prediction } = files as { readonly reference?: unknown; readonly prediction?: unknown };
  return typeof reference === 'string' && typeof prediction === 'string' && reference !== '' && prediction !== '' ? { reference, prediction } : undefined;
}

/** What the panes need: both files' descriptions; slices of both arrive on the reference's grid. */
export interface CompareVolumes {
  readonly reference: VolumeInfo;
  readonly prediction: VolumeInfo;
  /** How the prediction's voxels were matched to the reference's ('ignored' is never used here). */
  readonly alignment: Exclude<GeometryAlignment, 'ignored'>;
  /**
   * Set while the files are still read (the worker's `described`): the labels are counted in that
   * pass, so both VolumeInfo `labels` are empty for now and the legend says "counting…"; the
   * `volumes` sent when the read ends replace these.
   */
  readonly labelsCounting?: true;
  /**
   * With labelsCounting: the prediction's colours are renumbered to the reference's labels once it
   * is read (colour PNG labels are numbered per file), so no slice of it shows before the read ends.
   */
  readonly slicesWhenRead?: 'renumberedColours';
}

/**
 * What the reading pass has counted so far, so the Dice strip fills in while the files are read
 * (the worker posts it to the host, the host forwards it to the webview; the final `metrics`
 * replace it). Files are stored and read along the array's k axis:
 * - 'filling': the plane's slices lie along k, so each slab read completes whole slices. `slices`
 *   holds the foreground's metrics of slices 0 .. slices.length - 1, counted in full (their final
 *   numbers); the slices after them are not read yet.
 * - 'whenRead': the plane cuts across k, so every slab adds to every slice and none is complete
 *   before the read ends: the strip shows once it does.
 */
export type ReadingCounts =
  | { readonly kind: 'filling'; readonly plane: Plane; readonly sliceCount: number; readonly slices: readonly SliceMetrics[] }
  | { readonly kind: 'whenRead'; readonly plane: Plane; readonly sliceCount: number };

// ---------------------------------------------------------------------------------------------
// Host -> comparison webview

/**
 * Both masks (and the background) at one plane/index of the reference grid: the worker's answer to
 * a slice request, which the host forwards to the webview as it is.
 */
export interface PairSlice {
  readonly type: 'slice';
  readonly requestId: number;
  readonly plane: Plane;
  readonly index: number;
  readonly reference: SliceData;
  readonly prediction: SliceData;
  readonly background?: SliceData;
}

export type HostToCompareWebview =
  /** Loading files or computing metrics; `fraction` null while unknown. Panes may stay as they are. */
  | { readonly type: 'loading'; readonly message: string; readonly fraction: number | null }
  /**
   * While both files are read: the slices counted so far (sent as they grow, at most a few times a
   * second). null: a new read started and has counted nothing yet.
   */
  | { readonly type: 'readingCounts'; readonly counts: ReadingCounts | null }
  /** The comparison cannot be shown (unreadable file, grids differ): replace the view with this sentence. */
  | { readonly type: 'error'; readonly message: string }
  /** `labelNames`: where the names of both masks' labels came from, and a warning when they do not fit. */
  | { readonly type: 'volumes'; readonly volumes: CompareVolumes; readonly labelNames: LabelNamesInfo }
  /**
   * Which files this panel compares (URI strings), sent first and again after a swap. The webview
   * keeps them in its saved state, so the panel serializer can reopen the comparison after a
   * window reload or a restart.
   */
  | { readonly type: 'files'; readonly files: ComparedFiles }
  | { readonly type: 'settings'; readonly settings: CompareSettings }
  /**
   * The metrics (every label, every slice along `result.plane`). `labels`: every label of
   * `result.labels`, in the same order, with names/colours. Sent after `volumes`, again after a
   * recompute (file changed, plane or threshold setting changed).
   */
  | { readonly type: 'metrics'; readonly result: ComparisonResult | SurfaceComparisonResult; readonly labels: readonly CompareLabel[] }
  /** The boundary metrics' progress; sent after `metrics`, and again as they advance. */
  | { readonly type: 'surfaceStatus'; readonly status: SurfaceStatus }
  /** null: no background. Background slices, when set, come with every `slice`. */
  | { readonly type: 'background'; readonly background: BackgroundInfo | null }
  /**
   * Reply to `requestSlice`: both masks (and the background) at the same plane/index of the
   * reference grid. While the files are read (volumes `labelsCounting`), a slice along k comes as
   * soon as both files are read past it, others when the read ends: replies may then come out of
   * request order.
   */
  | PairSlice
  | { readonly type: 'sliceError'; readonly requestId: number; readonly message: string }
  /**
   * Show this slice for this label (Problems panel, tree view, go-to-worst, next/previous).
   * Omitted `label` keeps the current one.
   */
  | { readonly type: 'reveal'; readonly plane: Plane; readonly index: number; readonly label?: LabelChoice }
  /** Switch between the two panes and the single overlay pane (command, tests, screenshots). */
  | { readonly type: 'setMode'; readonly mode: CompareMode }
  /** Test hook: draw `plane`/`index`, then report the colour at each voxel in `pane` (answer: `probeResult`). */
  | {
      readonly type: 'probe';
      readonly requestId: number;
      readonly pane: CompareRole | 'overlay';
      readonly plane: Plane;
      readonly index: number;
      readonly voxels: readonly Vec3[];
    };

// ---------------------------------------------------------------------------------------------
// Comparison webview -> host

/** What is on screen; the host keeps the last one (active slice for commands, API and tests). */
export interface CompareView {
  readonly view: 'loading' | 'comparison' | 'error';
  readonly message?: string;
  readonly mode: CompareMode;
  readonly plane: Plane;
  readonly index: number;
  readonly label: LabelChoice;
  /** Milliseconds the slowest pane took to redraw, for benchmarks. */
  readonly drawMs?: number;
}

/** Host commands a webview control may run (the same as the contributed commands of that name). */
export type CompareCommand =
  | 'swap'
  | 'exportReport'
  | 'goToWorstSlice'
  | 'nextLowDiceSlice'
  | 'previousLowDiceSlice'
  | 'setBackground'
  | 'clearBackground';

export type CompareWebviewToHost =
  /** Script started (first open, or re-created after the tab was hidden): send everything. */
  | { readonly type: 'ready' }
  /** Answered by `slice`/`sliceError` with the same requestId, in order. */
  | { readonly type: 'requestSlice'; readonly requestId: number; readonly plane: Plane; readonly index: number }
  /** After every change of plane, slice, label, mode or state (user input or a `reveal`). */
  | ({ readonly type: 'rendered' } & CompareView)
  | {
      readonly type: 'probeResult';
      readonly requestId: number;
      readonly pane: CompareRole | 'overlay';
      readonly plane: Plane;
      readonly index: number;
      readonly samples: readonly ProbeSample[];
    }
  | { readonly type: 'command'; readonly command: CompareCommand }
  /** The toolbar's toggle: navigation stays on the shown label (true) or walks every label. */
  | { readonly type: 'setNavigationScope'; readonly selectedLabelOnly: boolean }
  /** The error view's Reopen: start a new compare worker and read and compare both files again. */
  | { readonly type: 'reopen' }
  | { readonly type: 'webviewError'; readonly message: string };

// ---------------------------------------------------------------------------------------------
// Host <-> compare worker (dist/compareWorker.js, one per comparison panel)


/** The metrics a comparison asks for: plane, low-Dice threshold and noise floor. */
export interface CompareRule {
  readonly plane: Plane;
  readonly threshold: number;
  readonly minErrorMm2: number;
}

/** One string per rule: the worker keeps finished computes under it, the host knows which one the read counted. */
export const compareRuleKey = (rule: CompareRule): string => `${rule.plane}|${rule.threshold}|${rule.minErrorMm2}`;

/** The metrics counted in the reading pass; 'auto': the reference's acquisition plane, found from its header before any voxel is read. */
export type ReadingRule = Omit<CompareRule, 'plane'> & { readonly plane: Plane | 'auto' };

export type HostToCompareWorker =
  /**
   * Decode both masks (replacing any held) and check their grids. Answer `opened` or `failed`.
   * A volume needing more than `maxBytes` of memory is refused from its header. Both files stream
   * through the counting pass as they are read (one pass); with `metrics`, that pass's result is
   * kept, so the `compute` for the same rule that follows is answered at once. Progress arrives
   * as `progress` with `bytes` (voxel bytes read of both files' total), the slices counted so far
   * as `readingCounts`; a `cancel` stops the read.
   */
  | {
      readonly type: 'open';
      readonly requestId: number;
      readonly reference: VolumeFile;
      readonly prediction: VolumeFile;
      readonly maxBytes: number;
      readonly metrics?: ReadingRule;
    }
  /**
   * Compute the metrics of the held pair along `plane`. Progress arrives as `progress`; a newer
   * `compute`, `open` or a `cancel` aborts it (answer: `failed` with `cancelled: true`).
   */
  | { readonly type: 'compute'; readonly requestId: number; readonly plane: Plane; readonly threshold: number; readonly minErrorMm2: number }
  /**
   * Boundary metrics of the held pair for the labels and plane of the last finished `compute`, in
   * a thread of their own (the panes keep getting slices meanwhile); per slice too when `perSlice`.
   * Progress arrives as `progress`; a `cancel`, a newer request or an `open` aborts it. Answer:
   * `surface` with the last compute's result merged with the boundary metrics.
   */
  | { readonly type: 'surface'; readonly requestId: number; readonly toleranceMm: number; readonly perSlice: boolean }
  | { readonly type: 'cancel'; readonly requestId: number }
  /** Pair the reference with an intensity image on its grid. Answer `backgroundLoaded` or `failed`. */
  | { readonly type: 'loadBackground'; readonly requestId: number; readonly background: VolumeFile; readonly maxBytes: number }
  | { readonly type: 'clearBackground' }
  | { readonly type: 'slice'; readonly requestId: number; readonly plane: Plane; readonly index: number }
  /** Hand a held volume to another editor's worker (the host's volume cache). Answer `lent`. */
  | { readonly type: 'lend'; readonly requestId: number; readonly role: LendRole };

/**
 * Which of an `open`'s volumes are in shared memory and can be lent to another editor's worker (the
 * host's volume cache); a file in layers of overlapping segments is not (its layers are its own).
 */
export interface LendableVolumes {
  readonly reference: boolean;
  readonly prediction: boolean;
}

/** What a compare worker can lend: the prediction as read, before any renumbering of colour labels. */
export type LendRole = 'reference' | 'prediction' | 'background';

/** How far a read has come: voxel bytes decoded so far of all the files' voxel bytes. */
export interface ReadBytes {
  readonly read: number;
  readonly total: number;
}

export type CompareWorkerToHost =
  /** Label names are the host's business, so the VolumeInfo labels carry none. */
  | { readonly type: 'opened'; readonly requestId: number; readonly volumes: CompareVolumes; readonly lendable: LendableVolumes }
  | { readonly type: 'progress'; readonly requestId: number; readonly fraction: number; readonly bytes?: ReadBytes }
  /**
   * During an `open`, once both headers are read and the grids match: the files' descriptions
   * (`labelsCounting`, no labels yet), so the panes show while the voxels are read. Slices asked
   * from now on are answered as soon as both files are read past them when their plane lies along
   * k (the order files are stored in); slices of other planes once the open is answered.
   */
  | { readonly type: 'described'; readonly requestId: number; readonly volumes: CompareVolumes }
  /** During an `open`: the slices its reading pass has counted so far (at most every 250 ms, and once all are). */
  | { readonly type: 'readingCounts'; readonly requestId: number; readonly counts: ReadingCounts }
  | { readonly type: 'metrics'; readonly requestId: number; readonly result: ComparisonResult }
  | { readonly type: 'surface'; readonly requestId: number; readonly result: SurfaceComparisonResult }
  | { readonly type: 'backgroundLoaded'; readonly requestId: number; readonly info: BackgroundInfo; readonly lendable: boolean }
  /** Reply to `lend`: the held volume (its memory shared, not copied), or null when it holds none to lend. */
  | { readonly type: 'lent'; readonly requestId: number; readonly volume: Volume | null }
  | PairSlice
  /**
   * A request failed. `inputError`: a problem with a file a person can fix (one sentence naming it);
   * `cancelled`: a compute or surface aborted on request; otherwise a bug and `message` carries the stack.
   */
  | {
      readonly type: 'failed';
      readonly requestId: number;
      readonly message: string;
      readonly inputError: boolean;
      readonly cancelled: boolean;
    };

// ---------------------------------------------------------------------------------------------
// Compare worker <-> its surface thread (dist/surfaceWorker.js, one per `surface` request)

export interface SurfaceJob {
  /** Both volumes' voxels live in SharedArrayBuffers, so the thread reads them without a copy. */
  readonly reference: Volume;
  readonly prediction: Volume;
  /** The Dice result of this pair: its labels, slice axis, alignment and probability threshold. */
  readonly result: ComparisonResult;
  readonly toleranceMm: number;
  readonly perSlice: boolean;
}

export type SurfaceThreadToWorker =
  | { readonly type: 'progress'; readonly fraction: number }
  | { readonly type: 'done'; readonly result: SurfaceComparisonResult }
  | { readonly type: 'failed'; readonly message: string; readonly inputError: boolean };
