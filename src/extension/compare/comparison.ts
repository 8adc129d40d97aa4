// One comparison of a reference with a prediction: its worker thread, what it shows (loading /
// error / ready), the metrics, label names and the reference's background. Files on this machine's
// disk are streamed by the worker, which counts the metrics in the same pass; others are read
// through vscode.workspace.fs and their bytes handed to the worker. The host thread never touches voxels
// and never serialises the result (it travels by structured clone). Loads and computes run one
// after another; a newer one aborts a running computation instead of waiting for it.
import * as vscode from 'vscode';
import { detachedDataUris } from '../fileWatch';
import { InputError, isInputError } from '../../core/errors';
import { resolvePlane } from '../../core/geometry/acquisitionPlane';
import { MissingFileError } from '../../core/io/regularFile';
import { fileForWorker, holdAnswered, type FileForWorker } from '../heldVolumes';
import { fileNameOf } from '../maskFiles';
import type { VolumeCache } from '../volumeCache';
import type { ComparisonResult } from '../../core/metrics/types';
import type { LabelNames } from '../../core/report/sliceText';
import { compareRuleKey, type CompareLabel, type ComparedFiles, type CompareVolumes, type HostToCompareWebview, type PairSlice, type ReadingCounts, type SurfaceComparisonResult, type SurfaceStatus } from '../../protocol/compare';
import type { BackgroundInfo, LabelNamesInfo, Plane } from '../../protocol/viewer';
import { maxVolumeBytes } from '../settings';
import type { LabelNamesChoice } from '../viewer/labelChoice';
import { comparisonLabels, loadComparisonNames } from './comparisonLabels';
import { comparePlane, lowDiceThreshold, minErrorMm2, surfaceSettings, type SurfaceSettings } from './compareSettings';
import { CompareWorker, CompareWorkerFailure } from './compareWorker';
import { showReadProgress } from './readProgress';
import { WorkerStopped } from '../workerChannel';
import { intensityImageWarning } from './maskCheck';
import { runSurface, sameMeasurement } from './surfaceRun';
import { statUri } from '../statUri';

/** Pairs at least this big (about half a second of reading) get a cancellable notification. */
const NOTIFY_ABOVE_VOXELS = 32 * 2 ** 20;
/** The viewer's key for a mask's background pairing (workspaceState); a comparison reuses the reference's. */
export const BACKGROUND_PAIRING_KEY = 'maskInspector.backgroundFor:';

export type ComparisonState =
  | { readonly kind: 'loading'; readonly message: string; readonly fraction: number | null }
  | { readonly kind: 'error'; readonly message: string }
  /** `result` gains the boundary metrics (a SurfaceComparisonResult) once they are computed. */
  | { readonly kind: 'ready'; readonly result: ComparisonResult | SurfaceComparisonResult };

export interface ComparisonHooks {
  readonly log: (message: string) => void;
  readonly workspaceState: vscode.Memento;
  /** Called after every state change (the panel forwards it, diagnostics and views refresh). */
  readonly onChange: (c: Comparison) => void;
  /** The label names chosen for a mask's folder ("Use Label Names From…"), if any. */
  readonly labelChoice: (uri: vscode.Uri) => LabelNamesChoice | undefined;
  /** A fresh worker thread, for Reopen after the last one died. */
  readonly newWorker: () => CompareWorker;
  /** Decoded volumes shared with the other editors (the viewer's too). */
  readonly cache: VolumeCache;
}

const NO_LABEL_NAMES_YET: LabelNamesInfo = { origin: { kind: 'none', chosen: false }, fromSetting: false, warning: null };


