// The comparison driven through the workbench as a person would (code-server + headless Chromium):
// open the phantom reference and prediction, get the shared-grid offer, pair the CT as background,
// run "Compare With…" and pick the open prediction, look at the problems, click one in the Problems
// panel and see the comparison move to that slice, switch to the overlay, and start a comparison
// from the Explorer's context menu on two selected files. Screenshots go to
// test-results/screenshots/ (and docs/screenshots/ with MASK_INSPECTOR_SCREENSHOTS_TO_DOCS=1).
import * as assert from 'node:assert/strict';
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
const comparisonFrame = (): Promise<Frame> => ui.comparisonFrame(60_000);
const sliceShown = (frame: Frame): Promise<string> => ui.sliceShown(frame);

/**
 * Waits until some comparison webview shows "Slice N · axial". Clicking a problem briefly shows the
 * report in the comparison's tab group, so the (not retained) comparison webview is rebuilt: look
 * in every webview frame rather than a frame found earlier.
 */
async function waitForSlice(index: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const frame of wb.webviewFrames()) {
      if ((await frame.locator(`text=/^Slice ${index} · axial$/`).count().catch(() => 0)) > 0) return;
    }
    if (Date.now() > deadline) throw new Error(`no comparison webview showed slice ${index} within ${timeoutMs} ms`);
    await wb.page.waitForTimeout(200);
  }
}

test('two open masks on one grid bring a one-time offer to compare them', async () => {
  await wb.openFile('prediction.nii.gz');
  await wb.waitForWebview('canvas');
  await wb.openFile('reference.nii.gz');
  const offer = wb.page.locator('.notification-toast', { hasText: 'are on the same voxel grid' });
  await offer.waitFor({ timeout: 30_000 });
  // Not now: close the toast (the offer is not repeated for this pair).
  await offer.hover();
  await offer.locator('.codicon-notifications-clear').click();
});

test('the CT pairs with the reference as background through the file dialog', async () => {
  await wb.page.locator('.tabs-container .tab', { hasText: 'reference.nii.gz' }).click();
  await command('Mask Inspector: Set Background Image…');
  // code-server's file dialog is a quick input holding a path: type the CT's and accept.
  const widget = wb.page.locator('.quick-input-widget');
  const input = widget.locator('input');
  await input.waitFor({ state: 'visible' });
  // Wait for the folder listing, then type the CT's full path and accept with the dialog's button.
  await widget.locator('.monaco-list-row', { hasText: 'image.nii.gz' }).first().waitFor();
  await input.fill(join(wb.workspace, 'image.nii.gz'));
  await wb.page.waitForTimeout(500);
  await widget.locator('.monaco-button', { hasText: 'Set Background' }).click();
  await widget.waitFor({ state: 'hidden', timeout: 5000 });
  await wb.page.waitForTimeout(1500);
});

test('"Compare With…" on the reference offers the open prediction and opens the comparison', async () => {
  await wb.page.locator('.tabs-container .tab', { hasText: 'reference.nii.gz' }).click();
  await command('Mask Inspector: Compare With…');
  const quick = wb.page.locator('.quick-input-widget');
  await quick.locator('.monaco-list-row', { hasText: 'prediction.nii.gz' }).first().click();
  const frame = await comparisonFrame();
  await frame.locator('text=/^Slice \\d+ · axial$/').first().waitFor({ timeout: 60_000 });
  await wb.page.locator('.tabs-container .tab', { hasText: 'reference.nii.gz ↔ prediction.nii.gz' }).waitFor();
  // The reference's background (paired in the viewer) is under the comparison too.
  await frame.locator('text=Intensity').first().waitFor();
  // The Problems panel lists the low-Dice slices with the agreed wording.
  await wb.page.keyboard.press('Control+Shift+M');
  await wb.page.locator('.markers-panel .monaco-list-row', { hasText: /axial slice \d+, (foreground|label \d+ \([a-z ]+\)): Dice \d\.\d+ \(TP \d+, FP \d+, FN \d+\)/ }).first().waitFor({ timeout: 30_000 });
  await shot('workbench-compare-side-by-side');
});

