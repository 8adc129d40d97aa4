// One request/response channel over a node:worker_threads Worker, shared by the volume worker
// and the compare worker: numbered requests with promised replies, optional progress callbacks,
// zero-copy transfer, every pending request rejected when the thread fails or exits, and a
// registry of live threads (counted on 'exit', not on dispose) so tests can prove none leak.
// No vscode import: unit tests drive its users directly.
import { Worker } from 'node:worker_threads';
import { assertNever } from '../protocol/assertNever';

/**
 * What one message from the worker means for the request it names. An `update` is a partial result
 * the request reports on its way (a comparison's slices counted so far); workers without any use never.
 */
export type Incoming<Reply, Update = never> =
  | { readonly kind: 'reply'; readonly reply: Reply }
  | { readonly kind: 'progress'; readonly fraction: number; readonly bytes?: BytesRead }
  | { readonly kind: 'update'; readonly update: Update }
  | { readonly kind: 'failure'; readonly error: Error };

/** How far a read has come, in bytes (progress of a request that reads files). */
export interface BytesRead {
  readonly read: number;
  readonly total: number;
}

export type ProgressListener = (fraction: number, bytes?: BytesRead) => void;

export interface WorkerChannelOptions<Message, Reply, Update = never> {
  /** Names the worker in errors, e.g. 'compare worker'. */
  readonly name: string;
  /** The caller's registry of threads that have started and not yet exited. */
  readonly liveThreads: Set<Worker>;
  /** Sorts a message from the worker into a reply, progress, or a failure. */
  readonly interpret: (msg: Message) => Incoming<Reply, Update>;
}

/** The thread ended on its own (out of memory, a crash): every request then fails with this. */
export class WorkerStopped extends Error {}

interface Waiter<Reply, Update> {
  readonly resolve: (r: Reply) => void;
  readonly reject: (e: Error) => void;
  readonly onProgress?: ProgressListener;
  readonly onUpdate?: (update: Update) => void;
}

export class WorkerChannel<Request, Message extends { readonly requestId: number }, Reply, Update = never> {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Waiter<Reply, Update>>();
  private nextId = 1;
  private disposed = false;
  private stopped: WorkerStopped | undefined;
  private readonly stopListeners = new Set<(e: WorkerStopped) => void>();

  constructor(
    scriptPath: string,
    private readonly options: WorkerChannelOptions<Message, Reply, Update>,
  ) {
    this.worker = new Worker(scriptPath);
    options.liveThreads.add(this.worker);
    this.worker.on('message', (msg: Message) => this.settle(msg));
    let cause = '';
    // An uncaught error (or out of memory) is always followed by 'exit', which rejects what is pending.
    this.worker.on('error', (e) => {
      cause = e.message;
    });
    this.worker.on('exit', (code) => {
      options.liveThreads.delete(this.worker);
      if (this.disposed) return this.rejectAll(new Error(`the ${options.name} was closed`));
      // An exit nobody asked for: out of memory (node names it in the error event) or a crash.
      this.stopped = new WorkerStopped(`the ${options.name} stopped unexpectedly (exit code ${code}${cause ? `: ${cause}` : ''})`);
      this.rejectAll(this.stopped);
      for (const listener of this.stopListeners) listener(this.stopped);
    });
  }

  /** A message that expects no answer; dropped once the channel is closed. */
  post(msg: Request): void {
    if (!this.disposed) this.worker.postMessage(msg);
  }

  /** Sends `make(requestId)`, transferring `transfer`; resolves with the reply to that id. */
  request(make: (requestId: number) => Request, transfer: ArrayBuffer[], onProgress?: ProgressListener, onUpdate?: (update: Update) => void): Promise<Reply> {
    if (this.disposed) return Promise.reject(new Error(`the ${this.options.name} was closed`));
    // A dead thread never answers: fail at once rather than leave the caller waiting forever.
    if (this.stopped) return Promise.reject(this.stopped);
    const requestId = this.nextId++;
    return new Promise<Reply>((resolve, reject) => {
      this.pending.set(requestId, { resolve, reject, ...(onProgress ? { onProgress } : {}), ...(onUpdate ? { onUpdate } : {}) });
      this.worker.postMessage(make(requestId), transfer);
    });
  }

  /** Called once if the thread ends without dispose() (the channel is useless from then on). */
  onStopped(listener: (e: WorkerStopped) => void): void {
    this.stopListeners.add(listener);
  }

  /** Test hook: ends the thread without dispose(), as out of memory or a crash would. */
  crashForTest(): void {
    if (!this.disposed) void this.worker.terminate();
  }

  /** Terminates the thread (a running computation stops with it). */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    void this.worker.terminate();
  }

  private settle(msg: Message): void {
    const waiter = this.pending.get(msg.requestId);
    if (!waiter) return;
    const incoming = this.options.interpret(msg);
    switch (incoming.kind) {
      case 'progress':
        waiter.onProgress?.(incoming.fraction, incoming.bytes);
        return;
      case 'update':
        waiter.onUpdate?.(incoming.update);
        return;
      case 'failure':
        this.pending.delete(msg.requestId);
        waiter.reject(incoming.error);
        return;
      case 'reply':
        this.pending.delete(msg.requestId);
        waiter.resolve(incoming.reply);
        return;
      default:
        assertNever(incoming, 'worker message kind');
    }
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
export function ownedBuffer(bytes: Uint8Array): ArrayBuffer {
  if (bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer) {
    return bytes.buffer;
  }
  // A copy; not bytes.slice(), which on a Node Buffer (pooled, or cut from an IPC message) is a view.
  return new Uint8Array(bytes).buffer;
}