export class Comparison {
  private current: ComparisonState = { kind: 'loading', message: 'Reading the files…', fraction: null };
  private volumesValue: CompareVolumes | undefined;
  /** While the files are read: their descriptions from the headers (no labels yet), for the panes only. */
  private describedValue: CompareVolumes | undefined;
  private labelsValue: readonly CompareLabel[] = [];
  private namesValue: LabelNames = new Map();
  private labelNamesValue: LabelNamesInfo = NO_LABEL_NAMES_YET;
  private backgroundValue: { readonly uri: vscode.Uri; readonly info: BackgroundInfo } | undefined;
  private pipeline: Promise<void> = Promise.resolve();
  /** What this comparison holds in the volume cache: both masks, and the background. */
  private readonly pairHold = {};
  private readonly backgroundHold = {};
  private computing: AbortController | undefined;
  /** The plane and rule the last read counted (the worker keeps that result), until the compute that uses it. */
  private countedWhileReading: string | undefined;
  /** The read of both files while it runs (Cancel, a reload or closing the panel stop it). */
  private reading: AbortController | undefined;
  /** The slices the running read has counted, until its metrics show (a restarted webview gets them). */
  private readingCountsValue: ReadingCounts | undefined;
  /** Slices counted at each post of the last read ('whenRead': -1), for the test hooks. */
  private readingPostsValue: number[] = [];
  /** The Dice metrics alone: what the boundary metrics are measured for and merged into. */
  private dice: ComparisonResult | undefined;
  private surfaceValue: SurfaceStatus = { kind: 'off' };
  /** The settings the boundary metrics shown (or being computed) were measured with. */
  private surfaceMeasured: SurfaceSettings | undefined;
  private surfacing: AbortController | undefined;
  private readonly listeners = new Set<(msg: HostToCompareWebview) => void>();
  /** fileStamps() when the files were last read. */
  private readStamps = '';
  /** maskInspector.comparePlane at first, then the plane the person chose. */
  private planeValue: Plane;
  /** The setting says 'auto' and nobody chose a plane yet: the reference's acquisition plane, once read. */
  private planeIsAuto: boolean;
  private disposed = false;

  constructor(
    public reference: vscode.Uri,
    public prediction: vscode.Uri,
    private worker: CompareWorker,
    private readonly hooks: ComparisonHooks,
  ) {
    const setting = comparePlane(reference);
    this.planeIsAuto = setting === 'auto';
    this.planeValue = setting === 'auto' ? 'axial' : setting;
    this.watchWorker();
  }

  /**
   * A worker that dies (out of memory, a bug) leaves the error view, whose Reopen calls reopen();
   * never a blank tab or metrics that never come. What it was doing fails with the same sentence.
   */
  private watchWorker(): void {
    const worker = this.worker;
    worker.onStopped((e) => {
      if (this.disposed || worker !== this.worker) return;
      this.hooks.log(`${this.title}: ${e.message}`);
      this.abortReading();
      this.abortComputation();
      this.volumesValue = undefined;
      this.dice = undefined;
      this.setState({ kind: 'error', message: workerStoppedSentence(this.title, e) });
    });
  }

  /** Starts a new worker and reads and compares both files again (the error view's Reopen). */
  reopen(): Promise<void> {
    if (this.disposed) return this.pipeline;
    this.abortReading();
    this.abortComputation();
    this.worker.dispose();
    this.worker = this.hooks.newWorker();
    this.watchWorker();
    this.backgroundValue = undefined;
    return this.reload();
  }

  /** Test hook: the worker dies as out of memory would make it. */
  crashWorkerForTest(): void {
    this.worker.crashForTest();
  }

  get state(): ComparisonState { return this.current; }
  get result(): ComparisonResult | SurfaceComparisonResult | undefined { return this.current.kind === 'ready' ? this.current.result : undefined; }
  get surfaceStatus(): SurfaceStatus { return this.surfaceValue; }
  get volumes(): CompareVolumes | undefined { return this.volumesValue; }
  get labels(): readonly CompareLabel[] { return this.labelsValue; }
  get names(): LabelNames { return this.namesValue; }
  /** Where the label names came from, and whether they fit both masks. */
  get labelNames(): LabelNamesInfo { return this.labelNamesValue; }
  /** The two files as URI strings (what a reopened panel is restored from). */
  get files(): ComparedFiles { return { reference: this.reference.toString(), prediction: this.prediction.toString() }; }
  get background(): BackgroundInfo | undefined { return this.backgroundValue?.info; }
  /** How many slices each of the last read's posts to the strip held (-1: its plane cuts across the read). */
  get readingPosts(): readonly number[] { return this.readingPostsValue; }
  get title(): string { return `${fileNameOf(this.reference)} ↔ ${fileNameOf(this.prediction)}`; }

