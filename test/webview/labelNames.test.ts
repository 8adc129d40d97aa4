// In real Chromium: the viewer's legend and the comparison's side panel say where the label names
// came from and show the host's warning once, as a status line; the comparison's saved state keeps
// the files the host named, which is what reopens the panel after a window reload.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { LabelNamesInfo } from '../../src/protocol/viewer';
import { openComparison, savedCompareState } from './compareHost';
import { volumeInfo } from './fakeHost';
import { openViewer } from './page';
import { DOTS, RAS, store } from './volumes';

const WARNING = 'cases/labels.json names 2 of the 3 labels present (no name for 7): check that it describes this mask.';

test('the legend names the label file and shows its warning; a preset and "none" read as such', async () => {
  const volume = store(DOTS, RAS);
  const v = await openViewer(volume);
  try {
    const names = v.page.locator('.mi-legend .mi-names-source');
    const warning = v.page.locator('.mi-legend .mi-names-warning');
    assert.equal(await names.textContent(), 'Names: none');
    assert.equal(await warning.isVisible(), false);
    const send = (labelNames: LabelNamesInfo) => v.host.send({ type: 'volume', info: volumeInfo(volume), labelNames });
    await send({ origin: { kind: 'file', path: 'cases/labels.json', chosen: false }, fromSetting: false, warning: WARNING });
    assert.equal(await names.textContent(), 'Names: cases/labels.json');
    assert.equal(await warning.textContent(), `⚠ ${WARNING}`);
    assert.equal(await warning.getAttribute('role'), 'status');
    await send({ origin: { kind: 'preset', id: 'kits19', name: 'KiTS19 (kidney, tumor)' }, fromSetting: true, warning: null });
    assert.equal(await names.textContent(), 'Names: preset: KiTS19 (kidney, tumor) + setting (maskInspector.labelNames)');
    assert.equal(await warning.isVisible(), false);
  } finally {
    await v.close();
  }
});

test('the side panel names the source and warns once; the saved state keeps the compared files through a restart of the webview', async () => {
  const labelNames: LabelNamesInfo = { origin: { kind: 'preset', id: 'btcv-abdomen', name: 'BTCV abdomen (13 organs)' }, fromSetting: false, warning: 'The preset BTCV abdomen (13 organs) names 2 of the 3 labels present (no name for 14): check that it describes these masks.' };
  const files = { reference: 'file:///data/case1_ref.nii.gz', prediction: 'file:///data/case1_pred.nii.gz' };
  let state: unknown;
  const first = await openComparison({ labelNames });
  try {
    const side = first.page.locator('.mi-cmp-side');
    assert.equal(await side.locator('.mi-names-source').textContent(), 'Names: preset: BTCV abdomen (13 organs)');
    assert.equal(await side.locator('.mi-names-warning').count(), 1);
    assert.match((await side.locator('.mi-names-warning').textContent()) ?? '', /no name for 14/);
    await first.host.send({ type: 'files', files });
    await first.page.waitForFunction(() => Boolean((window as unknown as { __compareApi: { getState(): { files?: unknown } } }).__compareApi.getState().files));
    state = await savedCompareState(first.page);
    assert.deepEqual((state as { files: unknown }).files, files);
  } finally {
    await first.close();
  }
  // A webview started again with that state (what VS Code hands back after a reload) keeps them.
  const second = await openComparison({ initialState: state });
  try {
    await second.host.rendered(0, { view: 'comparison' });
    assert.deepEqual((await savedCompareState(second.page) as { files: unknown }).files, files);
  } finally {
    await second.close();
  }
});
