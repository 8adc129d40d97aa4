// The Dice strip filling in while the files are read, in real Chromium: before the panes can show,
// the strip sits under the loading progress with bars for the slices counted so far and the rest
// drawn as not read yet (neither n/a nor Dice 0 by their pixels); the keyboard and tooltip say which
// is which; axe finds nothing serious; more counts fill more bars; the volumes move the strip back
// under the panes and the final metrics replace the partial strip. A plane that cuts across the
// read says when its strip will show instead. Screenshots: test-results/screenshots/compare-reading-*.png.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import type { ReadingCounts } from '../../src/protocol/compare';
import { describeViolations, seriousViolations } from './axe';
import { openComparison, type OpenComparison } from './compareHost';
import { testPair, testResult } from './compareFixture';
import { volumeInfo, NO_LABEL_NAMES } from './fakeHost';
import { screenshot } from './page';
import { barPoint, isBlueBar, isGrey, isOrangeBar, plot, stripPixel } from './stripPixels';

/** The not-read band: a faint grey wash, present (not blank canvas) but far from opaque. */
const isNotReadBand = ([r, g, b, a]: number[]) => a! > 10 && a! < 80 && Math.max(r!, g!, b!) - Math.min(r!, g!, b!) < 16;

/** The first `n` of the 20 axial slices, as the worker posts them (the foreground's final metrics of those slices). */
function filling(n: number): ReadingCounts {
  return { kind: 'filling', plane: 'axial', sliceCount: 20, slices: testResult().foreground.slices.slice(0, n) };
}

async function audit(page: Page, state: string): Promise<void> {
  const serious = await seriousViolations(page);
  assert.deepEqual(serious.map((v) => v.id), [], `${state}:\n${describeViolations(serious)}`);
}

async function countShown(v: OpenComparison, count: number): Promise<void> {
  await v.page.waitForFunction((n) => Number(document.querySelector('.mi-strip-canvas')?.getAttribute('data-count')) === 20
    && (document.querySelector('.mi-strip-summary')?.textContent ?? '').startsWith(`${n} of 20 slices counted`), count);
}

