// The comparison's other faces in real Chromium: loading before the files arrive, metrics progress on
// the strip while the panes already work, the error view with the host's sentence (never a blank
// panel), and redraw time at 512 × 512 with the overlay over a background.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Affine, Vec3 } from '../../src/core/volume';
import type { CompareWebviewToHost } from '../../src/protocol/compare';
import { openComparison } from './compareHost';
import { testResult } from './compareFixture';
import type { TestVolume } from './fakeHost';

test('loading, then the panes while metrics compute (progress on the strip), then the metrics', async () => {
  const v = await openComparison({ metrics: null });
  try {
    // Files are here, metrics are not: the panes draw, the strip says what it waits for.
    const since = v.host.mark();
    await v.host.send({ type: 'loading', message: 'Computing Dice per slice…', fraction: 0.4 });
    await v.host.rendered(0, { view: 'comparison' });
    const progress = v.page.locator('.mi-strip-progress');
    await progress.waitFor({ state: 'visible' });
    assert.equal(await v.page.locator('.mi-strip-progress-text').textContent(), 'Computing Dice per slice…');
    assert.equal(await v.page.locator('.mi-strip-progress progress').evaluate((e) => (e as HTMLProgressElement).value), 0.4);
    assert.equal(await v.page.getByRole('button', { name: 'Go to the most severe flagged slice of any label' }).isDisabled(), true);
    assert.match(await v.page.locator('.mi-cmp-side').textContent() ?? '', /Computing…/);
    await v.host.sendMetrics(testResult());
    await progress.waitFor({ state: 'hidden' });
    assert.equal(await v.page.getByRole('button', { name: 'Go to the most severe flagged slice of any label' }).isDisabled(), false);
    // The navigation buttons run the host's commands.
    await v.page.getByRole('button', { name: 'Go to the most severe flagged slice of any label' }).click();
    await v.host.after(since, (m): m is CompareWebviewToHost => m.type === 'command' && m.command === 'goToWorstSlice');
  } finally {
    await v.close();
  }
});

test('before any file: the loading view with the host message, reported as loading', async () => {
  const { openWebviewPage } = await import('./harness');
  const webview = await openWebviewPage({ scripts: ['dist/compare.js'], styles: ['media/viewer.css', 'media/compare.css'] });
  try {
    await webview.waitForPosted((m): m is { type: 'ready' } => (m as CompareWebviewToHost).type === 'ready', 30_000);
    await webview.send({ type: 'loading', message: 'Reading case01_gt.nii.gz…', fraction: null });
    await webview.waitForPosted((m): m is CompareWebviewToHost => (m as CompareWebviewToHost).type === 'rendered' && (m as { view: string }).view === 'loading');
    const loading = webview.page.locator('.mi-loading');
    await loading.waitFor({ state: 'visible' });
    assert.match(await loading.textContent() ?? '', /Reading case01_gt\.nii\.gz…/);
  } finally {
    await webview.close();
  }
});

test('an error replaces the view with the sentence, under a heading, and is reported', async () => {
  const v = await openComparison();
  try {
    await v.host.rendered(0, { view: 'comparison' });
    const message = 'case01_pred.nii.gz is 48 × 40 × 19 voxels but the reference case01_gt.nii.gz is 48 × 40 × 20: they cannot be compared voxel by voxel.';
    const since = v.host.mark();
    await v.host.send({ type: 'error', message });
    const r = await v.host.rendered(since, { view: 'error' });
    assert.equal(r.message, message);
    const error = v.page.locator('.mi-error');
    await error.waitFor({ state: 'visible' });
    assert.equal(await error.getByRole('alert').textContent(), message);
    assert.equal(await error.locator('h1').textContent(), 'The masks cannot be compared');
    assert.equal(await v.page.locator('.mi-app').isHidden(), true);
    // A probe during the error is answered (empty), not left hanging.
    const probe = await v.host.probe('overlay', 'axial', 7, [[15, 25, 7]]);
    assert.deepEqual(probe.samples, []);
    assert.equal(v.webview.posted.some((m) => (m as CompareWebviewToHost).type === 'webviewError'), false);
  } finally {
    await v.close();
  }
});

/** A 512 × 512 × 4 pair of discs (the prediction's shifted) with a background. */
function largePair(): { reference: TestVolume; prediction: TestVolume } {
  const shape: Vec3 = [512, 512, 4];
  const n = shape[0] * shape[1] * shape[2];
  const ref = new Uint8Array(n);
  const pred = new Uint8Array(n);
  const background = new Int16Array(n);
  for (let k = 0; k < shape[2]; k++) {
    for (let j = 0; j < shape[1]; j++) {
      for (let i = 0; i < shape[0]; i++) {
        const at = i + shape[0] * (j + shape[1] * k);
        ref[at] = (i - 256) ** 2 + (j - 256) ** 2 < 150 ** 2 ? 1 + ((i >> 6) & 1) : 0;
        pred[at] = (i - 270) ** 2 + (j - 250) ** 2 < 145 ** 2 ? 1 + ((i >> 6) & 1) : 0;
        background[at] = ((i * 13 + j * 7 + k) % 400) - 100;
      }
    }
  }
  const affine: Affine = [0.8, 0, 0, 0, 0, 0.8, 0, 0, 0, 0, 2, 0, 0, 0, 0, 1];
  const common = {
    shape, spacing: [0.8, 0.8, 2] as Vec3, affine,
    orientation: 'RAS', sliceAxes: { axial: 2, coronal: 1, sagittal: 0 } as const,
  };
  return {
    reference: { ...common, fileName: 'big_gt.nii.gz', mask: ref, background },
    prediction: { ...common, fileName: 'big_pred.nii.gz', mask: pred },
  };
}

test('redraw at 512 × 512 with the overlay over a background takes a few milliseconds', async () => {
  const v = await openComparison({ pair: largePair(), background: true, metrics: null });
  try {
    await v.host.send({ type: 'setMode', mode: 'overlay' });
    const times: number[] = [];
    for (const index of [0, 1, 2, 3, 2, 1, 0, 1]) {
      const since = v.host.mark();
      await v.host.send({ type: 'reveal', plane: 'axial', index });
      const r = await v.host.rendered(since, { index, mode: 'overlay' });
      if (r.drawMs !== undefined) times.push(r.drawMs);
    }
    assert.ok(times.length >= 4, `drawMs reported for ${times.length} redraws`);
    times.sort((a, b) => a - b);
    const median = times[Math.floor(times.length / 2)]!;
    // Classify + render + upload + scale of a 512 × 512 slice; the viewer's budget is 16 ms a frame.
    // Generous here: the test shares two cores with other work.
    assert.ok(median < 16, `median redraw ${median.toFixed(1)} ms (all: ${times.map((t) => t.toFixed(1)).join(', ')})`);
    console.log(`compare overlay redraw 512x512 with background: median ${median.toFixed(2)} ms`);
  } finally {
    await v.close();
  }
});
