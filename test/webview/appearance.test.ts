// How labels and the background are drawn: legend show/hide, outline mode, opacity blending and
// window/level presets. Expected colours are computed here from the definitions (Okabe-Ito hex,
// linear window, alpha blending), and read back through the probe and from screenshots.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Vec3 } from '../../src/core/volume';
import type { Rgba } from '../../src/protocol/viewer';
import { DOTS, RAS, store, toStorage, type Anatomy } from './volumes';
import { openViewer } from './page';

const ORANGE: Rgba = [230, 159, 0, 255];
const BLACK: Rgba = [0, 0, 0, 255];

/** A 5 × 5 square of label 1 in every one of the three axial slices of a 9 × 9 × 3 grid. */
const SQUARE: Anatomy = {
  size: [9, 9, 3], spacing: [1, 1, 1],
  label: (x, y) => (x >= 2 && x <= 6 && y >= 2 && y <= 6 ? 1 : 0),
};

test('legend checkboxes hide and show a label; counts and names are listed', async () => {
  const v = await openViewer(store(DOTS, RAS), { initialState: { crosshair: false } });
  try {
    const dot = toStorage(RAS, DOTS.size, DOTS.dots[0]!.c);
    assert.deepEqual((await v.host.probe('axial', dot[2], [dot])).samples[0]?.rgba, ORANGE);
    const box = v.page.getByRole('checkbox', { name: 'Show label 1' });
    await box.focus();
    await v.page.keyboard.press('Space'); // keyboard reachable
    assert.equal(await box.isChecked(), false);
    assert.deepEqual((await v.host.probe('axial', dot[2], [dot])).samples[0]?.rgba, BLACK, 'hidden');
    await v.page.getByRole('button', { name: 'Show all labels' }).click();
    assert.deepEqual((await v.host.probe('axial', dot[2], [dot])).samples[0]?.rgba, ORANGE, 'shown again');
    const rows = await v.page.locator('.mi-legend-row').allInnerTexts();
    assert.equal(rows.length, 3);
    assert.match(rows[0]!, /^1\s*\n?\s*1$/m);
  } finally {
    await v.close();
  }
});

test('outline mode draws only label voxels with a differently labelled 4-neighbour', async () => {
  const v = await openViewer(store(SQUARE, RAS), { initialState: { crosshair: false } });
  try {
    const centre: Vec3 = [4, 4, 1];
    const edge: Vec3 = [2, 4, 1];
    const corner: Vec3 = [6, 6, 1];
    const inner: Vec3 = [3, 3, 1];
    let probe = await v.host.probe('axial', 1, [centre, edge, corner, inner]);
    assert.deepEqual(probe.samples.map((s) => s.rgba), [ORANGE, ORANGE, ORANGE, ORANGE], 'filled');
    await v.page.getByRole('button', { name: 'Draw labels as outlines instead of filled' }).click();
    await v.page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    probe = await v.host.probe('axial', 1, [centre, edge, corner, inner]);
    assert.deepEqual(probe.samples.map((s) => s.rgba), [BLACK, ORANGE, ORANGE, BLACK], 'outline');
    // Coronal (x across, z up): the label fills all 3 slices of z; the middle row is interior, the
    // rows on the image border are outline (outside the image counts as a different label).
    probe = await v.host.probe('coronal', 4, [[4, 4, 1], [4, 4, 0], [2, 4, 1]]);
    assert.deepEqual(probe.samples.map((s) => s.rgba), [BLACK, ORANGE, ORANGE]);
  } finally {
    await v.close();
  }
});

/** Window maps [level − width/2, level + width/2] linearly onto 0..255 (truncated), clamped. */
function grey(value: number, width: number, level: number): number {
  const g = ((value - (level - width / 2)) * 255) / width;
  return g <= 0 ? 0 : g >= 255 ? 255 : Math.floor(g);
}

function near(actual: Rgba | null | undefined, expected: readonly number[], what: string): void {
  assert.ok(actual, what);
  actual.forEach((c, i) => assert.ok(Math.abs(c - expected[i]!) <= 1, `${what}: got ${actual}, expected ${expected}`));
}

