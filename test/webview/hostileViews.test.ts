// The viewer webview facing hostile input, in real Chromium: an error view always offers Reopen
// (posted to the host, which starts a new worker: a dead worker never leaves a blank tab); a file
// without a usable geometry is drawn on its voxel grid under a banner; label names that look like
// HTML are shown as their characters, never parsed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { WebviewToHost } from '../../src/protocol/viewer';
import { NO_LABEL_NAMES, volumeInfo } from './fakeHost';
import { openViewer } from './page';
import { PHANTOM, RAS, store } from './volumes';

const HTML_NAME = '<img src=x onerror="document.title=\'pwned\'"><b>liver</b>';

test('an error view offers Reopen, which asks the host to read the file again', async () => {
  const v = await openViewer(store(PHANTOM, RAS));
  try {
    await v.host.send({ type: 'error', message: 'seg.nii.gz cannot be shown: the volume worker stopped unexpectedly (exit code 1), perhaps out of memory. Reopen reads it again.' });
    const reopen = v.page.getByRole('button', { name: 'Reopen' });
    await reopen.waitFor({ state: 'visible' });
    assert.match((await v.page.locator('.mi-error').textContent()) ?? '', /stopped unexpectedly/);
    const since = v.host.mark();
    await reopen.click();
    await v.host.after(since, (m): m is Extract<WebviewToHost, { type: 'reopen' }> => m.type === 'reopen');
  } finally {
    await v.close();
  }
});

test('a file without usable geometry: drawn on its voxel grid with a banner, no direction letters', async () => {
  const volume = store(PHANTOM, RAS);
  const v = await openViewer(volume);
  try {
    const warning = 'The voxel sizes pixdim[1..3] = (0, 0, 0) are not all finite and positive: no usable geometry, so only voxel metrics are given.';
    await v.host.send({ type: 'volume', info: { ...volumeInfo(volume), affineSource: 'voxel', geometryWarning: warning }, labelNames: NO_LABEL_NAMES });
    const banner = v.page.locator('.mi-geometry-banner');
    await banner.waitFor({ state: 'visible' });
    const text = (await banner.textContent()) ?? '';
    assert.match(text, /geometry of this file is unusable, so it is shown on its voxel grid/);
    assert.ok(text.includes(warning));
    assert.ok(await v.page.locator('.mi-panes.mi-no-anatomy').count() === 1, 'no R/L/A/P letters on a voxel grid');
    // A normal file again: the banner goes.
    await v.host.send({ type: 'volume', info: volumeInfo(volume), labelNames: NO_LABEL_NAMES });
    await banner.waitFor({ state: 'hidden' });
  } finally {
    await v.close();
  }
});

test('a label name that looks like HTML is shown as its characters', async () => {
  const volume = store({ ...PHANTOM, names: new Map([[1, HTML_NAME]]) }, RAS);
  const v = await openViewer(volume);
  try {
    const info = volumeInfo(volume);
    await v.host.send({ type: 'volume', info: { ...info, labels: info.labels.map((l) => (l.value === 1 ? { ...l, name: HTML_NAME } : l)) }, labelNames: NO_LABEL_NAMES });
    await v.page.getByText(HTML_NAME, { exact: false }).first().waitFor({ state: 'visible' });
    assert.equal(await v.page.locator('img[src="x"], .mi-app b').count(), 0, 'the name was parsed as HTML');
    assert.notEqual(await v.page.title(), 'pwned');
  } finally {
    await v.close();
  }
});