  /** Reads both files and computes the metrics; resolves when they are shown or failed. */
  reload(): Promise<void> {
    this.abortReading();
    this.abortComputation();
    return this.enqueue(() => this.loadNow());
  }

  /**
   * Reloads when either file differs (size or modification time) from what was read last. File
   * watchers also report events from before the comparison opened (a file written just before)
   * and bursts for one write; those leave the files as they were read.
   */
  async reloadIfChanged(): Promise<void> {
    if ((await this.fileStamps()) !== this.readStamps) await this.reload();
  }

  /** Settles when every load and computation asked for so far has finished. */
  whenSettled(): Promise<void> {
    return this.pipeline;
  }

  /** The plane the metrics are (or are being) computed in: the comparison's plane buttons choose it. */
  get plane(): Plane { return this.planeValue; }

  /**
   * Per-slice metrics in `plane` (the person chose it in the comparison): the worker computes them
   * once per plane and keeps them, so switching back is immediate. Nothing to do when the metrics
   * are already for that plane or are being computed for it.
   */
  setPlane(plane: Plane): Promise<void> {
    this.planeIsAuto = false;
    if (plane === this.planeValue) return this.pipeline;
    this.planeValue = plane;
    return this.recompute();
  }

  /** maskInspector.comparePlane changed: it is the plane again (the recompute that follows uses it). */
  followPlaneSetting(): void {
    const setting = comparePlane(this.reference);
    this.planeIsAuto = setting === 'auto';
    const reference = this.volumesValue?.reference;
    if (setting !== 'auto') this.planeValue = setting;
    else if (reference) this.planeValue = resolvePlane(reference, 'auto');
  }

  /** New metrics for the held pair (plane or threshold setting changed). */
  recompute(): Promise<void> {
    this.abortComputation();
    return this.enqueue(() => (this.volumesValue ? this.computeNow() : this.loadNow()));
  }

  /**
   * New boundary metrics after their settings changed; the Dice metrics stay. Nothing to measure
   * when only the HD95 limit changed (it flags, from the per-slice values already there), or while
   * the Dice metrics are still computing (their step reads the settings when it gets there).
   */
  recomputeSurface(): Promise<void> {
    if (this.current.kind !== 'ready' || sameMeasurement(surfaceSettings(this.reference), this.surfaceMeasured)) return this.pipeline;
    this.surfacing?.abort('superseded');
    return this.enqueue(() => (this.dice ? this.surfaceNow(this.dice) : Promise.resolve()));
  }

  /** Swaps the roles of the two files and compares again. */
  swap(): Promise<void> {
    [this.reference, this.prediction] = [this.prediction, this.reference];
    this.backgroundValue = undefined;
    this.emit({ type: 'files', files: this.files });
    return this.reload();
  }

  slice(plane: Plane, index: number): Promise<PairSlice> {
    return this.worker.slice(plane, index);
  }

  async setBackground(uri: vscode.Uri): Promise<void> {
    await this.hooks.workspaceState.update(BACKGROUND_PAIRING_KEY + this.reference.toString(), uri.toString());
    return this.enqueue(() => this.loadBackground(uri));
  }

  async clearBackground(): Promise<void> {
    await this.hooks.workspaceState.update(BACKGROUND_PAIRING_KEY + this.reference.toString(), undefined);
    this.hooks.cache.release(this.backgroundHold);
    this.worker.clearBackground();
    this.backgroundValue = undefined;
    this.emit({ type: 'background', background: null });
    this.hooks.onChange(this);
  }

