// The toolbars at a 1280 px wide editor: the viewer's controls stay on one line and the
// comparison's on its two designed lines (comparison controls, then display controls), also with a
// background (window/level controls shown) and long label names in the label picker.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { openComparison } from './compareHost';
import { testResult } from './compareFixture';
import { openViewer, screenshot } from './page';
import { PHANTOM, RAS, store } from './volumes';

/** The distinct vertical centres (rounded to 4 px) of the toolbar's visible controls. */
async function controlRows(page: Page): Promise<number[]> {
  return page.evaluate(() => {
    const rows = new Set<number>();
    for (const e of document.querySelectorAll<HTMLElement>('.mi-toolbar :is(button, select, input)')) {
      if (e.offsetParent === null) continue;
      const r = e.getBoundingClientRect();
      rows.add(Math.round((r.top + r.height / 2) / 4) * 4);
    }
    return [...rows].sort((a, b) => a - b);
  });
}

test('viewer at 1280 px (and in a 1600 px window beside the Explorer, ~1090 px) with a background: the toolbar is one line', async () => {
  const v = await openViewer(store(PHANTOM, RAS), { background: true, viewport: { width: 1280, height: 720 } });
  try {
    await v.host.renderedShowing(0, 'axial', 30).catch(() => undefined);
    await v.page.locator('.mi-toolbar .mi-number').first().waitFor({ state: 'visible' });
    await screenshot(v.page, 'viewer-toolbar-1280');
    assert.equal((await controlRows(v.page)).length, 1);
    await v.page.setViewportSize({ width: 1090, height: 720 });
    await v.page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    await screenshot(v.page, 'viewer-toolbar-1090');
    assert.equal((await controlRows(v.page)).length, 1, 'one line at 1090 px');
  } finally {
    await v.close();
  }
});

test('comparison at 1280 px with a background and long label names: two toolbar lines', async () => {
  const v = await openComparison({ background: true, viewport: { width: 1280, height: 720 } });
  try {
    await v.host.rendered(0, { view: 'comparison' });
    const result = testResult();
    await v.host.send({
      type: 'metrics', result,
      labels: result.labels.map((l) => ({ value: l.label, name: `${'inferior_vena_cava_and_hepatic_veins_'.repeat(2)}${l.label}` })),
    });
    await v.page.waitForFunction(() => (document.querySelector('.mi-cmp-label')?.textContent ?? '').includes('inferior_vena_cava'));
    await screenshot(v.page, 'compare-toolbar-1280');
    assert.equal((await controlRows(v.page)).length, 2);
  } finally {
    await v.close();
  }
});
