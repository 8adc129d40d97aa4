// A worker thread that dies on its own (a crash, out of memory, process.exit) must never leave the
// editor waiting: the request in flight fails with WorkerStopped, listeners hear of it once (the
// document then shows its error view with Reopen), and any later request fails at once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { VolumeWorker } from '../../../src/extension/worker/volumeWorker';
import { WorkerStopped } from '../../../src/extension/workerChannel';

function script(body: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'mask-inspector-worker-')), 'worker.js');
  writeFileSync(path, `const { parentPort } = require('node:worker_threads');\nparentPort.on('message', (msg) => { ${body} });\n`);
  return path;
}

for (const [how, body, pattern] of [
  ['throws', "throw new Error('a bug in the worker');", /stopped unexpectedly \(exit code 1: a bug in the worker\)/],
  ['exits', 'process.exit(9);', /stopped unexpectedly \(exit code 9\)/],
] as const) {
  test(`a worker that ${how} mid-request: the request fails, listeners hear once, later requests fail at once`, async () => {
    const worker = new VolumeWorker(script(body));
    const heard: WorkerStopped[] = [];
    worker.onStopped((e) => heard.push(e));
    try {
      await assert.rejects(worker.load('mask', { name: 'a.nii', bytes: new Uint8Array(10) }, 1 << 20), (e: unknown) => e instanceof WorkerStopped && pattern.test(e.message));
      assert.equal(heard.length, 1);
      const started = Date.now();
      await assert.rejects(worker.slice('axial', 0), WorkerStopped);
      assert.ok(Date.now() - started < 1000, 'a request to a dead worker fails at once');
    } finally {
      worker.dispose();
    }
  });
}

test('dispose is not an unexpected stop', async () => {
  const worker = new VolumeWorker(script('')); // never answers
  const heard: WorkerStopped[] = [];
  worker.onStopped((e) => heard.push(e));
  const pending = worker.slice('axial', 0);
  worker.dispose();
  await assert.rejects(pending, (e: unknown) => !(e instanceof WorkerStopped));
  await new Promise((r) => setTimeout(r, 200));
  assert.equal(heard.length, 0);
});
