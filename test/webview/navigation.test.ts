// Navigation as a person does it in real Chromium: keys, wheel, slider, crosshair click linking the
// planes, Ctrl+wheel zoom to the pointer, drag to pan, reset; and the readout under the pointer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { WebviewToHost } from '../../src/protocol/viewer';
import { DOTS, RAS, expectedScreen, store, toStorage } from './volumes';
import { openViewer, pointOf, screenshot, surfaceRect, type OpenViewer } from './page';

type Rendered = Extract<WebviewToHost, { type: 'rendered' }>;
const volume = store(DOTS, RAS);
const ORANGE = [230, 159, 0, 255];

/** Presses a key on the focused axial view and returns the axial index the next report shows. */
async function pressAndRead(v: OpenViewer, key: string, expected: number): Promise<void> {
  const since = v.host.mark();
  await v.page.keyboard.press(key);
  await v.host.renderedShowing(since, 'axial', expected);
  assert.equal(await v.page.locator('[data-plane="axial"] .mi-slider').inputValue(), String(expected), `slider after ${key}`);
}

test('keyboard and wheel change the slice: Up/Down ±1, PageUp/PageDown ±10 (clamped), Home/End', async () => {
  const v = await openViewer(volume);
  try {
    // 8 axial slices; the cursor starts at the centre voxel, slice 4.
    await v.host.renderedShowing(0, 'axial', 4);
    await v.page.locator('[data-plane="axial"] .mi-surface').focus();
    await pressAndRead(v, 'ArrowUp', 5);
    await pressAndRead(v, 'ArrowDown', 4);
    await pressAndRead(v, 'PageUp', 7);
    await pressAndRead(v, 'Home', 0);
    await pressAndRead(v, 'End', 7);
    await pressAndRead(v, 'PageDown', 0);
    const rect = await surfaceRect(v.page, 'axial');
    await v.page.mouse.move(rect.left + rect.width / 2, rect.top + rect.height / 2);
    let since = v.host.mark();
    await v.page.mouse.wheel(0, -100); // wheel up by two notches' worth of pixels: two slices on
    await v.host.renderedShowing(since, 'axial', 2);
    since = v.host.mark();
    await v.page.mouse.wheel(0, 50);
    await v.host.renderedShowing(since, 'axial', 1);
    since = v.host.mark();
    await v.page.locator('[data-plane="axial"] .mi-slider').fill('6');
    await v.host.renderedShowing(since, 'axial', 6);
  } finally {
    await v.close();
  }
});

test('a click sets the crosshair in every plane; the readout names voxel, world mm and label', async () => {
  const v = await openViewer(volume, { initialState: { layout: 'row' } });
  try {
    const dot = DOTS.dots[0]!; // label 1 at canonical (2, 6, 5) = RAS voxel (2, 6, 5)
    const voxel = toStorage(RAS, DOTS.size, dot.c);
    // Show the dot's axial slice first, then click on it.
    await v.host.probe('axial', voxel[2], [voxel]);
    const rect = await surfaceRect(v.page, 'axial');
    const p = pointOf(rect, expectedScreen(DOTS, 'axial', dot.c));
    const since = v.host.mark();
    await v.page.mouse.click(p.x, p.y);
    await v.host.after(since, (m): m is Rendered => m.type === 'rendered'
      && m.views.some((view) => view.plane === 'coronal' && view.index === voxel[1])
      && m.views.some((view) => view.plane === 'sagittal' && view.index === voxel[0]));
    const readout = await v.page.locator('.mi-readout').innerText();
    assert.match(readout, /\(2, 6, 5\)/);
    // World = voxel × spacing (1, 1.5, 2.5) mm for this affine.
    assert.match(readout, /\(2\.0, 9\.0, 12\.5\) mm/);
    assert.match(readout, /Label\s+1\b/);
    // The same voxel is now under the crosshair centre in the coronal view, drawn in its colour.
    const coronal = pointOf(await surfaceRect(v.page, 'coronal'), expectedScreen(DOTS, 'coronal', dot.c));
    assert.deepEqual((await screenshot(v.page)).at(coronal.x, coronal.y), ORANGE);
  } finally {
    await v.close();
  }
});

test('Ctrl+wheel zooms keeping the voxel under the pointer; drag pans; Reset view restores', async () => {
  const v = await openViewer(volume, { initialState: { crosshair: false } });
  try {
    const dot = DOTS.dots[0]!;
    await v.host.probe('axial', dot.c[2], [toStorage(RAS, DOTS.size, dot.c)]);
    const rect = await surfaceRect(v.page, 'axial');
    const expected = expectedScreen(DOTS, 'axial', dot.c);
    const p = pointOf(rect, expected);
    const voxelWidth = pointOf(rect, { ...expected, col: expected.col + 1 }).x - p.x;
    await v.page.mouse.move(p.x, p.y);
    await v.page.keyboard.down('Control');
    await v.page.mouse.wheel(0, -347); // exp(0.694) ≈ 2×
    await v.page.keyboard.up('Control');
    await v.page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    let screen = await screenshot(v.page);
    assert.deepEqual(screen.at(p.x, p.y), ORANGE, 'the voxel under the pointer stays there');
    // At 2× the voxel is about twice as wide: a point 0.8 old voxel widths to the side is still on it.
    assert.deepEqual(screen.at(p.x + 0.8 * voxelWidth, p.y), ORANGE, 'zoomed in');
    assert.notDeepEqual(screen.at(p.x + 1.2 * voxelWidth, p.y), ORANGE, 'but not more than 2×');

    await v.page.mouse.move(p.x, p.y);
    await v.page.mouse.down();
    await v.page.mouse.move(p.x - 200, p.y + 30, { steps: 4 });
    await v.page.mouse.up();
    await v.page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    screen = await screenshot(v.page);
    assert.deepEqual(screen.at(p.x - 200, p.y + 30), ORANGE, 'the image moved with the drag');
    assert.notDeepEqual(screen.at(p.x, p.y), ORANGE, 'and left its old place');

    await v.page.getByRole('button', { name: /Reset zoom and pan/ }).click();
    await v.page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    screen = await screenshot(v.page);
    assert.deepEqual(screen.at(p.x, p.y), ORANGE, 'back where it was');
    assert.notDeepEqual(screen.at(p.x + 0.8 * voxelWidth, p.y), ORANGE, 'back to zoom 1');
  } finally {
    await v.close();
  }
});
