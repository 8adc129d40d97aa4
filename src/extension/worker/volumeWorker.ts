// The host's handle on one volume worker thread: typed requests with promised replies, zero-copy
// transfer of file bytes, and a registry of live threads so tests can prove none leak.
import { Worker } from 'node:worker_threads';
import type { Plane } from '../../protocol/viewer';
import type { HostToWorker, VolumeRole, WorkerToHost } from '../../protocol/worker';

type Reply = Exclude<WorkerToHost, { type: 'failed' }>;
export type MaskLoaded = Extract<WorkerToHost, { type: 'maskLoaded' }>;
export type BackgroundLoaded = Extract<WorkerToHost, { type: 'backgroundLoaded' }>;
export type SliceReply = Extract<WorkerToHost, { type: 'slice' }>;

/** A request the worker refused. `inputError`: the message is one sentence for a person. */
export class WorkerFailure extends Error {
  constructor(message: string, readonly inputError: boolean) {
    super(message);
  }
}

/** Threads that have started and not yet exited (counted on the 'exit' event, not on dispose). */
const liveThreads = new Set<Worker>();
export function liveWorkerCount(): number {
  return liveThreads.size;
}

export class VolumeWorker {
  private readonly worker: Worker;
  private readonly pending = new Map<number, { resolve: (r: Reply) => void; reject: (e: Error) => void }>();
  private nextId = 1;
  private disposed = false;

  constructor(scriptPath: string) {
    this.worker = new Worker(scriptPath);
    liveThreads.add(this.worker);
    this.worker.on('message', (msg: WorkerToHost) => this.settle(msg));
    this.worker.on('error', (e) => this.rejectAll(e));
    this.worker.on('exit', (code) => {
      liveThreads.delete(this.worker);
      this.rejectAll(new Error(`the volume worker stopped (exit code ${code})`));
    });
  }

  /** Hands `bytes` to the worker: the caller must not use them afterwards. */
  async load(role: 'mask', name: string, bytes: Uint8Array, maxBytes: number): Promise<MaskLoaded>;
  async load(role: 'background', name: string, bytes: Uint8Array, maxBytes: number): Promise<BackgroundLoaded>;
  async load(role: VolumeRole, name: string, bytes: Uint8Array, maxBytes: number): Promise<MaskLoaded | BackgroundLoaded> {
    const buffer = ownedBuffer(bytes);
    const reply = await this.request((requestId) => ({ type: 'load', requestId, role, name, bytes: buffer, maxBytes }), [buffer]);
    if (reply.type === 'maskLoaded' || reply.type === 'backgroundLoaded') return reply;
    throw new Error(`the worker answered a load with '${reply.type}'`);
  }

  async slice(plane: Plane, index: number): Promise<SliceReply> {
    const reply = await this.request((requestId) => ({ type: 'slice', requestId, plane, index }), []);
    if (reply.type === 'slice') return reply;
    throw new Error(`the worker answered a slice request with '${reply.type}'`);
  }

  clearBackground(): void {
    if (!this.disposed) this.worker.postMessage({ type: 'clearBackground' } satisfies HostToWorker);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    void this.worker.terminate();
  }

  private request(make: (requestId: number) => HostToWorker, transfer: ArrayBuffer[]): Promise<Reply> {
    if (this.disposed) return Promise.reject(new Error('the volume worker was closed'));
    const requestId = this.nextId++;
    return new Promise<Reply>((resolve, reject) => {
      this.pending.set(requestId, { resolve, reject });
      this.worker.postMessage(make(requestId), transfer);
    });
  }

  private settle(msg: WorkerToHost): void {
    const waiter = this.pending.get(msg.requestId);
    if (!waiter) return;
    this.pending.delete(msg.requestId);
    if (msg.type === 'failed') waiter.reject(new WorkerFailure(msg.message, msg.inputError));
    else waiter.resolve(msg);
  }

  private rejectAll(e: Error): void {
    for (const waiter of this.pending.values()) waiter.reject(e);
    this.pending.clear();
  }
}

/**
 * An ArrayBuffer holding exactly `bytes`, safe to transfer. File reads usually own their buffer;
 * a view into a larger (e.g. pooled) buffer is copied so we never detach memory someone else uses.
 */
function ownedBuffer(bytes: Uint8Array): ArrayBuffer {
  if (bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer) {
    return bytes.buffer;
  }
  return bytes.slice().buffer as ArrayBuffer;
}
