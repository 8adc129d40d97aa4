// The per-slice Dice strip in real Chromium: bars drawn by Dice (n/a and Dice 0 told apart by their
// pixels), a click or drag moves both panes to that slice and asks the host for it, the keyboard
// works, the tooltip states the numbers, and the label picker switches what the strip shows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Affine, Vec3 } from '../../src/core/volume';
import { openComparison, type OpenComparison } from './compareHost';
import { testResult } from './compareFixture';
import { barPoint, isBlueBar, isEmpty, isGrey, isOrangeBar, plot, stripPixel, type Plot } from './stripPixels';
import type { TestVolume } from './fakeHost';


async function stripReady(v: OpenComparison): Promise<Plot> {
  await v.host.rendered(0, { view: 'comparison' });
  await v.page.waitForFunction(() => Number(document.querySelector('.mi-strip-canvas')?.getAttribute('data-count')) === 20);
  return plot(v.page);
}

test('bars by Dice: n/a slices hatched grey with a grey foot, Dice 0 a vermillion stub, good slices blue', async () => {
  const v = await openComparison();
  try {
    const p = await stripReady(v);
    // Foreground: slices 0–3 and 16–19 are empty in both masks; slice 4 has only reference voxels
    // (Dice 0); slice 7 Dice 0.857; slice 12 Dice 560/740 = 0.757 (below 0.80).
    assert.ok(isGrey(await stripPixel(v.page, barPoint(p, 0, 0.02))), 'n/a foot is grey');
    assert.ok(isGrey(await stripPixel(v.page, barPoint(p, 18, 0.02))), 'n/a foot is grey');
    assert.deepEqual(await stripPixel(v.page, barPoint(p, 4, 0.02)), [213, 94, 0, 255], 'Dice 0: vermillion stub');
    assert.ok(isEmpty(await stripPixel(v.page, barPoint(p, 4, 0.3))), 'Dice 0: no bar above the stub');
    assert.ok(isBlueBar(await stripPixel(v.page, barPoint(p, 7, 0.3))), 'Dice ≥ threshold: blue');
    assert.ok(isEmpty(await stripPixel(v.page, barPoint(p, 7, 0.95))), 'the bar stops at its Dice');
    assert.ok(isOrangeBar(await stripPixel(v.page, barPoint(p, 12, 0.3))), 'Dice < threshold: orange');
    const nA = await stripPixel(v.page, barPoint(p, 1, 0.3));
    assert.ok(!isBlueBar(nA) && !isOrangeBar(nA), 'an n/a column holds no bar');
    assert.match(await v.page.locator('.mi-strip-summary').textContent() ?? '', /3 of 20 slices below 0\.80 · 8 n\/a/);
  } finally {
    await v.close();
  }
});

test('clicking bar N shows slice N in both panes and asks the host for it; dragging follows the pointer', async () => {
  const v = await openComparison();
  try {
    const p = await stripReady(v);
    assert.ok(!v.host.requests.includes('axial:15'), 'slice 15 was not asked for yet');
    let since = v.host.mark();
    const bar15 = barPoint(p, 15, 0.5);
    await v.page.mouse.click(bar15.x, bar15.y);
    await v.host.rendered(since, { plane: 'axial', index: 15 });
    assert.ok(v.host.requests.includes('axial:15'), 'the click requested slice 15');
    for (const role of ['reference', 'prediction']) {
      assert.equal(await v.page.locator(`.mi-pane[data-role="${role}"]:not([hidden]) .mi-pane-slice`).textContent(), 'k 15 / 19', role);
    }
    since = v.host.mark();
    const from = barPoint(p, 2, 0.5);
    const to = barPoint(p, 11, 0.5);
    await v.page.mouse.move(from.x, from.y);
    await v.page.mouse.down();
    await v.page.mouse.move(to.x, to.y, { steps: 12 });
    await v.page.mouse.up();
    await v.host.rendered(since, { index: 11 });
    // Past the strip's end the drag stays on the last slice.
    since = v.host.mark();
    await v.page.mouse.move(to.x, to.y);
    await v.page.mouse.down();
    await v.page.mouse.move(p.x + p.right + 200, to.y, { steps: 5 });
    await v.page.mouse.up();
    await v.host.rendered(since, { index: 19 });
  } finally {
    await v.close();
  }
});

