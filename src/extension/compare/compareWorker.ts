// The host's handle on one compare worker thread: typed requests with promised replies, progress
// callbacks, zero-copy transfer of file bytes, cancellation, and a registry of live threads so
// tests can prove none outlive their panel. No vscode import: unit tests drive it directly.
import type { Worker } from 'node:worker_threads';
import type { LendableVolumes, LendRole, ReadingCounts, ReadingRule, ComparisonResult, CompareVolumes, CompareWorkerToHost, HostToCompareWorker, PairSlice, SurfaceComparisonResult } from '../../protocol/compare';
import type { Volume } from '../../core/volume';
import type { Plane } from '../../protocol/viewer';
import { assertNever } from '../../protocol/assertNever';
import { volumeFileMessage, type NamedFile } from '../detachedFiles';

export type { NamedFile };
import { WorkerChannel, type Incoming, type ProgressListener, type WorkerStopped } from '../workerChannel';

type Reply = Exclude<CompareWorkerToHost, { type: 'failed' | 'progress' | 'readingCounts' | 'described' }>;
/** What an open reports on its way: the files' early descriptions, then the slices counted so far. */
type OpenUpdate = Extract<CompareWorkerToHost, { type: 'readingCounts' | 'described' }>;

/** A request the worker refused. `inputError`: one sentence for a person; `cancelled`: on request. */
export class CompareWorkerFailure extends Error {
  constructor(
    message: string,
    readonly inputError: boolean,
    readonly cancelled: boolean,
  ) {
    super(message);
  }
}


/** What an open answers: the panes' description, and which volumes other editors may borrow. */
export interface Opened {
  readonly volumes: CompareVolumes;
  readonly lendable: LendableVolumes;
}

export type BackgroundLoaded = Extract<CompareWorkerToHost, { type: 'backgroundLoaded' }>;

export interface OpenOptions {
  /** Compute these metrics in the reading pass (the compute that follows is then answered at once). */
  readonly metrics?: ReadingRule;
  /** Called as the files are read: the fraction, and voxel bytes read of both files' total. */
  readonly onProgress?: ProgressListener;
  /** Aborting stops the read (the open rejects with a cancelled CompareWorkerFailure). */
  readonly signal?: AbortSignal;
  /** Called as the reading pass counts slices: the foreground's metrics of those finished so far. */
  readonly onCounts?: (counts: ReadingCounts) => void;
  /**
   * Called once both headers are read and the grids match, before any voxel: both files'
   * descriptions (`labelsCounting`, no labels yet). Slices can be asked from then on.
   */
  readonly onDescribed?: (volumes: CompareVolumes) => void;
}

/** Threads that have started and not yet exited (counted on 'exit', not on dispose). */
const liveThreads = new Set<Worker>();
export function liveCompareWorkerCount(): number {
  return liveThreads.size;
}

function interpret(msg: CompareWorkerToHost): Incoming<Reply, OpenUpdate> {
  switch (msg.type) {
    case 'progress':
      return { kind: 'progress', fraction: msg.fraction, ...(msg.bytes && { bytes: msg.bytes }) };
    case 'readingCounts':
    case 'described':
      return { kind: 'update', update: msg };
    case 'failed':
      return { kind: 'failure', error: new CompareWorkerFailure(msg.message, msg.inputError, msg.cancelled) };
    default:
      return { kind: 'reply', reply: msg };
  }
}

export class CompareWorker {
  private readonly channel: WorkerChannel<HostToCompareWorker, CompareWorkerToHost, Reply, OpenUpdate>;

  constructor(scriptPath: string) {
    this.channel = new WorkerChannel(scriptPath, { name: 'compare worker', liveThreads, interpret });
  }

  /**
   * Opens both files in the worker, which reads them in one pass with the metrics' counting. Bytes
   * are handed over: the caller must not use them afterwards. A held volume is shared, not read.
   */
  async open(reference: NamedFile, prediction: NamedFile, maxBytes: number, options: OpenOptions = {}): Promise<Opened> {
    const ref = volumeFileMessage(reference);
    const pred = volumeFileMessage(prediction);
    const transfer = [...new Set([...ref.transfer, ...pred.transfer])];
    const { metrics, onCounts, onDescribed } = options;
    const onUpdate = (update: OpenUpdate): void => {
      switch (update.type) {
        case 'readingCounts':
          return onCounts?.(update.counts);
        case 'described':
          return onDescribed?.(update.volumes);
        default:
          assertNever(update);
      }
    };
    const reply = await this.cancellable(
      (requestId) => ({ type: 'open', requestId, reference: ref.file, prediction: pred.file, maxBytes, ...(metrics && { metrics }) }),
      options.onProgress,
      options.signal,
      transfer,
      onUpdate,
    );
    if (reply.type === 'opened') return { volumes: reply.volumes, lendable: reply.lendable };
    throw new Error(`the compare worker answered an open with '${reply.type}'`);
  }

