// The comparison webview in real Chromium, driven as a person and as the host would: what each pane
// draws where (positions follow from anatomy: axial radiological puts voxel (i, j) at column W−1−i,
// row H−1−j), linked navigation, TP/FP/FN colours, reveal, mode toggle, probes and state restore.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Affine, Vec3 } from '../../src/core/volume';
import { pointOf, screenshot, type Screen } from './page';
import { SHAPE, SPACING, testResult } from './compareFixture';
import type { TestVolume } from './fakeHost';
import { TEST_COLOURS, TEST_SETTINGS, openComparison, paneRect, savedCompareState, type OpenComparison } from './compareHost';

type Rgba = readonly [number, number, number, number];
const BLACK: Rgba = [0, 0, 0, 255];
/** The palette's first two colours (Okabe–Ito orange and sky blue) for labels 1 and 2. */
const LIVER: Rgba = [230, 159, 0, 255];
const SPLEEN: Rgba = [86, 180, 233, 255];

/** Voxels of axial slice 7 (see compareFixture), none on the crosshair's row or column. */
const TP_LIVER: Vec3 = [15, 25, 7];
const FP_LIVER: Vec3 = [25, 25, 7];
const FN_LIVER: Vec3 = [8, 25, 7];
const FP_SPLEEN: Vec3 = [35, 23, 7];
const FN_SPLEEN: Vec3 = [35, 12, 7];
const OUTSIDE: Vec3 = [2, 2, 7];

async function axialColour(v: OpenComparison, screen: Screen, role: 'reference' | 'prediction' | 'overlay', voxel: Vec3): Promise<Rgba> {
  const rect = await paneRect(v.page, role);
  const p = pointOf(rect, {
    col: SHAPE[0] - 1 - voxel[0], row: SHAPE[1] - 1 - voxel[1], cols: SHAPE[0], rows: SHAPE[1],
    widthMm: SHAPE[0] * SPACING[0], heightMm: SHAPE[1] * SPACING[1],
  });
  return screen.at(p.x, p.y);
}

async function showAxial(v: OpenComparison, index: number, mode: 'sideBySide' | 'overlay'): Promise<void> {
  const since = v.host.mark();
  await v.host.send({ type: 'setMode', mode });
  await v.host.send({ type: 'reveal', plane: 'axial', index });
  await v.host.rendered(since, { view: 'comparison', plane: 'axial', index, mode });
}

test('side by side: each pane shows its own mask in label colours at the anatomical position', async () => {
  const v = await openComparison();
  try {
    await showAxial(v, 7, 'sideBySide');
    const screen = await screenshot(v.page);
    const expected: [Vec3, Rgba, Rgba][] = [
      [TP_LIVER, LIVER, LIVER], [FP_LIVER, BLACK, LIVER], [FN_LIVER, LIVER, BLACK],
      [FP_SPLEEN, BLACK, SPLEEN], [FN_SPLEEN, SPLEEN, BLACK], [OUTSIDE, BLACK, BLACK],
    ];
    for (const [voxel, reference, prediction] of expected) {
      assert.deepEqual(await axialColour(v, screen, 'reference', voxel), reference, `reference at ${voxel}`);
      assert.deepEqual(await axialColour(v, screen, 'prediction', voxel), prediction, `prediction at ${voxel}`);
    }
    assert.equal(await v.page.locator('.mi-pane[data-role="reference"]:not([hidden]) .mi-pane-title').textContent(), 'Reference · case01_gt.nii.gz');
    assert.equal(await v.page.locator('.mi-pane[data-role="prediction"]:not([hidden]) .mi-pane-title').textContent(), 'Prediction · case01_pred.nii.gz');
  } finally {
    await v.close();
  }
});

