// The panes showing while the files are still read, in real Chromium: once the host forwards the
// files' early descriptions (labels still counting), the panes draw the axial slices the worker
// sends as its read passes them, the filling strip moves under them with the bytes read in its head
// line, the label list says "counting…", and a plane that cuts across the read says in its panes
// that its slices show when the read ends. The final descriptions clear both notes.
// Screenshots: test-results/screenshots/compare-early-panes*.png.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ReadingCounts } from '../../src/protocol/compare';
import type { Vec3 } from '../../src/core/volume';
import { describeViolations, seriousViolations } from './axe';
import { openComparison } from './compareHost';
import { testPair, testResult } from './compareFixture';
import { volumeInfo, NO_LABEL_NAMES } from './fakeHost';
import { screenshot } from './page';

/** Both masks hold the liver here (test/webview/compareFixture.ts): drawn, it is not background. */
const TP_LIVER: Vec3 = [15, 25, 7];

function filling(n: number): ReadingCounts {
  return { kind: 'filling', plane: 'axial', sliceCount: 20, slices: testResult().foreground.slices.slice(0, n) };
}

test('while reading, the panes show the slices read so far with the strip under them; a plane across the read says it waits', async () => {
  const v = await openComparison({ reading: true });
  try {
    v.host.holding.add('coronal');
    v.host.holding.add('sagittal');
    await v.host.send({ type: 'loading', message: 'Reading the files… Read 0.3 of 0.8 MB', fraction: 0.4 });
    await v.host.send({ type: 'readingCounts', counts: null });
    await v.host.send({ type: 'readingCounts', counts: filling(8) });
    const { reference, prediction } = testPair();
    const counting = { labels: [], labelsTruncated: false };
    const since = v.host.mark();
    await v.host.send({
      type: 'volumes',
      volumes: { reference: { ...volumeInfo(reference), ...counting }, prediction: { ...volumeInfo(prediction), ...counting }, alignment: 'identical', labelsCounting: true },
      labelNames: NO_LABEL_NAMES,
    });
    await v.host.send({ type: 'loading', message: 'Reading the files… Read 0.4 of 0.8 MB', fraction: 0.5 });
    await v.host.rendered(since, { view: 'comparison', plane: 'axial' });
    assert.ok(await v.page.locator('.mi-pane[data-plane="axial"]').first().isVisible(), 'the axial panes show during the read');
    assert.ok(await v.page.locator('.mi-cmp-centre .mi-strip-canvas').isVisible(), 'the filling strip is under the panes');
    await v.page.waitForFunction(() => /^8 of 20 slices counted.*Read 0\.4 of 0\.8 MB$/.test(document.querySelector('.mi-strip-summary')?.textContent ?? ''));
    assert.match(await v.page.locator('.mi-cmp-labels-counting').textContent() ?? '', /^Labels: counting…/, 'the label list says the labels are being counted');
    assert.equal(await v.page.locator('.mi-pane[data-plane="axial"] .mi-pane-wait').first().isVisible(), false, 'axial slices do not wait');
    const early = (await v.host.probe('reference', 'axial', TP_LIVER[2], [TP_LIVER])).samples[0]?.rgba ?? null;
    assert.ok(early !== null && early.slice(0, 3).some((c) => c > 40), `the reference pane draws the liver of the slice read: ${String(early)}`);
    const serious = await seriousViolations(v.page);
    assert.deepEqual(serious.map((x) => x.id), [], describeViolations(serious));
    await screenshot(v.page, 'compare-early-panes');

    // Coronal slices cut across the storage order: the worker holds them until the read ends.
    await v.host.send({ type: 'reveal', plane: 'coronal', index: 25 });
    const note = v.page.locator('.mi-pane[data-plane="coronal"] .mi-pane-wait').first();
    await note.waitFor({ state: 'visible' });
    assert.match(await note.textContent() ?? '', /^Coronal slices show when the read ends: they cut across the order the files are stored in\.$/);
    assert.ok(v.host.requests.includes('coronal:25 held'), `the coronal slice was asked and held: ${v.host.requests.join(', ')}`);
    await screenshot(v.page, 'compare-early-panes-coronal');

    // The read ends: the final descriptions (labels counted) clear the notes; the held slice comes.
    v.host.holding.clear();
    await v.host.send({ type: 'volumes', volumes: { reference: volumeInfo(reference), prediction: volumeInfo(prediction), alignment: 'identical' }, labelNames: NO_LABEL_NAMES });
    await note.waitFor({ state: 'hidden' });
    await v.host.sendMetrics(testResult());
    await v.page.waitForFunction(() => document.querySelector('.mi-cmp-labels-counting') === null);
    const final = (await v.host.probe('reference', 'axial', TP_LIVER[2], [TP_LIVER])).samples[0]?.rgba ?? null;
    assert.deepEqual(early, final, 'the liver is drawn in its colour while reading, as after');
  } finally {
    await v.close();
  }
});

