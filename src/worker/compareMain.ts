// Compare worker entry (dist/compareWorker.js): one worker per comparison panel. Loads, background
// and slice requests are answered one at a time in arrival order, except slices asked while an
// `open` runs: those are answered as soon as both files are read past them (compareSession's
// sliceWhileOpening), so the panes draw during the read; a metrics computation starts in that order too but runs beside later
// requests, so scrolling stays live while it counts, and a `cancel` is acted on as it arrives.
import { parentPort } from 'node:worker_threads';
import { isInputError } from '../core/errors';
import { assertNever } from '../protocol/assertNever';
import type { CompareWorkerToHost, HostToCompareWorker } from '../protocol/compare';
import { CompareSession, type Reply } from './compareSession';

const port = parentPort ?? notAWorker();

function notAWorker(): never {
  throw new Error('dist/compareWorker.js must run as a worker thread');
}

const session = new CompareSession((message) => port.postMessage(message));
let queue: Promise<void> = Promise.resolve();

port.on('message', (msg: HostToCompareWorker) => {
  switch (msg.type) {
    case 'cancel':
      session.cancel(msg.requestId);
      return;
    case 'open':
      // Stop counting the old pair now, not after the queue reaches the open.
      session.abortRunning();
      session.expectOpen(msg.requestId);
      enqueue(msg, () => session.open(msg));
      return;
    case 'compute':
      queue = queue.then(() => {
        void answer(msg, () => session.compute(msg));
      });
      return;
    case 'surface':
      // Runs in a thread of its own: slices keep being answered while it measures.
      queue = queue.then(() => {
        void answer(msg, () => session.surface(msg));
      });
      return;
    case 'loadBackground':
      enqueue(msg, () => session.loadBackground(msg));
      return;
    case 'clearBackground':
      queue = queue.then(() => session.clearBackground());
      return;
    case 'slice':
      // While an open runs, a slice waits only until both files are read past it (not the queue).
      if (session.isOpening()) void answer(msg, () => session.sliceWhileOpening(msg));
      else enqueue(msg, () => Promise.resolve(session.slice(msg)));
      return;
    case 'lend':
      enqueue(msg, () => Promise.resolve(session.lend(msg)));
      return;
    default:
      assertNever(msg);
  }
});

function enqueue(msg: HostToCompareWorker & { requestId: number }, work: () => Promise<Reply>): void {
  queue = queue.then(() => answer(msg, work));
}

async function answer(msg: { readonly requestId: number }, work: () => Promise<Reply>): Promise<void> {
  try {
    const reply = await work();
    port.postMessage(reply.message, reply.transfer);
  } catch (e) {
    const cancelled = e instanceof Error && e.name === 'AbortError';
    const failed: CompareWorkerToHost = {
      type: 'failed',
      requestId: msg.requestId,
      message: cancelled ? 'cancelled' : isInputError(e) ? e.message : e instanceof Error ? (e.stack ?? e.message) : String(e),
      inputError: isInputError(e),
      cancelled,
    };
    port.postMessage(failed);
  }
}