test('overlay: TP, FP and FN of the foreground in their colours where the masks agree and differ', async () => {
  const v = await openComparison();
  try {
    await showAxial(v, 7, 'overlay');
    const screen = await screenshot(v.page);
    const expected: [Vec3, Rgba][] = [
      [TP_LIVER, TEST_COLOURS.tp], [FP_LIVER, TEST_COLOURS.fp], [FN_LIVER, TEST_COLOURS.fn],
      [FP_SPLEEN, TEST_COLOURS.fp], [FN_SPLEEN, TEST_COLOURS.fn], [OUTSIDE, BLACK],
    ];
    for (const [voxel, colour] of expected) assert.deepEqual(await axialColour(v, screen, 'overlay', voxel), colour, `overlay at ${voxel}`);
    // The host's probe sees the same colours through the protocol.
    const probe = await v.host.probe('overlay', 'axial', 7, [TP_LIVER, FP_LIVER, FN_LIVER]);
    assert.deepEqual(probe.samples.map((s) => s.rgba), [TEST_COLOURS.tp, TEST_COLOURS.fp, TEST_COLOURS.fn]);
    // The side panel counts this slice's classes: liver 16×20 box shifted 2 → 14×20 TP, 2×20 FP, 2×20 FN;
    // spleen 10×6 in reference rows 12–17 of its 10: TP 10×8, FP 10×2, FN 10×2 (slice 7 holds both).
    const count = async (cls: string) => v.page.locator(`.mi-cmp-side [data-class="${cls}"] .mi-legend-count`).textContent();
    assert.equal(await count('TP'), String(14 * 20 + 10 * 8));
    assert.equal(await count('FP'), String(2 * 20 + 10 * 2));
    assert.equal(await count('FN'), String(2 * 20 + 10 * 2));
  } finally {
    await v.close();
  }
});

test('overlay classes can be hidden; the overlay follows the chosen label', async () => {
  const v = await openComparison();
  try {
    await showAxial(v, 7, 'overlay');
    await v.page.locator('[data-class="FP"] input').uncheck();
    await v.page.waitForFunction(() => (document.querySelector('[data-class="FP"] input') as HTMLInputElement).checked === false);
    let since = v.host.mark();
    await v.page.selectOption('.mi-cmp-label', '2');
    await v.host.rendered(since, { label: 2, mode: 'overlay', index: 7 });
    const screen = await screenshot(v.page);
    assert.deepEqual(await axialColour(v, screen, 'overlay', TP_LIVER), BLACK, 'the liver is not label 2');
    assert.deepEqual(await axialColour(v, screen, 'overlay', FP_SPLEEN), BLACK, 'FP hidden');
    assert.deepEqual(await axialColour(v, screen, 'overlay', FN_SPLEEN), TEST_COLOURS.fn);
    assert.equal(await v.page.locator('.mi-pane[data-role="overlay"]:not([hidden]) .mi-pane-title').textContent(), 'Overlay · 2 spleen');
    await v.page.locator('.mi-cmp-label').focus();
    await v.page.keyboard.press('o'); // typing in the label picker must not toggle the mode
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(v.host.lastRendered()?.mode, 'overlay');
    since = v.host.mark();
    await v.page.locator('.mi-pane[data-role="overlay"]:not([hidden]) .mi-surface').focus();
    await v.page.keyboard.press('o');
    await v.host.rendered(since, { mode: 'sideBySide' });
    assert.equal(await v.page.getByRole('button', { name: /side by side/i }).getAttribute('aria-pressed'), 'true');
  } finally {
    await v.close();
  }
});

test('navigation in one pane moves both: keys, slider and a click share one slice and cursor', async () => {
  const v = await openComparison();
  try {
    await showAxial(v, 5, 'sideBySide');
    await v.page.locator('.mi-pane[data-role="reference"]:not([hidden]) .mi-surface').focus();
    let since = v.host.mark();
    await v.page.keyboard.press('ArrowDown');
    await v.host.rendered(since, { index: 4 });
    // Slice 4: the reference has the liver, the prediction does not (it starts at slice 5).
    let screen = await screenshot(v.page);
    assert.deepEqual(await axialColour(v, screen, 'reference', [15, 25, 4]), LIVER);
    assert.deepEqual(await axialColour(v, screen, 'prediction', [15, 25, 4]), BLACK);
    for (const role of ['reference', 'prediction']) {
      assert.equal(await v.page.locator(`.mi-pane[data-role="${role}"]:not([hidden]) .mi-pane-slice`).textContent(), 'k 4 / 19', role);
    }
    since = v.host.mark();
    await v.page.locator('.mi-pane[data-role="prediction"]:not([hidden]) .mi-slider').fill('9');
    await v.host.rendered(since, { index: 9 });
    screen = await screenshot(v.page);
    assert.deepEqual(await axialColour(v, screen, 'reference', [15, 25, 9]), LIVER);
    assert.deepEqual(await axialColour(v, screen, 'prediction', [15, 25, 9]), LIVER);
    assert.equal(await v.page.locator('.mi-pane[data-role="reference"]:not([hidden]) .mi-slider').inputValue(), '9');
    // A click in the prediction pane moves the crosshair (and the readout) in both.
    const rect = await paneRect(v.page, 'prediction');
    const p = pointOf(rect, { col: SHAPE[0] - 1 - 35, row: SHAPE[1] - 1 - 23, cols: SHAPE[0], rows: SHAPE[1], widthMm: SHAPE[0], heightMm: SHAPE[1] });
    await v.page.mouse.click(p.x, p.y);
    await v.page.mouse.move(5, 5); // leave the panes: the readout shows the crosshair
    await v.page.waitForFunction(() => document.querySelector('.mi-readout')?.textContent?.includes('(35, 23, 9)'));
    const readout = await v.page.locator('.mi-readout').textContent();
    assert.match(readout ?? '', /Reference\s*0.*Prediction\s*2 spleen/);
  } finally {
    await v.close();
  }
});