test('background: auto window, CT presets and typed width/level; labels blend at the set opacity', async () => {
  const volume = store(DOTS, RAS);
  const v = await openViewer(volume, {
    background: true, initialState: { crosshair: false },
    settings: { displayConvention: 'radiological', overlayOpacity: 0.5, outlineMode: 'filled', palette: 'colorblind' },
  });
  try {
    const plain: Vec3 = [7, 3, 2]; // label 0
    const dot = toStorage(RAS, DOTS.size, DOTS.dots[1]!.c); // label 2, sky blue, canonical (9, 2, 2)
    const intensity = (c: Vec3): number => DOTS.intensity!(c[0], c[1], c[2]);
    const all = [...volume.background!];
    const [low, high] = [Math.min(...all), Math.max(...all)];
    // The fake host's automatic window is the full range.
    let probe = await v.host.probe('axial', 2, [plain, dot]);
    let g = grey(intensity(plain), high - low, (low + high) / 2);
    near(probe.samples[0]?.rgba, [g, g, g, 255], 'auto window');
    const gDot = grey(intensity(dot), high - low, (low + high) / 2);
    near(probe.samples[1]?.rgba, [86, 180, 233].map((c) => gDot + (c - gDot) * 0.5).concat(255), 'label 2 at 50 % over grey');

    await v.page.getByRole('combobox', { name: 'Window preset' }).selectOption('soft');
    await v.page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    probe = await v.host.probe('axial', 2, [plain]);
    g = grey(intensity(plain), 400, 40);
    near(probe.samples[0]?.rgba, [g, g, g, 255], 'CT soft tissue W400 L40');
    assert.equal(await v.page.getByRole('spinbutton', { name: 'Window width' }).inputValue(), '400');

    await v.page.getByRole('spinbutton', { name: 'Window width' }).fill('100');
    await v.page.getByRole('spinbutton', { name: 'Window level' }).fill('-20');
    await v.page.getByRole('spinbutton', { name: 'Window level' }).press('Enter');
    await v.page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    probe = await v.host.probe('axial', 2, [plain]);
    g = grey(intensity(plain), 100, -20);
    near(probe.samples[0]?.rgba, [g, g, g, 255], 'typed W100 L-20');

    // Right-drag changes the window: right = wider, down = lower level (the image gets brighter).
    const rect = await v.page.locator('[data-plane="axial"] .mi-surface').boundingBox();
    await v.page.mouse.move(rect!.x + 200, rect!.y + 200);
    await v.page.mouse.down({ button: 'right' });
    await v.page.mouse.move(rect!.x + 300, rect!.y + 240, { steps: 5 });
    await v.page.mouse.up({ button: 'right' });
    await v.page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    assert.ok(Number(await v.page.getByRole('spinbutton', { name: 'Window width' }).inputValue()) > 100, 'wider');
    assert.ok(Number(await v.page.getByRole('spinbutton', { name: 'Window level' }).inputValue()) < -20, 'lower level');
    assert.equal(await v.page.getByRole('combobox', { name: 'Window preset' }).inputValue(), 'custom');

    const opacity = v.page.getByRole('slider', { name: 'Label opacity' });
    await opacity.fill('100');
    await v.page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    probe = await v.host.probe('axial', 2, [dot]);
    near(probe.samples[0]?.rgba, [86, 180, 233, 255], 'opacity 100 %');
  } finally {
    await v.close();
  }
});

test('without a background labels are drawn in full colour over black whatever the opacity, as in the comparison', async () => {
  const volume = store(DOTS, RAS);
  const v = await openViewer(volume, {
    initialState: { crosshair: false },
    settings: { displayConvention: 'radiological', overlayOpacity: 0.5, outlineMode: 'filled', palette: 'colorblind' },
  });
  try {
    const dot = toStorage(RAS, DOTS.size, DOTS.dots[1]!.c); // label 2: Okabe-Ito sky blue #56B4E9
    const probe = await v.host.probe('axial', dot[2], [dot]);
    assert.deepEqual(probe.samples[0]?.rgba, [0x56, 0xb4, 0xe9, 255], 'full colour at opacity 50 %');
    assert.equal(await v.page.getByRole('slider', { name: 'Label opacity' }).isDisabled(), true, 'the slider says it needs a background');
    // With a background the opacity applies again (its blending is checked in the test above).
    await v.host.send({ type: 'background', background: { fileName: 'ct.nii.gz', dataType: 'int16', range: [0, 100], autoWindow: { low: 0, high: 100 }, alignment: 'identical' } });
    await v.page.waitForFunction(() => !(document.querySelector('.mi-range') as HTMLInputElement).disabled);
  } finally {
    await v.close();
  }
});