  /** Messages for the webview as things change (the panel forwards them). */
  subscribe(listener: (msg: HostToCompareWebview) => void): vscode.Disposable {
    this.listeners.add(listener);
    return new vscode.Disposable(() => this.listeners.delete(listener));
  }

  /** What a (re)started webview needs, in order. */
  snapshot(): HostToCompareWebview[] {
    const s = this.current;
    const out: HostToCompareWebview[] = [{ type: 'files', files: this.files }];
    if (this.volumesValue) out.push({ type: 'volumes', volumes: this.volumesValue, labelNames: this.labelNamesValue });
    else if (this.describedValue && s.kind === 'loading') out.push({ type: 'volumes', volumes: this.describedValue, labelNames: NO_LABEL_NAMES_YET });
    out.push({ type: 'background', background: this.background ?? null });
    if (s.kind === 'loading' && this.readingCountsValue) out.push({ type: 'readingCounts', counts: this.readingCountsValue });
    out.push(this.stateMessage(s));
    if (s.kind === 'ready') out.push({ type: 'surfaceStatus', status: this.surfaceValue });
    return out;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.hooks.cache.release(this.pairHold);
    this.hooks.cache.release(this.backgroundHold);
    this.abortReading();
    this.abortComputation();
    this.listeners.clear();
    this.worker.dispose();
  }

  /** Size and modification time of both files, "" when either cannot be read. */
  private async fileStamps(): Promise<string> {
    try {
      // Detached data files too: a new prediction may rewrite only the .raw its .nhdr names.
      const data = (await Promise.all([this.reference, this.prediction].map(detachedDataUris))).flat();
      const stats = await Promise.all([this.reference, this.prediction, ...data].map(statUri));
      return stats.map((s) => `${s.size}@${s.mtime}`).join(' ');
    } catch {
      return '';
    }
  }

  private enqueue(step: () => Promise<void>): Promise<void> {
    this.pipeline = this.pipeline.then(() => (this.disposed ? undefined : step()));
    return this.pipeline;
  }

  /** A read in progress stops too: its files are read again (reload, swap) or not at all (dispose). */
  private abortReading(): void {
    this.reading?.abort('superseded');
    this.reading = undefined;
  }

  private abortComputation(): void {
    this.computing?.abort('superseded');
    this.computing = undefined;
    this.surfacing?.abort('superseded');
    this.surfacing = undefined;
  }