test('the strip is a keyboard slider: arrows, Page Up/Down and Home/End; the tooltip tells the numbers', async () => {
  const v = await openComparison();
  try {
    const p = await stripReady(v);
    const strip = v.page.locator('.mi-strip-canvas');
    await strip.focus();
    const start = Number(await strip.getAttribute('aria-valuenow'));
    const press = async (key: string, expected: number) => {
      const since = v.host.mark();
      await v.page.keyboard.press(key);
      await v.host.rendered(since, { index: expected });
      assert.equal(await strip.getAttribute('aria-valuenow'), String(expected), key);
    };
    await press('ArrowRight', start + 1);
    await press('ArrowLeft', start);
    await press('PageUp', Math.min(19, start + 10));
    await press('Home', 0);
    await press('End', 19);
    await press('PageDown', 9);
    // The wheel over the strip steps one slice per notch: up = next slice.
    const middle = barPoint(p, 9, 0.5);
    await v.page.mouse.move(middle.x, middle.y);
    let since = v.host.mark();
    await v.page.mouse.wheel(0, -100);
    await v.host.rendered(since, { index: 11 });
    since = v.host.mark();
    await v.page.mouse.wheel(0, 50);
    await v.host.rendered(since, { index: 10 });
    await strip.focus();
    await press('ArrowLeft', 9);
    assert.match(await strip.getAttribute('aria-valuetext') ?? '', /^slice 9: Dice 0\.\d{3} \(TP \d+, FP \d+, FN \d+\)$/);
    const bar4 = barPoint(p, 4, 0.5);
    await v.page.mouse.move(bar4.x, bar4.y);
    const tip = v.page.locator('.mi-strip-tip');
    await tip.waitFor({ state: 'visible' });
    // Slice 4: the reference's liver (16 × 20 voxels), nothing in the prediction.
    assert.equal(await tip.textContent(), 'slice 4: Dice 0.000 (TP 0, FP 0, FN 320)');
    const bar0 = barPoint(p, 0, 0.5);
    await v.page.mouse.move(bar0.x, bar0.y);
    await v.page.waitForFunction(() => document.querySelector('.mi-strip-tip')?.textContent?.startsWith('slice 0'));
    assert.equal(await tip.textContent(), 'slice 0: Dice n/a, both masks empty');
  } finally {
    await v.close();
  }
});

test('the label picker switches the strip, its title and the volume metrics to that label', async () => {
  const v = await openComparison();
  try {
    const p = await stripReady(v);
    assert.ok(isOrangeBar(await stripPixel(v.page, barPoint(p, 12, 0.3))), 'foreground slice 12: 0.757');
    assert.deepEqual(await stripPixel(v.page, barPoint(p, 4, 0.02)), [213, 94, 0, 255], 'foreground slice 4: Dice 0');
    const options = await v.page.locator('.mi-cmp-label option').allTextContents();
    assert.deepEqual(options.map((o) => o.replace(/ · Dice .*/, '')), ['Foreground', '1 liver', '2 spleen']);
    const since = v.host.mark();
    await v.page.selectOption('.mi-cmp-label', '2');
    await v.host.rendered(since, { label: 2 });
    await v.page.waitForFunction(() => document.querySelector('.mi-strip-title')?.textContent?.includes('spleen'));
    assert.equal(await v.page.locator('.mi-strip-title').textContent(), 'Dice per axial slice · 2 spleen');
    // Spleen: slices 12–13 are prediction only (Dice 0), slice 4 holds no spleen (n/a).
    assert.deepEqual(await stripPixel(v.page, barPoint(p, 12, 0.02)), [213, 94, 0, 255]);
    assert.ok(isEmpty(await stripPixel(v.page, barPoint(p, 12, 0.3))));
    assert.ok(isGrey(await stripPixel(v.page, barPoint(p, 4, 0.02))), 'slice 4 is n/a for the spleen');
    // Spleen volume: reference 10×10×6 = 600 voxels, prediction 10×10×8 = 800, overlap 10×8×6 = 480.
    const side = await v.page.locator('.mi-cmp-side').textContent() ?? '';
    assert.match(side, /Volume · 2 spleen/);
    assert.match(side, new RegExp(`Dice${(960 / 1400).toFixed(3).replace('.', '\\.')}`));
  } finally {
    await v.close();
  }
});

test('more slices than pixels: a column shows the worst Dice among its slices, so one bad slice stays visible', async () => {
  // 2000 slices on a strip about 950 px wide; every slice Dice 0.95 but slice 1234 (0.1).
  const count = 2000;
  const shape: Vec3 = [4, 4, count];
  const empty = new Uint8Array(4 * 4 * count);
  const affine: Affine = [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1];
  const volume = (fileName: string): TestVolume => ({
    fileName, shape, spacing: [1, 1, 1], affine, orientation: 'RAS', sliceAxes: { axial: 2, coronal: 1, sagittal: 0 }, mask: empty,
  });
  const base = testResult();
  const slices = Array.from({ length: count }, (_, index) => (index === 1234
    ? { index, tp: 1, fp: 9, fn: 9, dice: 0.1 } : { index, tp: 19, fp: 1, fn: 1, dice: 0.95 }));
  const foreground = { ...base.foreground, slices };
  const result = { ...base, foreground, labels: [], flagged: [{ label: null, index: 1234, dice: 0.1, errorMm2: 18, severity: 16.2 }] };
  const v = await openComparison({ pair: { reference: volume('long_gt.nii.gz'), prediction: volume('long_pred.nii.gz') }, metrics: result });
  try {
    await v.host.rendered(0, { view: 'comparison' });
    await v.page.waitForFunction(() => document.querySelector('.mi-strip-canvas')?.getAttribute('data-count') === '2000');
    const p = await plot(v.page);
    assert.ok((p.right - p.left) / p.count < 1, 'bars narrower than a pixel');
    assert.ok(isEmpty(await stripPixel(v.page, barPoint(p, 1234, 0.5))), 'the column of slice 1234 stops at 0.1');
    assert.ok(isOrangeBar(await stripPixel(v.page, barPoint(p, 1234, 0.05))), 'and is coloured as below the threshold');
    assert.ok(isBlueBar(await stripPixel(v.page, barPoint(p, 1200, 0.5))), 'other columns stand at 0.95');
  } finally {
    await v.close();
  }
});
