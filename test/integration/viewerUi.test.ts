// The viewer driven through the workbench as a person would (code-server + headless Chromium): open
// the phantom's reference mask with Quick Open, pair its CT through "Set Background Image…", and
// look at each plane and the three-plane layout. The screenshots are the README's (copied to
// docs/screenshots/ with MASK_INSPECTOR_SCREENSHOTS_TO_DOCS=1).
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Frame } from 'playwright-core';
import { openPhantomWorkbench, PHANTOM_LABEL_NAMES, type PhantomWorkbench } from './phantomWorkbench';
import type { Workbench } from './workbench';

let ui: PhantomWorkbench;
let wb: Workbench;
let viewer: Frame;

before(async () => {
  ui = await openPhantomWorkbench();
  wb = ui.wb;
});

after(async () => {
  await ui?.close();
});

const shot = (name: string): Promise<void> => ui.shot(name);

test('opening a .nii.gz from Quick Open shows it in Mask Inspector (the default editor) with named labels', async () => {
  await wb.openFile('reference.nii.gz');
  viewer = await wb.waitForWebview('canvas', 60_000);
  for (const name of Object.values(PHANTOM_LABEL_NAMES)) {
    await viewer.locator('.mi-legend', { hasText: name }).first().waitFor({ timeout: 30_000 });
  }
  const tab = await wb.page.locator('.tabs-container .tab.active').first().textContent();
  assert.match(tab ?? '', /reference\.nii\.gz/);
});

test('"Set Background Image…" pairs the CT and the readout shows its intensity', async () => {
  await wb.page.locator('.sidebar .title-label').first().click();
  await wb.runCommand('Mask Inspector: Set Background Image…');
  const widget = wb.page.locator('.quick-input-widget');
  const input = widget.locator('input');
  await input.waitFor({ state: 'visible' });
  await widget.locator('.monaco-list-row', { hasText: 'image.nii.gz' }).first().waitFor();
  await input.fill(join(wb.workspace, 'image.nii.gz'));
  await wb.page.waitForTimeout(500);
  await widget.locator('.monaco-button', { hasText: 'Set Background' }).click();
  await widget.waitFor({ state: 'hidden', timeout: 5000 });
  viewer = await wb.waitForWebview('canvas', 30_000);
  await viewer.locator('text=Intensity').first().waitFor({ timeout: 30_000 });
});

for (const plane of ['Axial', 'Coronal', 'Sagittal'] as const) {
  test(`the ${plane.toLowerCase()} plane is shown when its button is pressed`, async () => {
    await viewer.getByRole('button', { name: `Show the ${plane.toLowerCase()} plane` }).click();
    await viewer.locator('.mi-pane-title:visible', { hasText: plane }).first().waitFor();
    assert.equal(await viewer.locator('.mi-pane-title:visible').count(), 1, 'one plane at a time');
    await wb.page.waitForTimeout(800);
    await shot(`viewer-${plane.toLowerCase()}`);
  });
}

test('the 1×3 layout shows all three planes at once', async () => {
  await viewer.getByRole('button', { name: 'Show all three planes in a row' }).click();
  await wb.page.waitForFunction(() => true);
  const deadline = Date.now() + 10_000;
  while ((await viewer.locator('.mi-pane-title:visible').count()) < 3 && Date.now() < deadline) await wb.page.waitForTimeout(100);
  assert.equal(await viewer.locator('.mi-pane-title:visible').count(), 3);
  await wb.page.waitForTimeout(800);
  await shot('viewer-three-planes');
});