  private async loadNow(): Promise<void> {
    const maxBytes = maxVolumeBytes(this.reference);
    this.volumesValue = undefined;
    this.backgroundValue = undefined;
    this.dice = undefined;
    this.setState({ kind: 'loading', message: 'Reading the files…', fraction: null });
    this.readingCountsValue = undefined;
    this.readingPostsValue = [];
    this.emit({ type: 'readingCounts', counts: null });
    const controller = new AbortController();
    this.reading = controller;
    const onCounts = (counts: ReadingCounts): void => {
      if (this.disposed || controller.signal.aborted) return;
      this.readingCountsValue = counts;
      this.readingPostsValue.push(counts.kind === 'filling' ? counts.slices.length : -1);
      this.emit({ type: 'readingCounts', counts });
    };
    // The panes show while the voxels are read; label names wait for the labels (counted in the
    // read), so no names line or mismatch warning is shown for a legend that is still counting.
    const onDescribed = (volumes: CompareVolumes): void => {
      if (this.disposed || controller.signal.aborted) return;
      this.describedValue = volumes;
      this.emit({ type: 'volumes', volumes, labelNames: NO_LABEL_NAMES_YET });
    };
    // The metrics of the plane shown (for 'auto', the one the worker finds from the reference's
    // header) are counted in the reading pass; computeNow then gets them at once.
    const metrics = { plane: this.planeIsAuto ? 'auto' as const : this.planeValue, threshold: lowDiceThreshold(this.reference), minErrorMm2: minErrorMm2(this.reference) };
    const progress = showReadProgress({
      title: this.title,
      notifyAboveBytes: 2 * NOTIFY_ABOVE_VOXELS,
      controller,
      onUpdate: (message, fraction) => this.setState({ kind: 'loading', message: `Reading the files… ${message}`, fraction }),
    });
    try {
      // Taken side by side with the lookups below: on a busy extension host each round trip to
      // the file system adds to the wait for the metrics.
      const stamps = this.fileStamps();
      // Found while the voxels are read; awaited once the labels are counted.
      const names = settleLater(loadComparisonNames(this.reference, this.prediction, this.hooks.labelChoice));
      // Borrowed first (unchanged files read again are lent by this very worker); then released,
      // since opening drops the worker's pair and background.
      const [ref, pred] = await masksForWorker(this.hooks.cache, this.reference, this.prediction);
      this.readStamps = await stamps;
      this.hooks.cache.release(this.pairHold);
      this.hooks.cache.release(this.backgroundHold);
      const worker = this.worker;
      const { volumes, lendable } = await worker.open(ref.named, pred.named, maxBytes, { metrics, onProgress: progress.report, signal: controller.signal, onCounts, onDescribed });
      progress.done();
      holdAnswered(this.hooks.cache, this.pairHold, ref, lendable.reference, () => worker.lend('reference'));
      // A file compared against itself is held once: the reference lends it.
      if (pred.uri.toString() !== ref.uri.toString()) holdAnswered(this.hooks.cache, this.pairHold, pred, lendable.prediction, () => worker.lend('prediction'));
      const readPlane = resolvePlane(volumes.reference, metrics.plane);
      this.countedWhileReading = compareRuleKey({ ...metrics, plane: readPlane });
      if (this.planeIsAuto) this.planeValue = readPlane;
      const named = comparisonLabels(volumes, await names);
      this.volumesValue = named.volumes;
      this.namesValue = named.names;
      this.labelNamesValue = named.labelNames;
      this.emit({ type: 'volumes', volumes: named.volumes, labelNames: named.labelNames });
      // Not modal, and the comparison goes on: an image with few values can still be compared.
      const warning = intensityImageWarning(volumes.reference, volumes.prediction);
      if (warning) void vscode.window.showWarningMessage(warning);
      this.hooks.onChange(this);
      await this.restoreBackground();
    } catch (e) {
      progress.done();
      if (controller.signal.aborted && controller.signal.reason === 'superseded') return; // a newer step follows
      const cancelled = controller.signal.aborted || (e instanceof CompareWorkerFailure && e.cancelled);
      const message = cancelled
        ? 'Reading the files was cancelled. Run "Mask Inspector: Recompute Comparison" to read them again.'
        : this.sentence(e, `${this.title} could not be compared`);
      this.setState({ kind: 'error', message });
      return;
    } finally {
      if (this.reading === controller) this.reading = undefined;
      this.describedValue = undefined;
    }
    await this.computeNow();
  }

  private async computeNow(): Promise<void> {
    const plane = this.planeValue;
    const rule = { threshold: lowDiceThreshold(this.reference), minErrorMm2: minErrorMm2(this.reference) };
    const controller = new AbortController();
    this.computing = controller;
    // Counted while the files were read: the worker answers at once, so no notification flashes.
    const counted = this.countedWhileReading === compareRuleKey({ ...rule, plane });
    this.countedWhileReading = undefined;
    const notify = !counted && voxelPairCount(this.volumesValue) >= NOTIFY_ABOVE_VOXELS;
    const options = {
      location: notify ? vscode.ProgressLocation.Notification : vscode.ProgressLocation.Window,
      title: `Mask Inspector: comparing ${this.title}`,
      cancellable: notify,
    };
    try {
      const result = await vscode.window.withProgress(options, async (progress, token) => {
        token.onCancellationRequested(() => controller.abort('user'));
        let reported = 0;
        this.setState({ kind: 'loading', message: `Computing Dice per ${plane} slice…`, fraction: 0 });
        return this.worker.compute(plane, rule, (fraction) => {
          progress.report({ increment: (fraction - reported) * 100, message: `${Math.round(fraction * 100)}%` });
          reported = fraction;
          this.setState({ kind: 'loading', message: `Computing Dice per ${plane} slice…`, fraction });
        }, controller.signal);
      });
      this.labelsValue = this.volumesValue ? labelsOf(result, this.volumesValue) : [];
      this.dice = result;
      this.surfaceMeasured = undefined;
      this.readingCountsValue = undefined;
      this.setState({ kind: 'ready', result });
    } catch (e) {
      if (controller.signal.aborted && controller.signal.reason === 'superseded') return; // a newer step follows
      const cancelled = controller.signal.aborted || (e instanceof CompareWorkerFailure && e.cancelled);
      const message = cancelled
        ? 'The comparison was cancelled. Run "Mask Inspector: Recompute Comparison" to compute it again.'
        : this.sentence(e, `The metrics of ${this.title} could not be computed`);
      this.setState({ kind: 'error', message });
    } finally {
      if (this.computing === controller) this.computing = undefined;
    }
    // After the Dice metrics are shown: they are the ones people wait for.
    if (this.current.kind === 'ready' && this.dice) await this.surfaceNow(this.dice);
  }

