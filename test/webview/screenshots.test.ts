// Screenshots of the viewer as a person sees it (Dark+ theme, a body-like phantom over a CT-like
// background) in each layout, saved to test-results/screenshots/ for review and the README.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { PHANTOM, RAS, store } from './volumes';
import { openViewer, screenshot } from './page';

async function nextFrame(page: Page): Promise<void> {
  await page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))));
}

const SETTINGS = { displayConvention: 'radiological', overlayOpacity: 0.5, outlineMode: 'filled', palette: 'colorblind' } as const;

test('screenshots: axial, coronal and sagittal alone, 1×3 and 2×2, over a CT background', async () => {
  const volume = store(PHANTOM, RAS);
  // The cursor through the tumour, so every plane cuts organs.
  const viewer = await openViewer(volume, { background: true, settings: SETTINGS, initialState: { cursor: [86, 62, 36], window: { preset: 'soft', width: 400, level: 40 } } });
  try {
    const { page, host } = viewer;
    for (const plane of ['axial', 'coronal', 'sagittal'] as const) {
      const index = { axial: 36, coronal: 62, sagittal: 86 }[plane];
      const since = host.mark();
      await page.getByRole('button', { name: `Show the ${plane} plane` }).click();
      await host.renderedShowing(since, plane, index);
      await page.locator(`[data-plane="${plane}"] .mi-surface`).hover({ position: { x: 300, y: 250 } });
      await screenshot(page, `viewer-${plane}`);
    }
    const since = host.mark();
    await page.getByRole('button', { name: 'Show all three planes in a row' }).click();
    await host.after(since, (m): m is Extract<typeof m, { type: 'rendered' }> => m.type === 'rendered' && m.views.length === 3);
    await screenshot(page, 'viewer-row');
    await page.getByRole('button', { name: 'Show all three planes in a 2 by 2 grid' }).click();
    await page.getByRole('button', { name: 'Draw labels as outlines instead of filled' }).click();
    await nextFrame(page);
    await screenshot(page, 'viewer-grid-outline');
    // Keyboard only: Tab walks the toolbar controls, then reaches the first view, which shows a focus ring.
    await page.locator('body').focus();
    const names: string[] = [];
    for (let i = 0; i < 30; i++) {
      await page.keyboard.press('Tab');
      const name = await page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.tagName ?? '');
      names.push(name);
      if (name.startsWith('Axial view')) break;
    }
    assert.ok(names.at(-1)!.startsWith('Axial view'), `Tab order: ${names.join(' | ')}`);
    assert.ok(names.every((n) => n !== '' && n !== 'BUTTON' && n !== 'INPUT' && n !== 'SELECT'), `every stop has an accessible name: ${names.join(' | ')}`);
    const outline = await page.locator('[data-plane="axial"] .mi-surface').evaluate((e) => getComputedStyle(e).outlineStyle);
    assert.equal(outline, 'solid', 'visible focus');
    await screenshot(page, 'viewer-keyboard-focus');
  } finally {
    await viewer.close();
  }
});
