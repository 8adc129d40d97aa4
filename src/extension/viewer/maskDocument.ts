// One open mask file: its worker thread, what the editor should show (loading / error / volume),
// and the paired background. Webview panels subscribe to the messages it emits and replay its
// current state when they (re)start. The file is only ever read.
import * as vscode from 'vscode';
import { fileForWorker, holdAnswered } from '../heldVolumes';
import { fileNameOf } from '../maskFiles';
import type { VolumeCache } from '../volumeCache';
import { InputError, isInputError } from '../../core/errors';
import type { BackgroundInfo, HostToWebview, LabelInfo, LabelNamesInfo, Plane, VolumeInfo } from '../../protocol/viewer';
import { maxVolumeBytes } from '../settings';
import { VolumeWorker, WorkerFailure, type SliceReply } from '../worker/volumeWorker';
import type { LabelNamesChoice } from './labelChoice';
import { labelNamesInfo, loadLabelNames } from './labelNames';
import { withLoadProgress } from './progress';
import { WorkerStopped } from '../workerChannel';
import { statUri } from '../statUri';

export type ViewState =
  | { readonly kind: 'loading'; readonly message: string }
  | { readonly kind: 'error'; readonly message: string }
  | { readonly kind: 'ready'; readonly info: VolumeInfo; readonly labelNames: LabelNamesInfo };

type BackgroundState =
  | { readonly kind: 'none' }
  | { readonly kind: 'ready'; readonly uri: vscode.Uri; readonly info: BackgroundInfo }
  | { readonly kind: 'error'; readonly message: string };

export interface DocumentHooks {
  /** Unexpected failures (bugs), with stacks, for the output channel. */
  readonly log: (message: string) => void;
  /** Called once when VS Code disposes the document (its last editor closed). */
  readonly onDispose: () => void;
  /** The label names chosen for this mask's folder ("Use Label Names From…"), if any. */
  readonly labelChoice: (uri: vscode.Uri) => LabelNamesChoice | undefined;
  /** A fresh worker thread, for Reopen after the last one died. */
  readonly newWorker: () => VolumeWorker;
  /** Decoded volumes shared with the other editors (the comparison's too). */
  readonly cache: VolumeCache;
}

export class MaskDocument implements vscode.CustomDocument {
  private view: ViewState = { kind: 'loading', message: 'Reading the file…' };
  private background: BackgroundState = { kind: 'none' };
  /** The worker's volume without names: names are re-applied when label settings change. */
  private workerInfo: VolumeInfo | undefined;
  private readonly listeners = new Set<(msg: HostToWebview) => void>();
  private loading: Promise<void> = Promise.resolve();
  private disposed = false;
  /** What this document holds in the volume cache: its mask, and its background. */
  private readonly maskHold = {};
  private readonly backgroundHold = {};

  constructor(
    readonly uri: vscode.Uri,
    private worker: VolumeWorker,
    private readonly hooks: DocumentHooks,
  ) {
    this.watchWorker();
  }

  /**
   * A worker that dies (out of memory, a bug) leaves the error view, whose Reopen button calls
   * reopen(); never a blank tab or slices that never come.
   */
  private watchWorker(): void {
    const worker = this.worker;
    worker.onStopped((e) => {
      if (this.disposed || worker !== this.worker) return;
      this.hooks.log(`${this.fileName}: ${e.message}`);
      this.workerInfo = undefined;
      this.setView({ kind: 'error', message: workerStoppedSentence(this.fileName, e) });
    });
  }

  /** Starts a new worker and reads the file again (the error view's Reopen). */
  reopen(): Promise<void> {
    this.worker.dispose();
    this.worker = this.hooks.newWorker();
    this.watchWorker();
    return this.load();
  }

  get fileName(): string {
    return fileNameOf(this.uri);
  }

  get state(): ViewState {
    return this.view;
  }

  get backgroundUri(): vscode.Uri | undefined {
    return this.background.kind === 'ready' ? this.background.uri : undefined;
  }

  /** Why the last background could not be paired, if it could not. */
  get backgroundProblem(): string | undefined {
    return this.background.kind === 'error' ? this.background.message : undefined;
  }

  /** Reads and decodes the mask (again, after a change on disk); resolves when shown or failed. */
  load(): Promise<void> {
    this.loading = this.loading.then(() => this.loadNow());
    return this.loading;
  }

  /** Pairs a background image; resolves when it is shown or its error is. */
  setBackground(uri: vscode.Uri): Promise<void> {
    this.loading = this.loading.then(() => this.loadBackgroundNow(uri));
    return this.loading;
  }

  clearBackground(): void {
    this.worker.clearBackground();
    this.hooks.cache.release(this.backgroundHold);
    this.setBackgroundState({ kind: 'none' });
  }

  /** Re-reads label names (settings or label files changed) without touching the volume. */
  async refreshLabels(): Promise<void> {
    if (!this.workerInfo) return;
    this.setView({ kind: 'ready', ...(await this.withNames(this.workerInfo)) });
  }

  slice(plane: Plane, index: number): Promise<SliceReply> {
    return this.worker.slice(plane, index);
  }

  subscribe(listener: (msg: HostToWebview) => void): vscode.Disposable {
    this.listeners.add(listener);
    return new vscode.Disposable(() => this.listeners.delete(listener));
  }

  /** What a freshly started webview needs to catch up. */
  snapshot(): HostToWebview[] {
    return [viewMessage(this.view, this.fileName), backgroundMessage(this.background)];
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.listeners.clear();
    this.worker.dispose();
    this.hooks.cache.release(this.maskHold);
    this.hooks.cache.release(this.backgroundHold);
    this.hooks.onDispose();
  }