  /** Boundary metrics for `dice` as the settings ask (or none), merged into the shown result. */
  private async surfaceNow(dice: ComparisonResult): Promise<void> {
    const settings = surfaceSettings(this.reference);
    this.surfaceMeasured = settings;
    // Values measured with other settings must not stay on screen meanwhile.
    if (this.result !== dice) this.setState({ kind: 'ready', result: dice });
    if (!settings.enabled) return this.setSurface({ kind: 'off' });
    const controller = new AbortController();
    this.surfacing = controller;
    try {
      const result = await runSurface({
        worker: this.worker, settings, title: this.title, controller,
        notify: voxelPairCount(this.volumesValue) >= NOTIFY_ABOVE_VOXELS,
        onStatus: (status) => this.setSurface(status),
      });
      this.setState({ kind: 'ready', result });
      this.setSurface({ kind: 'ready', toleranceMm: settings.toleranceMm });
    } catch (e) {
      if (controller.signal.aborted && controller.signal.reason === 'superseded') return; // a newer step follows
      this.surfaceMeasured = undefined; // the same settings may be tried again
      const cancelled = controller.signal.aborted || (e instanceof CompareWorkerFailure && e.cancelled);
      const message = cancelled
        ? 'The surface distances were cancelled. Run "Mask Inspector: Recompute Comparison" to compute them again.'
        : this.sentence(e, `The surface distances of ${this.title} could not be computed`);
      this.setSurface({ kind: 'failed', message });
    } finally {
      if (this.surfacing === controller) this.surfacing = undefined;
    }
  }

  private setSurface(status: SurfaceStatus): void {
    if (this.disposed) return;
    this.surfaceValue = status;
    this.emit({ type: 'surfaceStatus', status });
    this.hooks.onChange(this);
  }

  private async restoreBackground(): Promise<void> {
    const remembered = this.hooks.workspaceState.get<string>(BACKGROUND_PAIRING_KEY + this.reference.toString());
    if (remembered) await this.loadBackground(vscode.Uri.parse(remembered));
  }

  private async loadBackground(uri: vscode.Uri): Promise<void> {
    try {
      const file = await fileForWorker(this.hooks.cache, uri);
      this.hooks.cache.release(this.backgroundHold);
      const worker = this.worker;
      const { info, lendable } = await worker.loadBackground(file.named, maxVolumeBytes(this.reference));
      holdAnswered(this.hooks.cache, this.backgroundHold, file, lendable, () => worker.lend('background'));
      this.backgroundValue = { uri, info };
    } catch (e) {
      this.backgroundValue = undefined;
      this.worker.clearBackground();
      void vscode.window.showWarningMessage(`Mask Inspector: ${this.sentence(e, `the background ${fileNameOf(uri)} could not be loaded`)}`);
    }
    this.emit({ type: 'background', background: this.background ?? null });
    this.hooks.onChange(this);
  }

