// Nothing is lost on a reload, driven as a person would (code-server + headless Chromium): open a
// comparison from the Explorer, choose a label, walk to a low-Dice slice, switch to the overlay,
// name the labels with a preset through "Use Label Names From…", put the viewer of the reference on
// its coronal plane, then "Developer: Reload Window". The comparison comes back on the same slice,
// label and mode with its problems, its status-bar Dice and the preset; the viewer comes back on its
// plane. Then the prediction is deleted and the window reloaded again: the comparison's tab shows
// the error view, not a crash.
import * as assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Frame } from 'playwright-core';
import { openPhantomWorkbench, type PhantomWorkbench } from './phantomWorkbench';
import { compareFromExplorer, type Workbench } from './workbench';

let ui: PhantomWorkbench;
let wb: Workbench;

before(async () => {
  ui = await openPhantomWorkbench();
  wb = ui.wb;
});

after(async () => {
  await ui?.close();
});

const shot = (name: string): Promise<void> => ui.shot(name);
const command = (title: string): Promise<void> => ui.command(title);
const comparisonFrame = () => ui.comparisonFrame();
const sliceShown = (frame: Frame): Promise<string> => ui.sliceShown(frame);
const tab = (text: string) => wb.page.locator('.tabs-container .tab', { hasText: text }).first();

async function reloadWindow(): Promise<void> {
  const reloaded = wb.page.waitForEvent('load', { timeout: 60_000 });
  await command('Developer: Reload Window');
  await reloaded;
  await wb.page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
}

// The restored comparison fills in as its metrics arrive: values are polled until they settle.
const settles = (what: string, read: () => Promise<string>, expected: string): Promise<void> => ui.settles(what, read, expected);

let shownBefore: { slice: string; label: string; dice: string } | undefined;

test('a comparison moved to a label, a low-Dice slice and the overlay, and a viewer on its coronal plane', async () => {
  await wb.openFile('reference.nii.gz');
  const viewer = await wb.waitForWebview('canvas', 60_000);
  await viewer.getByRole('button', { name: 'Show the coronal plane' }).click();
  await viewer.locator('.mi-pane-title:visible', { hasText: 'Coronal' }).first().waitFor();

  await compareFromExplorer(wb, 'reference.nii.gz', 'prediction.nii.gz');
  const frame = await comparisonFrame();
  await sliceShown(frame);
  // Label 3 (right kidney) has low-Dice slices in the phantom; choose it and walk to a flagged slice.
  await frame.locator('.mi-cmp-label').selectOption({ label: '3 right kidney' }).catch(async () => {
    await frame.locator('.mi-cmp-label').selectOption({ index: 3 });
  });
  await command('Mask Inspector: Next Flagged Slice');
  await command('Mask Inspector: Toggle TP/FP/FN Overlay');
  await frame.locator('text=/^Overlay · /').first().waitFor();
  await wb.page.keyboard.press('Control+Shift+M');
  await wb.page.locator('.markers-panel .monaco-list-row', { hasText: /axial slice \d+/ }).first().waitFor({ timeout: 30_000 });
  // Label names from a preset, chosen in the quick pick; the side panel says where they come from.
  await command('Mask Inspector: Use Label Names From…');
  const quick = wb.page.locator('.quick-input-widget');
  // The list is virtual: rows far down exist only once the filter brings them up.
  await quick.locator('.monaco-list-row', { hasText: 'TotalSegmentator v2' }).first().waitFor();
  await shot('label-names-quick-pick');
  await quick.locator('input').fill('BTCV');
  await quick.locator('.monaco-list-row', { hasText: 'BTCV abdomen (13 organs)' }).first().click();
  await frame.locator('.mi-names-source', { hasText: 'Names: preset: BTCV abdomen (13 organs)' }).waitFor({ timeout: 60_000 });
  await frame.locator('.mi-cmp-label option', { hasText: 'left kidney' }).first().waitFor({ state: 'attached', timeout: 30_000 });
  await wb.page.waitForTimeout(1000); // the webview's state is saved as it reports
  shownBefore = { slice: await sliceShown(frame), label: await frame.locator('.mi-cmp-label').inputValue(), dice: (await wb.page.locator('.statusbar-item', { hasText: /Dice \d\.\d+/ }).first().textContent()) ?? '' };
  await shot('reload-before');
});

test('after "Developer: Reload Window" the comparison is back on its slice, label and mode, with its problems and status bar', async () => {
  assert.ok(shownBefore, 'the first step ran');
  await reloadWindow();
  const frame = await comparisonFrame();
  await tab('reference.nii.gz ↔ prediction.nii.gz').waitFor({ timeout: 30_000 });
  await frame.locator(`text=/^${shownBefore.slice}$/`).first().waitFor({ timeout: 60_000 });
  await settles('the same label', () => frame.locator('.mi-cmp-label').inputValue(), shownBefore.label);
  // The preset chosen for the folder is remembered.
  await frame.locator('.mi-names-source', { hasText: 'Names: preset: BTCV abdomen (13 organs)' }).waitFor({ timeout: 30_000 });
  await frame.locator('text=/^Overlay · /').first().waitFor();
  // Its problems and status-bar Dice come back with it.
  await wb.page.keyboard.press('Control+Shift+M');
  await wb.page.locator('.markers-panel .monaco-list-row', { hasText: /axial slice \d+, .*Dice \d\.\d+/ }).first().waitFor({ timeout: 30_000 });
  await wb.page.locator('.statusbar-item', { hasText: /Dice \d\.\d+/ }).first().waitFor({ timeout: 30_000 });
  await ui.shot('reload-after');
  await settles('the status-bar Dice of the same label', async () => (await wb.page.locator('.statusbar-item', { hasText: /Dice \d\.\d+/ }).first().textContent()) ?? '', shownBefore.dice);

  // The viewer tab comes back on the plane it showed.
  await tab('reference.nii.gz').click();
  const viewer = await wb.waitForWebview('.mi-legend', 60_000);
  await viewer.locator('.mi-pane-title:visible', { hasText: 'Coronal' }).first().waitFor({ timeout: 30_000 });
  assert.equal(await viewer.locator('.mi-pane-title:visible').count(), 1);
  await tab('reference.nii.gz ↔ prediction.nii.gz').click();
});

test('a prediction deleted before the reload gives the comparison tab its error view', async () => {
  await comparisonFrame();
  rmSync(join(wb.workspace, 'prediction.nii.gz'));
  await reloadWindow();
  await tab('reference.nii.gz ↔ prediction.nii.gz').waitFor({ timeout: 60_000 });
  const frame = await wb.waitForWebview('text=/is not there any more/', 90_000);
  assert.match((await frame.locator('body').textContent()) ?? '', /The masks cannot be compared.*prediction\.nii\.gz is not there any more \(deleted or moved\?\)/s);
  await ui.shot('reload-deleted-prediction');
});