test('while reading a colour prediction renumbered to the reference, every pane says its slices show when the read ends', async () => {
  const v = await openComparison({ reading: true });
  try {
    for (const plane of ['axial', 'coronal', 'sagittal'] as const) v.host.holding.add(plane);
    await v.host.send({ type: 'loading', message: 'Reading the files… Read 0.3 of 0.8 MB', fraction: 0.4 });
    const { reference, prediction } = testPair();
    const counting = { labels: [], labelsTruncated: false };
    await v.host.send({
      type: 'volumes',
      volumes: { reference: { ...volumeInfo(reference), ...counting }, prediction: { ...volumeInfo(prediction), ...counting }, alignment: 'identical', labelsCounting: true, slicesWhenRead: 'renumberedColours' },
      labelNames: NO_LABEL_NAMES,
    });
    const note = v.page.locator('.mi-pane[data-plane="axial"] .mi-pane-wait').first();
    await note.waitFor({ state: 'visible' });
    assert.equal(await note.textContent(), "Slices show when the read ends: the prediction's colours are matched to the reference's labels once both are read.");
    await screenshot(v.page, 'compare-early-panes-renumbered');
    v.host.holding.clear();
    await v.host.send({ type: 'volumes', volumes: { reference: volumeInfo(reference), prediction: volumeInfo(prediction), alignment: 'identical' }, labelNames: NO_LABEL_NAMES });
    await note.waitFor({ state: 'hidden' });
  } finally {
    await v.close();
  }
});

test('while reading, a slice already read shows at once even when one ahead of the read is still awaited', async () => {
  const v = await openComparison({ reading: true });
  try {
    v.host.readFront.set('axial', 8); // slices 0..7 are read; 8 and after wait for the read
    await v.host.send({ type: 'loading', message: 'Reading the files… Read 0.3 of 0.8 MB', fraction: 0.4 });
    const { reference, prediction } = testPair();
    const counting = { labels: [], labelsTruncated: false };
    await v.host.send({
      type: 'volumes',
      volumes: { reference: { ...volumeInfo(reference), ...counting }, prediction: { ...volumeInfo(prediction), ...counting }, alignment: 'identical', labelsCounting: true },
      labelNames: NO_LABEL_NAMES,
    });
    await v.host.send({ type: 'readingCounts', counts: filling(8) });
    // The person jumps ahead of the read, then back to a slice already read.
    await v.host.send({ type: 'reveal', plane: 'axial', index: 15 });
    const since = v.host.mark();
    await v.host.send({ type: 'reveal', plane: 'axial', index: TP_LIVER[2] });
    await v.host.rendered(since, { view: 'comparison', plane: 'axial' });
    assert.ok(v.host.requests.some((r) => /^axial:(1[0-9]) held$/.test(r)), `a slice ahead of the read is awaited: ${v.host.requests.join(', ')}`);
    assert.ok(v.host.requests.includes(`axial:${TP_LIVER[2]}`), `the slice read is asked beside it: ${v.host.requests.join(', ')}`);
    const drawn = (await v.host.probe('reference', 'axial', TP_LIVER[2], [TP_LIVER])).samples[0]?.rgba ?? null;
    assert.ok(drawn !== null && drawn.slice(0, 3).some((c) => c > 40), `the liver of the slice read is drawn: ${String(drawn)}`);
  } finally {
    await v.close();
  }
});