test('zoom and pan are linked: both panes show the same voxel at the same place', async () => {
  const v = await openComparison();
  try {
    await showAxial(v, 7, 'sideBySide');
    await v.page.locator('.mi-pane[data-role="reference"]:not([hidden]) .mi-surface').focus();
    await v.page.keyboard.press('+');
    await v.page.keyboard.press('+');
    const ref = await paneRect(v.page, 'reference');
    // Two presses of + zoom by 1.25² about the pane centre; then a drag pans by the pointer's travel.
    await v.page.mouse.move(ref.left + ref.width / 2, ref.top + ref.height / 2);
    await v.page.mouse.down();
    await v.page.mouse.move(ref.left + ref.width / 2 + 40, ref.top + ref.height / 2 + 30, { steps: 4 });
    await v.page.mouse.up();
    await v.page.waitForFunction(() => {
      const s = (window as unknown as { __compareApi: { getState(): { zoom: { axial: { zoom: number; panX: number } } } } }).__compareApi.getState();
      return Math.abs(s.zoom.axial.zoom - 1.5625) < 1e-9 && s.zoom.axial.panX !== 0;
    });
    await new Promise((r) => setTimeout(r, 150)); // the redraw after the last pointer move
    const screen = await screenshot(v.page);
    const at = async (role: 'reference' | 'prediction', voxel: Vec3): Promise<Rgba> => {
      const rect = await paneRect(v.page, role);
      const unzoomed = pointOf(rect, {
        col: SHAPE[0] - 1 - voxel[0], row: SHAPE[1] - 1 - voxel[1], cols: SHAPE[0], rows: SHAPE[1], widthMm: SHAPE[0], heightMm: SHAPE[1],
      });
      const cx = rect.left + rect.width / 2;
      const cy = rect.top + rect.height / 2;
      return screen.at(cx + (unzoomed.x - cx) * 1.5625 + 40, cy + (unzoomed.y - cy) * 1.5625 + 30);
    };
    assert.deepEqual(await at('reference', TP_LIVER), LIVER);
    assert.deepEqual(await at('prediction', TP_LIVER), LIVER);
    assert.deepEqual(await at('reference', FP_LIVER), BLACK);
    assert.deepEqual(await at('prediction', FP_LIVER), LIVER);
    assert.deepEqual(await at('reference', FN_SPLEEN), SPLEEN);
    assert.deepEqual(await at('prediction', FN_SPLEEN), BLACK);
  } finally {
    await v.close();
  }
});

test('reveal from the host: plane, slice and label; reported back; state kept for a restored webview', async () => {
  const v = await openComparison();
  let saved: unknown;
  try {
    const since = v.host.mark();
    await v.host.send({ type: 'reveal', plane: 'axial', index: 13, label: 2 });
    await v.host.rendered(since, { view: 'comparison', plane: 'axial', index: 13, label: 2 });
    assert.equal(await v.page.locator('.mi-cmp-label').inputValue(), '2');
    assert.equal(await v.page.locator('.mi-strip-canvas').getAttribute('aria-valuenow'), '13');
    assert.match(await v.page.locator('.mi-cmp-side').textContent() ?? '', /Slice 13 · axial.*Dice 0\.000.*below 0\.80/s);
    await v.host.send({ type: 'setMode', mode: 'overlay' });
    await v.host.rendered(since, { mode: 'overlay', index: 13 });
    saved = await savedCompareState(v.page);
  } finally {
    await v.close();
  }
  const restored = await openComparison({ initialState: saved });
  try {
    const r = await restored.host.rendered(0, { view: 'comparison' });
    assert.deepEqual([r.mode, r.plane, r.index, r.label], ['overlay', 'axial', 13, 2]);
  } finally {
    await restored.close();
  }
});

