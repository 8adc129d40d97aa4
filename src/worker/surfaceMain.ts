// Surface thread entry (dist/surfaceWorker.js): the compare worker starts one per `surface`
// request with the job in workerData. The distance transforms are long synchronous loops (seconds
// on a 512×512×300 pair), so they run here rather than in the compare worker, whose panes keep
// getting slices meanwhile; cancelling terminates this thread. The voxels arrive in
// SharedArrayBuffers: nothing is copied.
import { parentPort, workerData } from 'node:worker_threads';
import { isInputError } from '../core/errors';
import { surfaceForComparison, withSurface } from '../core/surface/comparison';
import type { SurfaceJob, SurfaceThreadToWorker } from '../protocol/compare';

const port = parentPort ?? notAThread();

function notAThread(): never {
  throw new Error('dist/surfaceWorker.js must run as a worker thread');
}

const post = (message: SurfaceThreadToWorker): void => port.postMessage(message);

function run(job: SurfaceJob): void {
  // Whole percents only: the per-slice pass reports after every slice of every label.
  let reported = -1;
  const onProgress = (fraction: number): void => {
    const percent = Math.floor(fraction * 100);
    if (percent <= reported) return;
    reported = percent;
    post({ type: 'progress', fraction });
  };
  try {
    const surface = surfaceForComparison(job.reference, job.prediction, job.result, { toleranceMm: job.toleranceMm, perSlice: job.perSlice, onProgress });
    post({ type: 'done', result: withSurface(job.result, surface) });
  } catch (e) {
    post({
      type: 'failed',
      message: isInputError(e) ? e.message : e instanceof Error ? (e.stack ?? e.message) : String(e),
      inputError: isInputError(e),
    });
  }
}

run(workerData as SurfaceJob);