  private async loadNow(): Promise<void> {
    const name = this.fileName;
    const maxBytes = maxVolumeBytes(this.uri);
    const previousBackground = this.backgroundUri;
    this.workerInfo = undefined;
    this.setView({ kind: 'loading', message: 'Reading the file…' });
    try {
      checkFileSize(name, await fileSize(this.uri), maxBytes);
      await withLoadProgress(`Mask Inspector: opening ${name}`, async (report) => {
        // Borrowed first (an unchanged file, reloaded by a watcher event, is lent by this very worker);
        // then released, since loading a mask drops the worker's mask and background.
        const file = await fileForWorker(this.hooks.cache, this.uri);
        this.hooks.cache.release(this.maskHold);
        this.hooks.cache.release(this.backgroundHold);
        report('held' in file.named ? 'already decoded for another editor…' : 'reading and decoding…');
        this.setView({ kind: 'loading', message: 'held' in file.named ? 'Already decoded for another editor…' : 'Reading and decoding…' });
        const worker = this.worker;
        const loaded = await worker.load('mask', file.named, maxBytes);
        holdAnswered(this.hooks.cache, this.maskHold, file, loaded.lendable, () => worker.lend('mask'));
        this.workerInfo = loaded.info;
        this.setView({ kind: 'ready', ...(await this.withNames(loaded.info)) });
      });
    } catch (e) {
      this.setView({ kind: 'error', message: this.sentence(e, `${name} could not be opened`) });
      return;
    }
    // The worker dropped the background with the old mask; pair it again with the new one.
    if (previousBackground) await this.loadBackgroundNow(previousBackground);
  }

  private async loadBackgroundNow(uri: vscode.Uri): Promise<void> {
    if (this.view.kind !== 'ready') {
      this.setBackgroundState({ kind: 'error', message: `The background cannot be set: ${this.fileName} is not open.` });
      return;
    }
    const name = fileNameOf(uri);
    const maxBytes = maxVolumeBytes(this.uri);
    try {
      checkFileSize(name, await fileSize(uri), maxBytes);
      const loaded = await withLoadProgress(`Mask Inspector: loading background ${name}`, async (report) => {
        report('reading…');
        const file = await fileForWorker(this.hooks.cache, uri);
        this.hooks.cache.release(this.backgroundHold);
        const worker = this.worker;
        const answer = await worker.load('background', file.named, maxBytes);
        holdAnswered(this.hooks.cache, this.backgroundHold, file, answer.lendable, () => worker.lend('background'));
        return answer;
      });
      this.setBackgroundState({ kind: 'ready', uri, info: loaded.info });
    } catch (e) {
      this.setBackgroundState({ kind: 'error', message: this.sentence(e, `The background ${name} could not be loaded`) });
    }
  }

  private async withNames(info: VolumeInfo): Promise<{ readonly info: VolumeInfo; readonly labelNames: LabelNamesInfo }> {
    const found = await loadLabelNames(this.uri, this.hooks.labelChoice(this.uri));
    if (found.problem) void vscode.window.showWarningMessage(`Mask Inspector: ${found.problem}`);
    const labels = info.labels.map((l): LabelInfo => {
      const entry = found.table.get(l.value);
      const colour = l.colour ?? entry?.colour;
      return { ...l, ...(entry ? { name: entry.name } : {}), ...(colour ? { colour } : {}) };
    });
    return { info: { ...info, labels }, labelNames: labelNamesInfo(found, info.labels.map((l) => l.value), 1) };
  }

  /** One readable sentence for the editor; bugs also go to the log with their stack. */
  private sentence(e: unknown, context: string): string {
    if (isInputError(e) || (e instanceof WorkerFailure && e.inputError)) return (e as Error).message;
    if (e instanceof vscode.FileSystemError) return `${context}: ${e.message}`;
    if (e instanceof WorkerStopped) return workerStoppedSentence(this.fileName, e);
    this.hooks.log(`${context}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    return `${context} because of an internal error (details in Output › Mask Inspector).`;
  }

  private setView(view: ViewState): void {
    this.view = view;
    this.emit(viewMessage(view, this.fileName));
  }

  private setBackgroundState(state: BackgroundState): void {
    this.background = state;
    this.emit(backgroundMessage(state));
  }

  private emit(msg: HostToWebview): void {
    for (const listener of this.listeners) listener(msg);
  }
}

function viewMessage(view: ViewState, fileName: string): HostToWebview {
  switch (view.kind) {
    case 'loading': return { type: 'loading', fileName, message: view.message, fraction: null };
    case 'error': return { type: 'error', message: view.message };
    case 'ready': return { type: 'volume', info: view.info, labelNames: view.labelNames };
  }
}

function backgroundMessage(state: BackgroundState): HostToWebview {
  switch (state.kind) {
    case 'none': return { type: 'background', background: null };
    case 'ready': return { type: 'background', background: state.info };
    case 'error': return { type: 'backgroundError', message: state.message };
  }
}

function workerStoppedSentence(fileName: string, e: WorkerStopped): string {
  return `${fileName} cannot be shown: ${e.message}, perhaps out of memory. Reopen reads it again.`;
}

async function fileSize(uri: vscode.Uri): Promise<number> {
  return (await statUri(uri)).size;
}

function checkFileSize(name: string, size: number, maxBytes: number): void {
  if (size > maxBytes) {
    const mb = (n: number): number => Math.round(n / 2 ** 20);
    throw new InputError(`${name} is ${mb(size)} MB, over the maskInspector.maxVolumeMegabytes limit of ${mb(maxBytes)} MB; raise that setting if this machine has the memory.`);
  }
}