test('coronal plane: both panes switch; anisotropic voxels keep their aspect', async () => {
  const v = await openComparison();
  try {
    await showAxial(v, 7, 'overlay');
    const since = v.host.mark();
    await v.page.getByRole('button', { name: 'Show the coronal plane' }).click();
    const r = await v.host.rendered(since, { plane: 'coronal' });
    // The cursor starts on the busiest axial slice's centre voxel: coronal slice j = 20.
    assert.equal(r.index, 20);
    const screen = await screenshot(v.page);
    const rect = await paneRect(v.page, 'overlay');
    // Coronal, radiological: column W−1−i, superior up: row K−1−k; 1 mm × 2.5 mm pixels.
    const at = (i: number, k: number) => screen.at(...Object.values(pointOf(rect, {
      col: SHAPE[0] - 1 - i, row: SHAPE[2] - 1 - k, cols: SHAPE[0], rows: SHAPE[2], widthMm: SHAPE[0] * SPACING[0], heightMm: SHAPE[2] * SPACING[2],
    })) as [number, number]);
    assert.deepEqual(at(15, 9), TEST_COLOURS.tp);
    assert.deepEqual(at(15, 4), TEST_COLOURS.fn, 'slice 4 of the liver is missing from the prediction');
    assert.deepEqual(at(25, 9), TEST_COLOURS.fp);
    assert.deepEqual(at(15, 17), BLACK);
  } finally {
    await v.close();
  }
});

test('overlay over black in full colour (as the key shows it); over a background blended at the opacity', async () => {
  const v = await openComparison({ settings: { ...TEST_SETTINGS, overlayOpacity: 0.3 } });
  try {
    await showAxial(v, 7, 'overlay');
    let screen = await screenshot(v.page);
    assert.deepEqual(await axialColour(v, screen, 'overlay', TP_LIVER), TEST_COLOURS.tp);
    assert.equal(await v.page.getByRole('slider', { name: 'Overlay opacity' }).isDisabled(), true);
    await v.host.setBackground();
    await v.page.waitForFunction(() => document.querySelector('.mi-readout')?.textContent?.includes('Intensity'));
    await new Promise((r) => setTimeout(r, 200)); // the background slices arrive and redraw
    screen = await screenshot(v.page);
    // The background at (15, 25, 7) is 90 HU (see compareFixture), windowed −160…240 to grey 159.
    const grey = Math.floor(((90 + 160) * 255) / 400);
    const expected = TEST_COLOURS.tp.slice(0, 3).map((c) => grey + (c - grey) * 0.3);
    const got = await axialColour(v, screen, 'overlay', TP_LIVER);
    expected.forEach((e, i) => assert.ok(Math.abs(got[i]! - e) <= 2, `channel ${i}: ${got[i]} vs ${e.toFixed(1)}`));
    assert.equal(await v.page.getByRole('slider', { name: 'Overlay opacity' }).isDisabled(), false);
  } finally {
    await v.close();
  }
});

test('a 2-D pair (one slice) shows the one plane that holds the image; the other planes are disabled', async () => {
  const shape: Vec3 = [40, 30, 1];
  const mask = (shift: number): Uint8Array => {
    const m = new Uint8Array(40 * 30);
    for (let j = 10; j < 20; j++) for (let i = 10 + shift; i < 25 + shift; i++) m[i + 40 * j] = 1;
    return m;
  };
  const affine: Affine = [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1];
  const volume = (fileName: string, shift: number): TestVolume => ({
    fileName, shape, spacing: [1, 1, 1], affine, orientation: 'RAS', sliceAxes: { axial: 2, coronal: 1, sagittal: 0 }, mask: mask(shift),
  });
  const base = testResult();
  // 15 × 10 squares two voxels apart: TP 13 × 10, FP and FN 2 × 10 each.
  const slice = { index: 0, tp: 130, fp: 20, fn: 20, dice: 260 / 300 };
  const result = { ...base, foreground: { ...base.foreground, slices: [slice] }, labels: [], flagged: [] };
  // The state of an earlier session on a volume asked for the coronal plane.
  const v = await openComparison({ pair: { reference: volume('a.png', 0), prediction: volume('b.png', 2) }, metrics: result, initialState: { plane: 'coronal' } });
  try {
    const r = await v.host.rendered(0, { view: 'comparison', plane: 'axial' });
    assert.equal(r.index, 0);
    assert.equal(await v.page.getByRole('button', { name: 'Show the coronal plane' }).isDisabled(), true);
    assert.equal(await v.page.getByRole('button', { name: 'Show the sagittal plane' }).isDisabled(), true);
    assert.equal(await v.page.getByRole('button', { name: 'Show the axial plane' }).getAttribute('aria-pressed'), 'true');
    assert.match(await v.page.locator('.mi-cmp-side').textContent() ?? '', /Slice 0 · axial.*Dice 0\.867/s);
  } finally {
    await v.close();
  }
});
