// The host's handle on one volume worker thread: typed requests with promised replies, zero-copy
// hand-over of files (bytes transferred, held volumes shared), and a registry of live threads so
// tests can prove none leak.
import type { Worker } from 'node:worker_threads';
import type { Volume } from '../../core/volume';
import type { Plane } from '../../protocol/viewer';
import type { HostToWorker, VolumeRole, WorkerToHost } from '../../protocol/worker';
import { volumeFileMessage, type NamedFile } from '../detachedFiles';
import { WorkerChannel, type Incoming, type WorkerStopped } from '../workerChannel';

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

function interpret(msg: WorkerToHost): Incoming<Reply> {
  if (msg.type === 'failed') return { kind: 'failure', error: new WorkerFailure(msg.message, msg.inputError) };
  return { kind: 'reply', reply: msg };
}

export class VolumeWorker {
  private readonly channel: WorkerChannel<HostToWorker, WorkerToHost, Reply>;

  constructor(scriptPath: string) {
    this.channel = new WorkerChannel(scriptPath, { name: 'volume worker', liveThreads, interpret });
  }

  /**
   * Hands the file to the worker: bytes (and its detached files') are transferred, so the caller
   * must not use them afterwards; a path is streamed by the worker; a held volume is shared.
   */
  async load(role: 'mask', file: NamedFile, maxBytes: number): Promise<MaskLoaded>;
  async load(role: 'background', file: NamedFile, maxBytes: number): Promise<BackgroundLoaded>;
  async load(role: VolumeRole, named: NamedFile, maxBytes: number): Promise<MaskLoaded | BackgroundLoaded> {
    const { file, transfer } = volumeFileMessage(named);
    const reply = await this.channel.request((requestId) => ({ type: 'load', requestId, role, file, maxBytes }), transfer);
    if (reply.type === 'maskLoaded' || reply.type === 'backgroundLoaded') return reply;
    throw new Error(`the worker answered a load with '${reply.type}'`);
  }

  /** The held mask or background for another editor's worker (shared memory, not a copy); undefined when none. */
  async lend(role: VolumeRole): Promise<Volume | undefined> {
    const reply = await this.channel.request((requestId) => ({ type: 'lend', requestId, role }), []);
    if (reply.type === 'lent') return reply.volume ?? undefined;
    throw new Error(`the worker answered a lend with '${reply.type}'`);
  }

  async slice(plane: Plane, index: number): Promise<SliceReply> {
    const reply = await this.channel.request((requestId) => ({ type: 'slice', requestId, plane, index }), []);
    if (reply.type === 'slice') return reply;
    throw new Error(`the worker answered a slice request with '${reply.type}'`);
  }

  /** Called if the thread dies on its own (out of memory, a crash). */
  onStopped(listener: (e: WorkerStopped) => void): void {
    this.channel.onStopped(listener);
  }

  clearBackground(): void {
    this.channel.post({ type: 'clearBackground' });
  }

  dispose(): void {
    this.channel.dispose();
  }
}
