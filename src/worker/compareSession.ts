// What one comparison worker holds: the reference and the prediction (the prediction read through
// an index map onto the reference's grid, never resampled into a copy), an optional background on
// the reference's grid, and at most one running read or metrics computation. Opening reads both
// files and counts them in the same pass. The host thread never
// touches voxels; everything here does.
import { InputError } from '../core/errors';
import { assertNever } from '../protocol/assertNever';
import { alignGrids } from '../core/geometry/align';
import { predictionIndexMap } from '../core/geometry/reorient';
import type { SegmentLayerAccess } from '../core/io/api';
import { planLabelColours, renumberPredictionColours } from '../core/metrics/colourLabels';
import { compareSources } from '../core/metrics/compare';
import type { Volume } from '../core/volume';
import { compareRuleKey, type ComparisonResult, type CompareVolumes, type LendableVolumes, type LendRole, type CompareWorkerToHost, type HostToCompareWorker, type ReadBytes } from '../protocol/compare';
import type { Plane, PlaneAxes } from '../protocol/viewer';
import { alignBackground } from './backgroundGrid';
import { headerInfo, volumeInfo } from './compareInfo';
import { Opening } from './opening';
import { decodeFile, fillingFor, isLendable, openWithin } from './volumeFiles';
import { segmentCounts, withSegmentLayers } from './layeredVolume';
import { chunkedSource } from './compareSlabs';
import { intensityStats } from './intensity';
import { readingCounts } from './readingCounts';
import { planeLayouts } from './session';
import { extractSlice, ownIndexMap, type VoxelIndexMap } from './slice';
import { runSurfaceThread, shareVolume } from './surfaceThread';

export interface Reply {
  readonly message: CompareWorkerToHost;
  /** Buffers handed over to the host (zero-copy). */
  readonly transfer: ArrayBuffer[];
}

interface Pair {
  readonly reference: Volume;
  readonly prediction: Volume;
  /** The prediction as read: what other editors borrow (`prediction` may be its renumbered copy). */
  readonly predictionAsRead: Volume;
  /** Where each reference-grid voxel is in the prediction's array. */
  readonly predictionMap: VoxelIndexMap;
  readonly planes: Readonly<Record<Plane, PlaneAxes>>;
  /** Files whose segments overlap: their layers, so every compute counts each segment in full. */
  readonly referenceLayers?: SegmentLayerAccess;
  readonly predictionLayers?: SegmentLayerAccess;
}

interface Background {
  readonly volume: Volume;
  readonly map: VoxelIndexMap;
  readonly lendable: boolean;
}

type Message<T extends HostToCompareWorker['type']> = Extract<HostToCompareWorker, { type: T }>;

export class CompareSession {
  private pair: Pair | undefined;
  private background: Background | undefined;
  /** The last finished compute of the held pair: what `surface` measures the labels and slices of. */
  private computed: ComparisonResult | undefined;
  private running: { readonly requestId: number; readonly controller: AbortController } | undefined;
  /** Finished computes of the held pair by plane, threshold and floor: switching planes back is free. */
  private readonly computedByKey = new Map<string, ComparisonResult>();
  /** The latest `open`, from its message's arrival to its answer: slice requests wait on it. */
  private opening: Opening | undefined;

  /** `post` sends progress while a computation runs (replies are returned). */
  constructor(private readonly post: (message: CompareWorkerToHost) => void) {}

  /**
   * Reads both files in one pass: headers first (memory limit and grids checked before any voxel
   * is read), then both streams fill the volumes and run through the counting pass together. A
   * `cancel` of this request stops the read.
   */
  /**
   * An `open` arrived (it may still be queued): slice requests from now on wait on it, and those
   * waiting on an older open fail as cancelled.
   */
  expectOpen(requestId: number): void {
    this.opening?.settle({ kind: 'failed', error: abortError() });
    this.opening = new Opening(requestId);
  }

  /** An open has arrived and not been answered yet. */
  isOpening(): boolean {
    return this.opening !== undefined && !this.opening.settled;
  }

  /**
   * A slice requested while an open runs: answered as soon as both files have been read past it
   * (planes along k), else once the open is answered; fails with the open's error if it fails.
   */
  sliceWhileOpening(msg: Message<'slice'>): Promise<Reply> {
    const opening = this.opening;
    if (!opening) return Promise.resolve(this.slice(msg));
    const { requestId, plane, index } = msg;
    return opening.slice(msg, ({ reference, prediction }): Reply => ({ message: { type: 'slice', requestId, plane, index, reference, prediction }, transfer: [reference.buffer, prediction.buffer] }));
  }