test('clicking a problem in the Problems panel shows that slice in the comparison', async () => {
  const frame = await comparisonFrame();
  const rows = wb.page.locator('.markers-panel .monaco-list-row', { hasText: 'axial slice' });
  const before = await sliceShown(frame);
  // Pick a problem on a slice other than the one shown.
  const count = await rows.count();
  let clicked: string | undefined;
  for (let n = 0; n < count && !clicked; n++) {
    const text = (await rows.nth(n).textContent()) ?? '';
    const m = /axial slice (\d+),/.exec(text);
    if (m && `Slice ${m[1]} · axial` !== before) {
      await rows.nth(n).click();
      clicked = m[1];
    }
  }
  assert.ok(clicked, `a problem on another slice than "${before}" among ${count}`);
  await waitForSlice(clicked);
  // The person lands on the comparison, not on the report text.
  const active = await wb.page.locator('.tabs-container .tab.active').first().textContent();
  assert.match(active ?? '', /reference\.nii\.gz ↔ prediction\.nii\.gz/);
  await shot('workbench-compare-problem-clicked');
});

test('the Mask Comparison view lists volume Dice per label and flagged slices; choosing one shows it', async () => {
  await wb.page.locator('.pane-header', { hasText: 'Mask Comparison' }).click();
  const view = wb.page.locator('.pane', { has: wb.page.locator('.pane-header', { hasText: 'Mask Comparison' }) });
  await view.locator('.monaco-list-row', { hasText: /^Foreground: Dice 0\.\d+/ }).first().waitFor();
  await view.locator('.monaco-list-row', { hasText: 'Label 1 (liver): Dice' }).first().waitFor();
  // A label row shows that label's most severe flagged slice, the first of the flagged slices it
  // expands to (the order the Problems panel uses); each of those shows its own slice.
  // Room for the children: fold the file tree, then unfold the label.
  await wb.page.locator('.pane-header', { hasText: 'workspace' }).first().click();
  const kidney = view.locator('.monaco-list-row', { hasText: 'Label 3 (right kidney): Dice' }).first();
  await kidney.click();
  if ((await kidney.getAttribute('aria-expanded')) !== 'true') await kidney.locator('.monaco-tl-twistie').click();
  const children = view.locator('.monaco-list-row', { hasText: /^slice \d+: Dice 0\.\d+/ });
  await children.first().waitFor();
  const sliceOfRow = async (n: number): Promise<string> => /^slice (\d+):/.exec((await children.nth(n).textContent()) ?? '')?.[1] ?? '';
  const mostSevere = await sliceOfRow(0);
  assert.match(mostSevere, /^\d+$/, 'the first child names a slice');
  await waitForSlice(mostSevere);
  const other = (await children.count()) > 1 ? 1 : 0;
  const otherSlice = await sliceOfRow(other);
  await children.nth(other).click();
  await waitForSlice(otherSlice);
  await shot('workbench-compare-tree');
  // Back as it was: files unfolded, the comparison view folded.
  await wb.page.locator('.pane-header', { hasText: 'workspace' }).first().click();
  await wb.page.locator('.pane-header', { hasText: 'Mask Comparison' }).click();
});

test('the overlay shows TP / FP / FN in one pane over the CT', async () => {
  const frame = await comparisonFrame();
  // The foreground (every label) at a flagged slice, with the Problems panel out of the way.
  await frame.locator('.mi-cmp-label').selectOption({ index: 0 });
  await command('Mask Inspector: Toggle TP/FP/FN Overlay');
  await frame.locator('text=Overlay · Foreground').first().waitFor();
  await command('Mask Inspector: Next Flagged Slice');
  await wb.page.locator('.part.panel [aria-label^="Hide Panel"]').first().click();
  await wb.page.waitForTimeout(1000);
  await shot('workbench-compare-overlay');
});

