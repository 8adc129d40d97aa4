// The host's handle on one compare worker thread: typed requests with promised replies, progress
// callbacks, zero-copy transfer of file bytes, cancellation, and a registry of live threads so
// tests can prove none outlive their panel. No vscode import: unit tests drive it directly.
import { Worker } from 'node:worker_threads';
import type { ComparisonResult, CompareVolumes, CompareWorkerToHost, HostToCompareWorker, SurfaceComparisonResult } from '../../protocol/compare';
import type { BackgroundInfo, Plane } from '../../protocol/viewer';

type Reply = Exclude<CompareWorkerToHost, { type: 'failed' | 'progress' }>;
export type CompareSliceReply = Extract<CompareWorkerToHost, { type: 'slice' }>;

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

export interface NamedBytes {
  readonly name: string;
  readonly bytes: Uint8Array;
}

interface Waiter {
  readonly resolve: (r: Reply) => void;
  readonly reject: (e: Error) => void;
  readonly onProgress?: (fraction: number) => void;
}

/** Threads that have started and not yet exited (counted on 'exit', not on dispose). */
const liveThreads = new Set<Worker>();
export function liveCompareWorkerCount(): number {
  return liveThreads.size;
}

export class CompareWorker {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Waiter>();
  private nextId = 1;
  private disposed = false;

  constructor(scriptPath: string) {
    this.worker = new Worker(scriptPath);
    liveThreads.add(this.worker);
    this.worker.on('message', (msg: CompareWorkerToHost) => this.settle(msg));
    this.worker.on('error', (e) => this.rejectAll(e));
    this.worker.on('exit', (code) => {
      liveThreads.delete(this.worker);
      this.rejectAll(new Error(`the compare worker stopped (exit code ${code})`));
    });
  }

  /** Hands both files' bytes to the worker: the caller must not use them afterwards. */
  async open(reference: NamedBytes, prediction: NamedBytes, maxBytes: number): Promise<CompareVolumes> {
    const ref = ownedBuffer(reference.bytes);
    const pred = ownedBuffer(prediction.bytes);
    const reply = await this.request(
      (requestId) => ({
        type: 'open',
        requestId,
        reference: { name: reference.name, bytes: ref },
        prediction: { name: prediction.name, bytes: pred },
        maxBytes,
      }),
      ref === pred ? [ref] : [ref, pred],
    );
    if (reply.type === 'opened') return reply.volumes;
    throw new Error(`the compare worker answered an open with '${reply.type}'`);
  }

  /**
   * Computes the metrics; rejects with a cancelled CompareWorkerFailure when `signal` aborts (or a
   * newer compute or open supersedes it).
   */
  async compute(
    plane: Plane,
    threshold: number,
    onProgress?: (fraction: number) => void,
    signal?: AbortSignal,
  ): Promise<ComparisonResult> {
    const reply = await this.cancellable((requestId) => ({ type: 'compute', requestId, plane, threshold }), onProgress, signal);
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

  async loadBackground(background: NamedBytes, maxBytes: number): Promise<BackgroundInfo> {
    const bytes = ownedBuffer(background.bytes);
    const reply = await this.request(
      (requestId) => ({ type: 'loadBackground', requestId, background: { name: background.name, bytes }, maxBytes }),
      [bytes],
    );
    if (reply.type === 'backgroundLoaded') return reply.info;
    throw new Error(`the compare worker answered a background load with '${reply.type}'`);
  }

  clearBackground(): void {
    this.post({ type: 'clearBackground' });
  }

  async slice(plane: Plane, index: number): Promise<CompareSliceReply> {
    const reply = await this.request((requestId) => ({ type: 'slice', requestId, plane, index }), []);
    if (reply.type === 'slice') return reply;
    throw new Error(`the compare worker answered a slice request with '${reply.type}'`);
  }

  /** Terminates the thread (a running computation stops with it). */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    void this.worker.terminate();
  }

  private post(msg: HostToCompareWorker): void {
    if (!this.disposed) this.worker.postMessage(msg);
  }

  /** A request that `signal` cancels (the worker then answers `failed` with `cancelled`). */
  private async cancellable(
    make: (requestId: number) => HostToCompareWorker,
    onProgress: ((fraction: number) => void) | undefined,
    signal: AbortSignal | undefined,
  ): Promise<Reply> {
    let requestId = 0;
    const onAbort = (): void => this.post({ type: 'cancel', requestId });
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      return await this.request((id) => {
        requestId = id;
        return make(id);
      }, [], onProgress);
    } finally {
      signal?.removeEventListener('abort', onAbort);
    }
  }

  private request(
    make: (requestId: number) => HostToCompareWorker,
    transfer: ArrayBuffer[],
    onProgress?: (fraction: number) => void,
  ): Promise<Reply> {
    if (this.disposed) return Promise.reject(new Error('the compare worker was closed'));
    const requestId = this.nextId++;
    return new Promise<Reply>((resolve, reject) => {
      this.pending.set(requestId, { resolve, reject, ...(onProgress ? { onProgress } : {}) });
      this.worker.postMessage(make(requestId), transfer);
    });
  }

  private settle(msg: CompareWorkerToHost): void {
    const waiter = this.pending.get(msg.requestId);
    if (!waiter) return;
    if (msg.type === 'progress') {
      waiter.onProgress?.(msg.fraction);
      return;
    }
    this.pending.delete(msg.requestId);
    if (msg.type === 'failed') waiter.reject(new CompareWorkerFailure(msg.message, msg.inputError, msg.cancelled));
    else waiter.resolve(msg);
  }

  private rejectAll(e: Error): void {
    for (const waiter of this.pending.values()) waiter.reject(e);
    this.pending.clear();
  }
}

/**
 * An ArrayBuffer holding exactly `bytes`, safe to transfer. A view into a larger (e.g. pooled)
 * buffer is copied so we never detach memory someone else uses.
 */
function ownedBuffer(bytes: Uint8Array): ArrayBuffer {
  if (bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer) {
    return bytes.buffer;
  }
  return bytes.slice().buffer as ArrayBuffer;
}