  async open(msg: Message<'open'>): Promise<Reply> {
    // A queued open that a newer one superseded still runs, but no slice waits on it.
    const opening = this.opening?.requestId === msg.requestId ? this.opening : new Opening(msg.requestId);
    this.abortRunning();
    this.pair = undefined;
    this.background = undefined;
    this.computed = undefined;
    this.computedByKey.clear();
    const controller = new AbortController();
    const run = { requestId: msg.requestId, controller };
    this.running = run;
    try {
      const reply = await this.readPair(msg, controller.signal, opening);
      const pair = this.pair;
      opening.settle(pair ? { kind: 'opened', cut: (slice) => sliceOf(pair, undefined, slice) } : { kind: 'failed', error: abortError() });
      return reply;
    } catch (e) {
      // Slices waiting on it fail as cancelled: the open's own answer says what went wrong.
      opening.settle({ kind: 'failed', error: abortError() });
      throw e;
    } finally {
      if (this.running === run) this.running = undefined;
      if (this.opening === opening) this.opening = undefined;
    }
  }

  private async readPair(msg: Message<'open'>, signal: AbortSignal, opening: Opening): Promise<Reply> {
    // One after the other, so that of two bad files the reference is named, as before.
    const refSource = await openWithin(msg.reference, msg.maxBytes);
    const predSource = await openWithin(msg.prediction, msg.maxBytes);
    const alignment = alignGrids(refSource.header.geometry, predSource.header.geometry);
    if (alignment.kind === 'mismatch') {
      throw new InputError(`${msg.prediction.name} is not on the grid of ${msg.reference.name}: ${lowerFirst(alignment.reason)}`);
    }
    const progress = readProgress((fraction, bytes) => this.post({ type: 'progress', requestId: msg.requestId, fraction, bytes }));
    const onBytes = (bytes: number): void => {
      progress.add(bytes);
      opening.changed();
    };
    const ref = fillingFor(msg.reference, refSource, { onBytes });
    const pred = fillingFor(msg.prediction, predSource, { onBytes });
    // The panes show from here on; the labels are counted in the pass, so none are listed yet.
    const sliceEarly = planLabelColours(refSource.header, predSource.header).predRemap === null;
    const early: CompareVolumes = {
      reference: headerInfo(msg.reference.name, refSource.header, NO_LABELS_YET),
      prediction: headerInfo(msg.prediction.name, predSource.header, NO_LABELS_YET),
      alignment: alignment.kind,
      labelsCounting: true,
      ...(!sliceEarly && { slicesWhenRead: 'renumberedColours' as const }),
    };
    this.post({ type: 'described', requestId: msg.requestId, volumes: early });
    const predictionShape = predSource.header.geometry.shape;
    opening.startReading({
      reference: ref,
      prediction: pred,
      shape: refSource.header.geometry.shape,
      predictionShape,
      predictionMap: (({ offset, stride }) => ({ offset, strides: stride }))(predictionIndexMap(alignment, predictionShape)),
      planes: planeLayouts(refSource.header.geometry),
      sliceEarly,
    });
    progress.start(ref.totalBytes + pred.totalBytes);
    // A file in layers is already in memory (its composite for the panes, its layers for the
    // metrics): the metrics read the layers, so the composite is taken in before.
    for (const f of [ref, pred]) if (f.source.segmentLayers) await f.source.readAll();
    const rule = msg.metrics;
    // The strip fills in from the slices this pass finishes (told once when its plane cuts across the read).
    const onSlicesFinished = readingCounts(refSource.header.geometry, rule?.plane ?? 'auto', (counts) => this.post({ type: 'readingCounts', requestId: msg.requestId, counts }));
    const result = await compareSources(ref.source, pred.source, {
      ...(rule && { plane: rule.plane, threshold: rule.threshold, minErrorMm2: rule.minErrorMm2 }),
      signal,
      ...(onSlicesFinished && { onSlicesFinished }),
    });
    const reference = ref.volume();
    // Colour PNG labels are numbered per file: renumber the prediction to the reference's colours.
    const read = pred.volume();
    const prediction = renumberPredictionColours(reference.header, read);
    const { offset, stride } = predictionIndexMap(alignment, prediction.header.geometry.shape);
    this.pair = {
      reference,
      prediction,
      predictionAsRead: read,
      predictionMap: { offset, strides: stride },
      planes: planeLayouts(reference.header.geometry),
      ...(refSource.segmentLayers && { referenceLayers: refSource.segmentLayers }),
      ...(predSource.segmentLayers && { predictionLayers: predSource.segmentLayers }),
    };
    const predRenumbered = prediction === read ? null : planLabelColours(reference.header, read.header).predRemap;
    // A renumbered prediction is compared as renumbered from then on, so its first result is not kept.
    if (rule && prediction === read) {
      this.computed = result;
      this.computedByKey.set(compareRuleKey({ ...rule, plane: result.plane }), result);
    }
    const volumes: CompareVolumes = {
      reference: volumeInfo(msg.reference.name, reference, (await segmentCounts(refSource)) ?? ref.labels()),
      prediction: volumeInfo(msg.prediction.name, prediction, (await segmentCounts(predSource, predRenumbered)) ?? (prediction === read ? pred.labels() : undefined)),
      alignment: alignment.kind,
    };
    const lendable: LendableVolumes = { reference: this.lendableVolume('reference') !== undefined, prediction: this.lendableVolume('prediction') !== undefined };
    return { message: { type: 'opened', requestId: msg.requestId, volumes, lendable }, transfer: [] };
  }