  /**
   * Computes the metrics; rejects with a cancelled CompareWorkerFailure when `signal` aborts (or a
   * newer compute or open supersedes it).
   */
  async compute(
    plane: Plane,
    rule: { readonly threshold: number; readonly minErrorMm2: number },
    onProgress?: ProgressListener,
    signal?: AbortSignal,
  ): Promise<ComparisonResult> {
    const { threshold, minErrorMm2 } = rule;
    const reply = await this.cancellable((requestId) => ({ type: 'compute', requestId, plane, threshold, minErrorMm2 }), onProgress, signal);
    if (reply.type === 'metrics') return reply.result;
    throw new Error(`the compare worker answered a compute with '${reply.type}'`);
  }

  /**
   * Boundary metrics (HD, HD95, ASSD, NSD at `toleranceMm`; per slice too when `perSlice`) for the
   * last finished compute: its result with them merged in. Cancellable like compute.
   */
  async surface(
    toleranceMm: number,
    perSlice: boolean,
    onProgress?: (fraction: number) => void,
    signal?: AbortSignal,
  ): Promise<SurfaceComparisonResult> {
    const reply = await this.cancellable((requestId) => ({ type: 'surface', requestId, toleranceMm, perSlice }), onProgress, signal);
    if (reply.type === 'surface') return reply.result;
    throw new Error(`the compare worker answered a surface request with '${reply.type}'`);
  }

  async loadBackground(background: NamedFile, maxBytes: number): Promise<BackgroundLoaded> {
    const { file, transfer } = volumeFileMessage(background);
    const reply = await this.channel.request((requestId) => ({ type: 'loadBackground', requestId, background: file, maxBytes }), transfer);
    if (reply.type === 'backgroundLoaded') return reply;
    throw new Error(`the compare worker answered a background load with '${reply.type}'`);
  }

  clearBackground(): void {
    this.channel.post({ type: 'clearBackground' });
  }

  /** A held volume for another editor's worker (shared memory, not a copy); undefined when none. */
  async lend(role: LendRole): Promise<Volume | undefined> {
    const reply = await this.channel.request((requestId) => ({ type: 'lend', requestId, role }), []);
    if (reply.type === 'lent') return reply.volume ?? undefined;
    throw new Error(`the compare worker answered a lend with '${reply.type}'`);
  }

  async slice(plane: Plane, index: number): Promise<PairSlice> {
    const reply = await this.channel.request((requestId) => ({ type: 'slice', requestId, plane, index }), []);
    if (reply.type === 'slice') return reply;
    throw new Error(`the compare worker answered a slice request with '${reply.type}'`);
  }

  /** Terminates the thread (a running computation stops with it). */
  dispose(): void {
    this.channel.dispose();
  }

  /** Called once if the thread dies on its own (out of memory, a bug); every request fails from then on. */
  onStopped(listener: (e: WorkerStopped) => void): void {
    this.channel.onStopped(listener);
  }

  /** Test hook: ends the thread as a crash would (not a dispose), so onStopped listeners hear of it. */
  crashForTest(): void {
    this.channel.crashForTest();
  }

  /** A request that `signal` cancels (the worker then answers `failed` with `cancelled`). */
  private async cancellable(
    make: (requestId: number) => HostToCompareWorker,
    onProgress: ProgressListener | undefined,
    signal: AbortSignal | undefined,
    transfer: ArrayBuffer[] = [],
    onUpdate?: (update: OpenUpdate) => void,
  ): Promise<Reply> {
    let requestId = 0;
    const onAbort = (): void => this.channel.post({ type: 'cancel', requestId });
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      return await this.channel.request((id) => {
        requestId = id;
        return make(id);
      }, transfer, onProgress, onUpdate);
    } finally {
      signal?.removeEventListener('abort', onAbort);
    }
  }
}


