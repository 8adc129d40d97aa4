// The panel is never blank: loading with progress, the host's error sentence, a notice when a
// background cannot be paired; and the view state a person left is back when the tab reopens.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { WebviewToHost } from '../../src/protocol/viewer';
import { DOTS, RAS, store } from './volumes';
import { openViewer, savedState, screenshot } from './page';

type Rendered = Extract<WebviewToHost, { type: 'rendered' }>;
const volume = store(DOTS, RAS);

test('loading shows the file name and progress; an error replaces the view with the message', async () => {
  const v = await openViewer(volume);
  try {
    await v.host.send({ type: 'loading', fileName: 'big.nii.gz', message: 'Reading 40 of 100 MB…', fraction: 0.4 });
    const status = v.page.getByRole('status');
    assert.match(await status.innerText(), /Loading big\.nii\.gz[\s\S]*Reading 40 of 100 MB/);
    assert.equal(await v.page.locator('.mi-progress').evaluate((e) => (e as HTMLProgressElement).value), 0.4);
    await screenshot(v.page, 'viewer-loading');

    const message = 'seg.nii.gz has datatype RGB24 (code 128), which is not a label mask datatype.';
    const since = v.host.mark();
    await v.host.send({ type: 'error', message });
    const report = await v.host.after(since, (m): m is Rendered => m.type === 'rendered' && m.view === 'error');
    assert.equal(report.message, message);
    assert.equal(await v.page.getByRole('alert').innerText(), message);
    assert.equal(await v.page.locator('.mi-app').isVisible(), false);
    await screenshot(v.page, 'viewer-error');
  } finally {
    await v.close();
  }
});

test('a background that cannot be paired leaves the mask on screen with a notice', async () => {
  const v = await openViewer(volume);
  try {
    await v.host.renderedShowing(0, 'axial', 4);
    const message = 'ct.nii.gz is 512×512×300 but seg.nii.gz is 12×10×8; a background must share the mask\'s grid.';
    await v.host.send({ type: 'backgroundError', message });
    await v.page.getByText(message).waitFor();
    assert.equal(await v.page.locator('.mi-app').isVisible(), true);
    await v.page.getByRole('button', { name: 'Dismiss this message' }).click();
    assert.equal(await v.page.getByText(message).isVisible(), false);
  } finally {
    await v.close();
  }
});

test('view state (layout, slices, zoom, opacity, hidden labels, window) is saved and restored', async () => {
  let state: unknown;
  const first = await openViewer(volume, { background: true });
  try {
    const { page, host } = first;
    await host.renderedShowing(0, 'axial', 4);
    await page.getByRole('button', { name: 'Show the coronal plane' }).click();
    await page.locator('[data-plane="coronal"] .mi-surface').focus();
    const since = host.mark();
    await page.keyboard.press('ArrowUp'); // coronal slice 5 → 6
    await host.renderedShowing(since, 'coronal', 6);
    await page.keyboard.press('+');
    await page.getByRole('slider', { name: 'Label opacity' }).fill('30');
    await page.getByRole('checkbox', { name: 'Show label 2' }).uncheck();
    await page.getByRole('combobox', { name: 'Window preset' }).selectOption('bone');
    state = await savedState(page);
  } finally {
    await first.close();
  }

  const second = await openViewer(volume, { background: true, initialState: state });
  try {
    const { page, host } = second;
    await host.renderedShowing(0, 'coronal', 6);
    assert.equal(await page.getByRole('button', { name: 'Show the coronal plane' }).getAttribute('aria-pressed'), 'true');
    assert.equal(await page.getByRole('slider', { name: 'Label opacity' }).inputValue(), '30');
    assert.equal(await page.getByRole('checkbox', { name: 'Show label 2' }).isChecked(), false);
    assert.equal(await page.getByRole('checkbox', { name: 'Show label 1' }).isChecked(), true);
    assert.equal(await page.getByRole('combobox', { name: 'Window preset' }).inputValue(), 'bone');
    assert.equal(await page.getByRole('spinbutton', { name: 'Window width' }).inputValue(), '1800');
    const restored = (await savedState(page)) as { zoom: { coronal: { zoom: number } } };
    assert.equal(restored.zoom.coronal.zoom, 1.25);
  } finally {
    await second.close();
  }
});

test('a state from another file or version is tolerated field by field', async () => {
  const v = await openViewer(volume, { initialState: { layout: 'hexagonal', cursor: [500, 2, 3], opacity: 7, zoom: { axial: { zoom: 'x' } }, hidden: [2, 'a'] } });
  try {
    // The cursor is clamped into the 12 × 10 × 8 grid: axial slice 3 stays, i is clamped to 11.
    await v.host.renderedShowing(0, 'axial', 3);
    assert.equal(await v.page.getByRole('checkbox', { name: 'Show label 2' }).isChecked(), false);
    assert.equal(await v.page.getByRole('slider', { name: 'Label opacity' }).inputValue(), '100');
  } finally {
    await v.close();
  }
});
