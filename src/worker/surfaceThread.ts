// The compare worker's side of a surface thread (surfaceMain.ts): the pair's voxels moved once into
// SharedArrayBuffers so the thread reads them in place, progress passed on, and an AbortSignal that
// terminates the thread (the computation has no turn of an event loop to notice an abort in).
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { SurfaceComparisonResult, SurfaceJob, SurfaceThreadToWorker } from '../protocol/compare';
import type { Volume, VoxelArray } from '../core/volume';
import { InputError } from '../core/errors';
import { assertNever } from '../protocol/assertNever';

/** dist/surfaceWorker.js, next to the compare worker's bundle. */
const SCRIPT = join(__dirname, 'surfaceWorker.js');

/**
 * `volume` with its voxels in a SharedArrayBuffer (itself when they already are). One copy, after
 * which the unshared array can be dropped: the volume's memory is held once, by both threads.
 */
export function shareVolume(volume: Volume): Volume {
  const source = volume.data;
  if (source.buffer instanceof SharedArrayBuffer) return volume;
  const buffer = new SharedArrayBuffer(source.byteLength);
  new Uint8Array(buffer).set(new Uint8Array(source.buffer, source.byteOffset, source.byteLength));
  const Ctor = source.constructor as new (buffer: SharedArrayBuffer) => VoxelArray;
  return { header: volume.header, data: new Ctor(buffer) };
}

/** Runs `job` in a new thread; rejects with an AbortError when `signal` aborts. */
export function runSurfaceThread(job: SurfaceJob, onProgress: (fraction: number) => void, signal: AbortSignal, script = SCRIPT): Promise<SurfaceComparisonResult> {
  signal.throwIfAborted();
  return new Promise<SurfaceComparisonResult>((resolve, reject) => {
    const thread = new Worker(script, { workerData: job });
    let settled = false;
    const settle = (finish: () => void): void => {
      if (settled) return;
      settled = true;
      signal.removeEventListener('abort', onAbort);
      finish();
    };
    const onAbort = (): void => {
      void thread.terminate();
      settle(() => reject(new DOMException('The surface metrics were cancelled.', 'AbortError')));
    };
    signal.addEventListener('abort', onAbort, { once: true });
    thread.on('message', (msg: SurfaceThreadToWorker) => {
      switch (msg.type) {
        case 'progress':
          if (!settled) onProgress(msg.fraction);
          return;
        case 'done':
          settle(() => resolve(msg.result));
          return;
        case 'failed':
          settle(() => reject(msg.inputError ? new InputError(msg.message) : new Error(`surface thread: ${msg.message}`)));
          return;
        default:
          assertNever(msg);
      }
    });
    thread.on('error', (e) => settle(() => reject(e)));
    thread.on('exit', (code) => settle(() => reject(new Error(`the surface thread stopped (exit code ${code}) before it answered`))));
  });
}