  /**
   * Every per-label, per-slice count of the held pair. Runs beside slice requests (the engine
   * yields between slabs), so the panes stay live while the metrics are computed.
   */
  async compute(msg: Message<'compute'>): Promise<Reply> {
    this.abortRunning();
    const pair = this.pair;
    if (!pair) throw new Error('metrics were requested before both masks finished loading');
    const key = compareRuleKey(msg);
    const kept = this.computedByKey.get(key);
    if (kept) {
      this.computed = kept;
      return { message: { type: 'metrics', requestId: msg.requestId, result: kept }, transfer: [] };
    }
    const controller = new AbortController();
    const run = { requestId: msg.requestId, controller };
    this.running = run;
    try {
      const result = await compareSources(withSegmentLayers(chunkedSource(pair.reference), pair.referenceLayers), withSegmentLayers(chunkedSource(pair.prediction), pair.predictionLayers), {
        plane: msg.plane,
        threshold: msg.threshold,
        minErrorMm2: msg.minErrorMm2,
        signal: controller.signal,
        onProgress: (fraction) => this.post({ type: 'progress', requestId: msg.requestId, fraction }),
      });
      this.computed = result;
      this.computedByKey.set(key, result);
      return { message: { type: 'metrics', requestId: msg.requestId, result }, transfer: [] };
    } finally {
      if (this.running === run) this.running = undefined;
    }
  }

  /** Boundary metrics for the last compute's labels and plane, in a thread of their own. */
  async surface(msg: Message<'surface'>): Promise<Reply> {
    this.abortRunning();
    const pair = this.pair;
    const result = this.computed;
    if (!pair || !result) throw new Error('surface metrics were requested before the Dice metrics were computed');
    const layered = pair.referenceLayers ? pair.reference : pair.predictionLayers ? pair.prediction : undefined;
    if (layered) {
      throw new InputError(`Surface distances are measured on one label mask per file, but ${layered.header.source} has segments that overlap; its Dice and volumes count each segment in full.`);
    }
    // Shared once: the thread reads the voxels in place and slices keep coming from the same memory.
    const shared: Pair = { ...pair, reference: shareVolume(pair.reference), prediction: shareVolume(pair.prediction) };
    this.pair = shared;
    const controller = new AbortController();
    const run = { requestId: msg.requestId, controller };
    this.running = run;
    try {
      const job = { reference: shared.reference, prediction: shared.prediction, result, toleranceMm: msg.toleranceMm, perSlice: msg.perSlice };
      const merged = await runSurfaceThread(job, (fraction) => this.post({ type: 'progress', requestId: msg.requestId, fraction }), controller.signal);
      return { message: { type: 'surface', requestId: msg.requestId, result: merged }, transfer: [] };
    } finally {
      if (this.running === run) this.running = undefined;
    }
  }

