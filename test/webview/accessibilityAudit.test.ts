// An axe-core audit of the viewer and the comparison in real Chromium, in the states a person meets:
// the viewer in one plane and in the grid with a background, with a notice, and its error view; the
// comparison side by side, as an overlay with the strip's tooltip open, in the light theme, and its
// error view. A serious or critical violation fails the test; anything milder is printed for review.
// Rules include WCAG 2.5.3 (label-content-name-mismatch), off in axe by default (see ./axe.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { axeViolations, describeViolations } from './axe';
import { openComparison } from './compareHost';
import { openViewer } from './page';
import { PHANTOM, RAS, store } from './volumes';

async function audit(page: Page, state: string): Promise<void> {
  const all = await axeViolations(page);
  if (all.length > 0) console.log(`axe, ${state}:\n${describeViolations(all)}`);
  const serious = all.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(serious.map((v) => v.id), [], `${state}:\n${describeViolations(serious)}`);
}

test('the audit can fail: a button whose accessible name hides its visible text is reported', async () => {
  const v = await openComparison();
  try {
    await v.host.rendered(0, { view: 'comparison' });
    await v.page.evaluate(() => document.querySelector('.mi-toolbar button')!.setAttribute('aria-label', 'Something else'));
    const found = await axeViolations(v.page);
    assert.ok(found.some((x) => x.id === 'label-content-name-mismatch' && x.impact === 'serious'), describeViolations(found));
  } finally {
    await v.close();
  }
});

test('comparison: side by side, overlay with the strip tooltip, light theme, error view', async () => {
  const v = await openComparison({ background: true });
  try {
    await v.host.rendered(0, { view: 'comparison' });
    await audit(v.page, 'comparison side by side over a background');
    const since = v.host.mark();
    await v.page.getByRole('button', { name: /^Overlay/ }).click();
    await v.host.rendered(since, { mode: 'overlay' });
    await v.page.selectOption('.mi-cmp-label', '1');
    const strip = v.page.locator('.mi-strip-canvas');
    const box = (await strip.boundingBox())!;
    await v.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await v.page.locator('.mi-strip-tip').waitFor({ state: 'visible' });
    await audit(v.page, 'comparison overlay, label 1, strip tooltip open');
    await v.host.send({ type: 'error', message: 'The prediction changed on disk and could not be read.' });
    await v.page.locator('.mi-error').waitFor({ state: 'visible' });
    await audit(v.page, 'comparison error view');
  } finally {
    await v.close();
  }
  const light = await openComparison({ theme: 'light' });
  try {
    await light.host.rendered(0, { view: 'comparison' });
    await audit(light.page, 'comparison, light theme');
  } finally {
    await light.close();
  }
});

test('viewer: one plane, the grid over a background with a notice, error view', async () => {
  const v = await openViewer(store(PHANTOM, RAS), { background: true, initialState: { cursor: [86, 62, 36] } });
  try {
    await v.host.renderedShowing(0, 'axial', 36);
    await audit(v.page, 'viewer, axial');
    await v.page.getByRole('button', { name: 'Show all three planes in a 2 by 2 grid' }).click();
    await v.host.send({ type: 'backgroundError', message: 'ct.nii.gz is on another grid; a background must share the mask\'s grid.' });
    await v.page.locator('.mi-notice[role="alert"]').waitFor({ state: 'visible' });
    await audit(v.page, 'viewer, grid with a notice');
    await v.host.send({ type: 'error', message: 'seg.nii.gz has datatype RGB24 (code 128), which is not a label mask datatype.' });
    await v.page.locator('.mi-error').waitFor({ state: 'visible' });
    await audit(v.page, 'viewer error view');
  } finally {
    await v.close();
  }
});