  private setState(state: ComparisonState): void {
    if (this.disposed) return;
    this.current = state;
    this.emit(this.stateMessage(state));
    this.hooks.onChange(this);
  }

  private stateMessage(s: ComparisonState): HostToCompareWebview {
    switch (s.kind) {
      case 'ready': return { type: 'metrics', result: s.result, labels: this.labelsValue };
      case 'loading': return { type: 'loading', message: s.message, fraction: s.fraction };
      case 'error': return { type: 'error', message: s.message };
    }
  }

  private emit(msg: HostToCompareWebview): void {
    for (const listener of this.listeners) listener(msg);
  }

  /** One readable sentence; bugs also go to the log with their stack. */
  private sentence(e: unknown, context: string): string {
    if (e instanceof WorkerStopped) return workerStoppedSentence(this.title, e);
    if (isInputError(e) || (e instanceof CompareWorkerFailure && e.inputError)) return (e as Error).message;
    if (e instanceof vscode.FileSystemError) return `${context}: ${e.message}`;
    this.hooks.log(`${context}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    return `${context} because of an internal error (details in Output › Mask Inspector).`;
  }
}

function workerStoppedSentence(title: string, e: WorkerStopped): string {
  return `${title} cannot be compared: ${e.message}, perhaps out of memory. Reopen reads both files again.`;
}

/**
 * A compared file as the worker gets it: on this machine's disk (file: URIs; the extension host's
 * worker runs where the files are) its path, which the worker streams itself after the same
 * regular-file check; elsewhere (remote file systems, virtual workspaces) its bytes, read through
 * vscode.workspace.fs. One that is gone (deleted or moved since the comparison opened, e.g. before
 * a window reload brought the comparison back) is one sentence naming it; the comparison reads it
 * again when it reappears (the file watcher sees it created).
 */
async function maskForWorker(cache: VolumeCache, uri: vscode.Uri): Promise<FileForWorker> {
  try {
    return await fileForWorker(cache, uri);
  } catch (e) {
    if (isInputError(e) && !(e instanceof MissingFileError)) throw e;
    const gone = await statUri(uri).then(() => false, () => true);
    if (gone) throw new InputError(`${vscode.workspace.asRelativePath(uri)} is not there any more (deleted or moved?). The comparison comes back when the file does.`);
    throw e;
  }
}

/**
 * Both compared files for the worker. Files on this disk are looked up side by side (a path is all
 * the host holds); files read through vscode.workspace.fs one after the other, as their bytes are
 * held until the worker takes them. Of two bad files the reference is named.
 */
async function masksForWorker(cache: VolumeCache, reference: vscode.Uri, prediction: vscode.Uri): Promise<[FileForWorker, FileForWorker]> {
  if (reference.scheme !== 'file' || prediction.scheme !== 'file') {
    const ref = await maskForWorker(cache, reference);
    return [ref, await maskForWorker(cache, prediction)];
  }
  const [ref, pred] = await Promise.allSettled([maskForWorker(cache, reference), maskForWorker(cache, prediction)]);
  if (ref.status === 'rejected') throw ref.reason;
  if (pred.status === 'rejected') throw pred.reason;
  return [ref.value, pred.value];
}

/** `promise`, with its rejection left for whoever awaits it (not reported as unhandled meanwhile). */
function settleLater<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}

/** Voxels of the reference grid: long computations get a notification, short ones a spinner. */
function voxelPairCount(volumes: CompareVolumes | undefined): number {
  return volumes ? volumes.reference.shape[0] * volumes.reference.shape[1] * volumes.reference.shape[2] : 0;
}

function labelsOf(result: ComparisonResult, volumes: CompareVolumes): CompareLabel[] {
  const known = new Map<number, CompareLabel>();
  for (const l of [...volumes.prediction.labels, ...volumes.reference.labels]) {
    known.set(l.value, { value: l.value, ...(l.name ? { name: l.name } : {}), ...(l.colour ? { colour: l.colour } : {}) });
  }
  return result.labels.map((l) => known.get(l.label) ?? { value: l.label });
}