test('while reading, the strip fills in under the progress: counted slices have bars, the rest are not read yet', async () => {
  const v = await openComparison({ reading: true });
  try {
    await v.host.send({ type: 'loading', message: 'Reading the files… Read 0.3 of 0.8 MB', fraction: 0.4 });
    await v.host.send({ type: 'readingCounts', counts: null });
    await v.host.send({ type: 'readingCounts', counts: filling(8) });
    await countShown(v, 8);
    assert.ok(await v.page.locator('.mi-loading .mi-strip-canvas').isVisible(), 'the strip is in the loading view');
    assert.match(await v.page.locator('.mi-loading').textContent() ?? '', /Read 0\.3 of 0\.8 MB/, 'the bytes read still show');
    const p = await plot(v.page);
    // Slices 0–3 are empty in both masks (n/a), slice 4 holds only reference voxels (Dice 0), 7 has Dice 0.857.
    assert.ok(isGrey(await stripPixel(v.page, barPoint(p, 1, 0.02))), 'counted n/a slice: grey foot');
    assert.deepEqual(await stripPixel(v.page, barPoint(p, 4, 0.02)), [213, 94, 0, 255], 'counted Dice 0: vermillion stub');
    assert.ok(isBlueBar(await stripPixel(v.page, barPoint(p, 7, 0.3))), 'counted good slice: blue bar');
    // Slice 12 (Dice 0.757 once read) and 18 (n/a once read) are not read yet: the band, never a bar or a foot.
    for (const index of [12, 18]) {
      const foot = await stripPixel(v.page, barPoint(p, index, 0.02));
      const middle = await stripPixel(v.page, barPoint(p, index, 0.3));
      assert.ok(isNotReadBand(foot) && isNotReadBand(middle), `slice ${index} not read: ${foot} ${middle}`);
    }
    const below = testResult().foreground.slices.slice(0, 8).filter((s) => s.dice !== null && s.dice < 0.8).length;
    assert.ok(below > 0, 'the counted slices include one below the threshold');
    assert.equal(await v.page.locator('.mi-strip-summary').textContent(), `8 of 20 slices counted · ${below} below 0.80 so far · 4 n/a`);
    assert.match(await v.page.locator('.mi-strip-title').textContent() ?? '', /Dice per axial slice · Foreground, counted while reading/);
    assert.ok(await v.page.locator('.mi-strip-mode').isDisabled(), 'only the foreground is counted while reading');
    assert.ok(await v.page.locator('.mi-strip-key-pending').isVisible(), 'the key names the not-read band');
    await screenshot(v.page, 'compare-reading-strip');

    // The keyboard walks counted and uncounted slices alike, and says which is which.
    const strip = v.page.locator('.mi-strip-canvas');
    await strip.focus();
    await v.page.keyboard.press('End');
    await v.page.waitForFunction(() => document.querySelector('.mi-strip-canvas')?.getAttribute('aria-valuenow') === '19');
    assert.equal(await strip.getAttribute('aria-valuetext'), 'slice 19: not read yet');
    await v.page.keyboard.press('Home');
    for (let i = 0; i < 7; i++) await v.page.keyboard.press('ArrowRight');
    await v.page.waitForFunction(() => document.querySelector('.mi-strip-canvas')?.getAttribute('aria-valuenow') === '7');
    assert.match(await strip.getAttribute('aria-valuetext') ?? '', /^slice 7: Dice 0\.857 /);
    assert.equal(await v.page.evaluate(() => document.activeElement?.classList.contains('mi-strip-canvas')), true, 'focus stays on the strip');
    await audit(v.page, 'loading view with the strip filling in');

    // More counted: slice 12's bar appears, orange (below the threshold).
    await v.host.send({ type: 'readingCounts', counts: filling(16) });
    await countShown(v, 16);
    const p2 = await plot(v.page);
    assert.ok(isOrangeBar(await stripPixel(v.page, barPoint(p2, 12, 0.3))), 'slice 12 now counted: orange bar');
    assert.ok(isNotReadBand(await stripPixel(v.page, barPoint(p2, 18, 0.3))), 'slice 18 still not read');

    // The read ends: the panes show with the strip under them; then the metrics replace the partial strip.
    const { reference, prediction } = testPair();
    await v.host.send({ type: 'readingCounts', counts: filling(20) });
    const since = v.host.mark();
    await v.host.send({ type: 'volumes', volumes: { reference: volumeInfo(reference), prediction: volumeInfo(prediction), alignment: 'identical' }, labelNames: NO_LABEL_NAMES });
    await v.host.rendered(since, { view: 'comparison' });
    assert.equal(await v.page.locator('.mi-loading .mi-strip').count(), 0, 'the strip left the loading view');
    assert.ok(await v.page.locator('.mi-cmp-centre .mi-strip-canvas').isVisible(), 'the strip is under the panes');
    await countShown(v, 20);
    await v.host.sendMetrics(testResult());
    await v.page.waitForFunction(() => /^3 of 20 slices below 0\.80 · 8 n\/a$/.test(document.querySelector('.mi-strip-summary')?.textContent ?? ''));
    assert.ok(!(await v.page.locator('.mi-strip-mode').isDisabled()), 'the strip modes are back');
    assert.ok(!(await v.page.locator('.mi-strip-key-pending').isVisible()), 'nothing is unread any more');
  } finally {
    await v.close();
  }
});

test('reading again over a shown comparison: the partial strip replaces the old one, the progress goes in its head line', async () => {
  const v = await openComparison();
  try {
    await v.host.rendered(0, { view: 'comparison' });
    await v.host.send({ type: 'loading', message: 'Reading the files… Read 0.1 of 0.8 MB', fraction: 0.1 });
    await v.host.send({ type: 'readingCounts', counts: null });
    await v.host.send({ type: 'readingCounts', counts: filling(5) });
    await countShown(v, 5);
    assert.match(await v.page.locator('.mi-strip-summary').textContent() ?? '', /· Reading the files… Read 0\.1 of 0\.8 MB$/);
    assert.ok(await v.page.locator('.mi-strip-progress').isHidden(), 'no progress box over the bars');
    const p = await plot(v.page);
    assert.ok(isNotReadBand(await stripPixel(v.page, barPoint(p, 12, 0.3))), 'the old bar of slice 12 is gone until it is read again');
    await screenshot(v.page, 'compare-reading-again');
    await v.host.sendMetrics(testResult());
    await v.page.waitForFunction(() => /^3 of 20 slices below 0\.80/.test(document.querySelector('.mi-strip-summary')?.textContent ?? ''));
  } finally {
    await v.close();
  }
});

test('a plane that cuts across the read says its strip shows when the read ends', async () => {
  const v = await openComparison({ reading: true });
  try {
    await v.host.send({ type: 'loading', message: 'Reading the files…', fraction: 0.2 });
    await v.host.send({ type: 'readingCounts', counts: { kind: 'whenRead', plane: 'sagittal', sliceCount: 48 } });
    await v.page.waitForFunction(() => /Dice per sagittal slice shows when the read ends/.test(document.querySelector('.mi-loading')?.textContent ?? ''));
    assert.equal(await v.page.locator('.mi-loading .mi-strip').count(), 0, 'no empty strip pretends to fill');
    await screenshot(v.page, 'compare-reading-when-read');
    await audit(v.page, 'loading view, plane across the read');
  } finally {
    await v.close();
  }
});