test('F8 / Ctrl+F8 in the focused comparison, and the status-bar Dice, walk to the next low-Dice slice and the worst one', async () => {
  const frame = await comparisonFrame();
  // Focus inside the comparison (the overlay pane), as a person clicking into it would.
  await frame.locator('canvas.mi-image:visible').first().click();
  const before = await sliceShown(frame);
  await wb.page.keyboard.press('F8');
  const deadline = Date.now() + 10_000;
  while ((await sliceShown(frame)) === before && Date.now() < deadline) await wb.page.waitForTimeout(100);
  assert.notEqual(await sliceShown(frame), before, 'F8 moved to another flagged slice');
  // The worst slice of all labels (the first problem, most severe: label 4 missing from slice 39,
  // 1124 mm²), though the foreground is shown: the label switches with it.
  await wb.page.keyboard.press('Control+F8');
  await waitForSlice('39');
  // The status-bar Dice goes to the worst slice too. Revealing the slice re-shows the panel, which
  // can leave keyboard focus outside the webview under load: click into it again, as a person would.
  await frame.locator('canvas.mi-image:visible').first().click();
  await wb.page.keyboard.press('F8');
  const again = Date.now() + 10_000;
  while ((await sliceShown(frame)) === 'Slice 39 · axial' && Date.now() < again) await wb.page.waitForTimeout(100);
  assert.notEqual(await sliceShown(frame), 'Slice 39 · axial', 'F8 after Ctrl+F8 moved on');
  await wb.page.locator('.statusbar-item', { hasText: /Dice 0\.\d+/ }).first().click();
  await waitForSlice('39');
});

test('the Sagittal button moves the per-slice Dice with the panes: strip, Problems panel and Go to Worst follow', async () => {
  const frame = await comparisonFrame();
  const strip = frame.getByRole('slider', { name: 'Dice per slice: choose a slice' });
  assert.equal(await strip.getAttribute('aria-valuemax'), '79', 'the axial strip has the 80 axial slices');
  await frame.getByRole('button', { name: 'Show the sagittal plane' }).click();
  await frame.locator('text=/^Slice \\d+ · sagittal$/').first().waitFor({ timeout: 30_000 });
  await frame.locator('.mi-strip-title', { hasText: /^Dice per sagittal slice/ }).waitFor({ timeout: 30_000 });
  await ui.settles('the strip has the 160 sagittal slices', () => strip.getAttribute('aria-valuemax'), '159');
  // The Problems panel is republished for the sagittal plane, and only for it.
  await wb.page.keyboard.press('Control+Shift+M');
  const problems = wb.page.locator('.markers-panel .monaco-list-row');
  await problems.filter({ hasText: /sagittal slice \d+, / }).first().waitFor({ timeout: 30_000 });
  assert.equal(await problems.filter({ hasText: /axial slice \d+, / }).count(), 0, 'no axial problem left once the sagittal plane is shown');
  await shot('workbench-compare-sagittal');
  // Go to Worst goes to the worst sagittal slice: the one the Problems panel lists first.
  const first = /sagittal slice (\d+), /.exec((await problems.filter({ hasText: /sagittal slice \d+, / }).first().textContent()) ?? '')?.[1];
  assert.ok(first, 'the first problem names a sagittal slice');
  await command('Mask Inspector: Go to Worst Slice');
  await frame.locator(`text=/^Slice ${first} · sagittal$/`).first().waitFor({ timeout: 20_000 });
  // Back to the axial plane for the scenarios after this one.
  await frame.getByRole('button', { name: 'Show the axial plane' }).click();
  await problems.filter({ hasText: /axial slice \d+, / }).first().waitFor({ timeout: 30_000 });
  await ui.settles('the strip is back to the axial slices', () => strip.getAttribute('aria-valuemax'), '79');
});

test('the Explorer context menu compares two selected masks', async () => {
  await command('View: Close All Editors');
  await compareFromExplorer(wb, 'reference.nii.gz', 'prediction.nii.gz', () => shot('workbench-explorer-menu'));
  const frame = await comparisonFrame();
  await frame.locator('text=/^Slice \\d+ · axial$/').first().waitFor({ timeout: 60_000 });
  await wb.page.locator('.tabs-container .tab', { hasText: 'reference.nii.gz ↔ prediction.nii.gz' }).waitFor();
  await shot('workbench-compare-from-explorer');
});
