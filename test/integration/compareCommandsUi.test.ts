// The comparison's commands as a person meets them in the workbench (code-server + headless
// Chromium) on the demo's phantom folder: "Compare Masks" from the Command Palette lists the mask
// files (masks before the CT-like image) instead of opening a file dialog; picking the image as a
// mask brings a warning; the problems' document is named for the pair (no "/1"); Export asks for
// the format, writes the file named for the pair, and says where with "Open" and "Reveal in Explorer".
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { openPhantomWorkbench, type PhantomWorkbench } from './phantomWorkbench';
import type { Workbench } from './workbench';

let ui: PhantomWorkbench;
let wb: Workbench;

before(async () => {
  ui = await openPhantomWorkbench();
  wb = ui.wb;
  // Until a first editor has opened, the workbench can still be restoring and miss palette input.
  await wb.openFile('reference.nii.gz');
  await wb.waitForWebview('canvas', 60_000);
});

after(async () => {
  await ui?.close();
});

/** F1 does not reach the workbench from a focused webview: focus the Explorer's title first. */
async function command(title: string): Promise<void> {
  await wb.page.locator('.sidebar .title-label').first().click();
  await wb.runCommand(title);
}

const quick = () => wb.page.locator('.quick-input-widget');

/** The labels of the quick pick's rows, in order. */
async function quickRows(): Promise<string[]> {
  await quick().locator('.monaco-list-row').first().waitFor();
  return (await quick().locator('.monaco-list-row .label-name').allTextContents()).map((t) => t.trim());
}

test('"Compare Masks" from the palette lists the mask files, masks before the CT-like image', async () => {
  await command('Mask Inspector: Compare Masks');
  const rows = await quickRows();
  await ui.shot('workbench-compare-masks-pick');
  assert.ok(rows.includes('reference.nii.gz') && rows.includes('prediction.nii.gz'), `rows: ${rows.join(', ')}`);
  assert.ok(rows.indexOf('reference.nii.gz') < rows.indexOf('image.nii.gz'), `masks first: ${rows.join(', ')}`);
  assert.ok(rows.some((r) => r.includes('Browse…')));
  // The reference, then the prediction from a list that no longer holds the reference.
  await quick().locator('.monaco-list-row', { hasText: 'reference.nii.gz' }).first().click();
  const second = await quickRows();
  assert.ok(!second.includes('reference.nii.gz'), `the reference is not offered again: ${second.join(', ')}`);
  await quick().locator('.monaco-list-row', { hasText: 'prediction.nii.gz' }).first().click();
  const frame = await wb.waitForWebview('.mi-cmp-label', 60_000);
  await frame.locator('text=/^Slice \\d+ · axial$/').first().waitFor({ timeout: 60_000 });
});

test('the problems document is named for the pair, without a "/1" folder', async () => {
  await wb.page.keyboard.press('Control+Shift+M');
  const resource = wb.page.locator('.markers-panel .monaco-list-row', { hasText: 'low-Dice slices' }).first();
  await resource.waitFor({ timeout: 30_000 });
  assert.equal((await resource.locator('.label-name').textContent())?.trim(), 'reference.nii.gz vs prediction.nii.gz - low-Dice slices.txt');
  const folder = (await resource.locator('.label-description').textContent().catch(() => '')) ?? '';
  assert.doesNotMatch(folder, /\d/, `no numbered folder: "${folder}"`);
  await ui.shot('workbench-problems-document-name');
  await wb.page.keyboard.press('Control+Shift+M');
});

test('Export offers CSV, JSON and Markdown, writes the chosen format and says where, with Open and Reveal', async () => {
  const frame = await wb.waitForWebview('.mi-cmp-label');
  await frame.getByRole('button', { name: /^Export report…/ }).click();
  // Each row has its name and a line saying what the format is for.
  const rows = await quickRows();
  assert.deepEqual(rows.filter((r) => !r.includes(' ')), ['CSV', 'JSON', 'Markdown']);
  assert.ok(rows.some((r) => /for a spreadsheet/.test(r)), rows.join(' | '));
  await ui.shot('workbench-export-format');
  await quick().locator('.monaco-list-row', { hasText: 'JSON' }).first().click();
  // code-server's save dialog is a quick input holding the proposed path: named for the pair, .json.
  const input = quick().locator('input');
  await input.waitFor({ state: 'visible' });
  await wb.page.waitForFunction(() => (document.querySelector('.quick-input-widget input') as HTMLInputElement | null)?.value.endsWith('.json'));
  const proposed = await input.inputValue();
  assert.match(proposed, /reference_vs_prediction\.dice\.json$/);
  await ui.shot('workbench-export-save');
  await input.press('Enter');
  const toast = wb.page.locator('.notification-toast', { hasText: 'exported the JSON report to' });
  await toast.waitFor({ timeout: 20_000 });
  const written = join(wb.workspace, 'reference_vs_prediction.dice.json');
  assert.ok((await toast.textContent())?.includes(written), `the message names ${written}`);
  assert.ok(existsSync(written));
  assert.equal((JSON.parse(readFileSync(written, 'utf8')) as { reference: { path: string } }).reference.path, join(wb.workspace, 'reference.nii.gz'));
  await toast.locator('.monaco-button', { hasText: 'Reveal in Explorer' }).waitFor();
  await ui.shot('workbench-export-done');
  await toast.locator('.monaco-button', { hasText: 'Open' }).click();
  await wb.page.locator('.tabs-container .tab', { hasText: 'reference_vs_prediction.dice.json' }).waitFor();
});

test('picking the CT-like image as a mask brings a warning that names it', async () => {
  await command('View: Close All Editors');
  await command('Mask Inspector: Compare Masks');
  await quick().locator('.monaco-list-row', { hasText: 'reference.nii.gz' }).first().click();
  await quickRows();
  await quick().locator('.monaco-list-row', { hasText: 'image.nii.gz' }).first().click();
  const toast = wb.page.locator('.notification-toast', { hasText: 'image.nii.gz looks like an intensity image' });
  await toast.waitFor({ timeout: 60_000 });
  assert.match((await toast.textContent()) ?? '', /Set Background Image/);
  await ui.shot('workbench-compare-image-warning');
});