  /** Aborts the computation `requestId` if it is the one running (a stale cancel is ignored). */
  cancel(requestId: number): void {
    if (this.running?.requestId === requestId) this.abortRunning();
  }

  abortRunning(): void {
    this.running?.controller.abort();
    this.running = undefined;
  }

  async loadBackground(msg: Message<'loadBackground'>): Promise<Reply> {
    const pair = this.pair;
    if (!pair) throw new Error('a background was sent before the masks finished loading');
    this.background = undefined; // a failed load must not leave the previous background showing
    const { volume, lendable } = await decodeFile(msg.background, msg.maxBytes, { tally: false });
    const { map, alignment } = alignBackground(pair.reference.header, volume.header);
    const stats = intensityStats(volume.data);
    this.background = { volume, map, lendable };
    const info = { fileName: msg.background.name, dataType: volume.header.dataType, ...stats, alignment };
    return { message: { type: 'backgroundLoaded', requestId: msg.requestId, info, lendable }, transfer: [] };
  }

  clearBackground(): void {
    this.background = undefined;
  }

  /** A held volume for another editor's worker: its memory is shared by posting it, not copied. */
  lend(msg: Message<'lend'>): Reply {
    return { message: { type: 'lent', requestId: msg.requestId, volume: this.lendableVolume(msg.role) ?? null }, transfer: [] };
  }

  /** What the held pair or background can lend for `role`: files as read, in shared memory, not in layers. */
  private lendableVolume(role: LendRole): Volume | undefined {
    const pair = this.pair;
    switch (role) {
      case 'reference':
        return pair && isLendable(pair.reference, pair.referenceLayers !== undefined) ? pair.reference : undefined;
      case 'prediction':
        return pair && isLendable(pair.predictionAsRead, pair.predictionLayers !== undefined) ? pair.predictionAsRead : undefined;
      case 'background':
        return this.background?.lendable ? this.background.volume : undefined;
      default:
        return assertNever(role);
    }
  }

  slice(msg: Message<'slice'>): Reply {
    const pair = this.pair;
    if (!pair) throw new Error('a slice was requested before the masks finished loading');
    return sliceOf(pair, this.background, msg);
  }
}

/** Both masks' (and the background's) slice `msg` asks for, their buffers to be transferred. */
function sliceOf(pair: Pair, bg: Background | undefined, msg: Message<'slice'>): Reply {
  const { requestId, plane, index } = msg;
  const axes = pair.planes[plane];
  const shape = pair.reference.header.geometry.shape;
  const reference = extractSlice(pair.reference, shape, ownIndexMap(shape), axes, index);
  const prediction = extractSlice(pair.prediction, shape, pair.predictionMap, axes, index);
  if (!bg) {
    return {
      message: { type: 'slice', requestId, plane, index, reference, prediction },
      transfer: [reference.buffer, prediction.buffer],
    };
  }
  const background = extractSlice(bg.volume, shape, bg.map, axes, index);
  return {
    message: { type: 'slice', requestId, plane, index, reference, prediction, background },
    transfer: [reference.buffer, prediction.buffer, background.buffer],
  };
}

const NO_LABELS_YET = { labels: [], truncated: false } as const;

/** What a cancelled request fails with (answered as `failed` with `cancelled: true`). */
function abortError(): Error {
  const e = new Error('cancelled');
  e.name = 'AbortError';
  return e;
}

const lowerFirst = (s: string): string => s.charAt(0).toLowerCase() + s.slice(1);

/**
 * Progress of a read in voxel bytes, posted at most every 100 ms (a 2 GB pair would otherwise send
 * thousands of messages, each redrawing the host's progress and the webview's loading view).
 */
function readProgress(post: (fraction: number, bytes: ReadBytes) => void): { start(total: number): void; add(bytes: number): void } {
  let total = 0;
  let read = 0;
  let postedAt = 0;
  return {
    start(t) {
      total = t;
      postedAt = performance.now();
      post(0, { read: 0, total });
    },
    add(bytes) {
      read += bytes;
      const now = performance.now();
      if (now - postedAt < PROGRESS_INTERVAL_MS && read < total) return;
      postedAt = now;
      post(total > 0 ? Math.min(1, read / total) : 1, { read, total });
    },
  };
}

const PROGRESS_INTERVAL_MS = 100;
