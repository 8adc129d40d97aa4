// Worker entry (dist/worker.js): one worker per open mask document. Messages are handled one at a
// time in arrival order, so a slice request that follows a load sees the loaded volume.
import { parentPort } from 'node:worker_threads';
import { isInputError } from '../core/errors';
import type { HostToWorker, WorkerToHost } from '../protocol/worker';
import { ViewerSession } from './session';

const port = parentPort ?? notAWorker();

function notAWorker(): never {
  throw new Error('dist/worker.js must run as a worker thread');
}

const session = new ViewerSession();
let queue: Promise<void> = Promise.resolve();

port.on('message', (msg: HostToWorker) => {
  queue = queue.then(() => handle(msg));
});

async function handle(msg: HostToWorker): Promise<void> {
  try {
    const reply = await session.handle(msg);
    if (reply) port.postMessage(reply.message, reply.transfer);
  } catch (e) {
    const failed: WorkerToHost = {
      type: 'failed',
      requestId: 'requestId' in msg ? msg.requestId : -1,
      message: isInputError(e) ? e.message : e instanceof Error ? (e.stack ?? e.message) : String(e),
      inputError: isInputError(e),
    };
    port.postMessage(failed);
  }
}
