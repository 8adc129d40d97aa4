// A 512×512×300 six-label pair (the phantom, written at test time) compared in a real VS Code: the
// extension host's event loop never stalls long while the worker counts, the metrics arrive with
// every slice of every label, the strip was sent slices as they were counted, and closing the
// editor mid-count stops its worker.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { after, before, describe, it } from 'mocha';
import * as vscode from 'vscode';
import { activeState, api, compareState, until } from './compareHelpers';
import { closeAll, EXTENSION_ID, fixture } from './viewerHelpers';

/**
 * The longest gap between ticks of a 5 ms timer: an upper bound on the longest task the host ran
 * meanwhile. On a loaded 2-core machine the operating system alone makes gaps of 100-190 ms now and
 * then (measured while the host idled), so the bound asserted below is looser than the ~50 ms goal;
 * a synchronous pass over the pair's 78 M voxels on this thread would still exceed it.
 */
function watchEventLoop(): { stop(): number } {
  let last = performance.now();
  let longest = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, 5);
  return {
    stop() {
      clearInterval(timer);
      return longest;
    },
  };
}

describe('comparison of a 512×512×300 pair', function () {
  this.timeout(180_000);

  before(async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension);
    await extension.activate();
    // process.execPath is node under code-server and Electron in desktop VS Code; both run the CLI as node.
    execFileSync(process.execPath, [join(extension.extensionPath, 'dist', 'cli.js'), 'phantom', fixture('large-compare').fsPath, '--shape', '512,512,300', '--no-image'], {
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
      stdio: 'ignore',
    });
  });

  after(() => closeAll());

  it('keeps the extension host responsive while the worker computes every label and slice', async () => {
    const a = await api();
    const watch = watchEventLoop();
    const started = Date.now();
    await a.compare(fixture('large-compare/reference.nii.gz'), fixture('large-compare/prediction.nii.gz'));
    await until('the webview to show the metrics', async () => {
      const c = await activeState();
      return c.state === 'ready' && c.rendered?.view === 'comparison' ? true : undefined;
    }, 60_000);
    const longest = watch.stop();
    const active = a.activeComparison();
    assert.ok(active, JSON.stringify(await compareState()));
    assert.equal(active.sliceDice.length, 300);
    // The strip filled in while the files were read: the first post held part of the axial slices (the
    // first piece counted), the last all of them.
    const posts = (await activeState()).readingPosts;
    assert.ok(posts.length >= 2 && posts[0]! > 0 && posts[0]! < 300 && posts.at(-1) === 300, `slices per post: ${posts.join(', ')}`);
    // The panes showed while the files were read: the webview reported slices drawn before the read ended.
    // Only when the webview had started before the read ended: under load VS Code for the Web may
    // start it after a 512×512×300 read is over (once in a fresh-clone CI run).
    const { renderedWhileReading, readyWhileReading } = await activeState();
    if (readyWhileReading) assert.ok(renderedWhileReading > 0, 'the panes drew slices while the files were read');
    else console.log('the comparison webview started after the read ended: no early panes to check');
    console.log(`[compare] 512×512×300 six labels: ${renderedWhileReading} pane redraws while reading; metrics shown after ${Date.now() - started} ms; longest extension-host task ${longest.toFixed(0)} ms`);
    // A guard against work on the host thread (decoding these files there blocks for seconds), not a
    // latency target: with code-server, Chromium and the worker sharing 2 cores, gaps of 250–350 ms
    // were seen with nothing else running, so the bound is 500 ms.
    assert.ok(longest < 500, `the extension host was blocked for ${longest.toFixed(0)} ms`);
  });

  it('closing the editor during the count stops its worker', async () => {
    await closeAll();
    await until('no compare worker', async () => ((await compareState()).liveWorkers === 0 ? true : undefined));
    void vscode.commands.executeCommand('maskInspector.compare', fixture('large-compare/reference.nii.gz'), fixture('large-compare/prediction.nii.gz'));
    await until('the count to start', async () => {
      const s = await compareState();
      return s.comparisons[0]?.state === 'loading' && s.liveWorkers === 1 ? true : undefined;
    }, 30_000);
    await closeAll();
    await until('the worker to stop', async () => {
      const s = await compareState();
      return s.comparisons.length === 0 && s.liveWorkers === 0 ? true : undefined;
    }, 10_000);
  });
});
