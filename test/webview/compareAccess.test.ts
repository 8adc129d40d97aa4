// Fit and reach of the comparison webview in real Chromium: it runs under a strict
// Content-Security-Policy without violations, every control has an accessible name and is reached by
// Tab, theme colours drive the chrome, and metrics taken along another plane drive the strip there.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cspViolations, openComparison } from './compareHost';
import { testResult } from './compareFixture';

test('no Content-Security-Policy violations while every part of the view is used', async () => {
  const v = await openComparison({ background: true });
  try {
    await v.host.rendered(0, { view: 'comparison' });
    await v.page.getByRole('button', { name: /^Overlay: TP, FP and FN/ }).click();
    await v.page.selectOption('.mi-cmp-label', '1');
    const strip = v.page.locator('.mi-strip-canvas');
    const box = (await strip.boundingBox())!;
    await v.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await v.page.locator('.mi-strip-tip').waitFor({ state: 'visible' });
    await v.page.locator('[data-class="FN"] input').uncheck();
    await v.host.send({ type: 'error', message: 'The prediction changed on disk and could not be read.' });
    await v.page.locator('.mi-error').waitFor({ state: 'visible' });
    assert.deepEqual(await cspViolations(v.page), []);
  } finally {
    await v.close();
  }
});

test('every control has an accessible name, and Tab reaches the toolbar, the panes, the strip and the panel', async () => {
  const v = await openComparison();
  try {
    await v.host.rendered(0, { view: 'comparison' });
    const unnamed = await v.page.evaluate(() => {
      const controls = [...document.querySelectorAll<HTMLElement>('button, input, select, [tabindex]')]
        .filter((e) => e.offsetParent !== null);
      const name = (e: HTMLElement): string => (e.getAttribute('aria-label')
        ?? ((e as HTMLInputElement).labels?.[0]?.textContent ?? '')) || (e.textContent ?? '');
      return controls.filter((e) => name(e).trim() === '').map((e) => e.outerHTML.slice(0, 120));
    });
    assert.deepEqual(unnamed, []);
    // Tab through the page and note which parts received focus.
    const reached = new Set<string>();
    await v.page.locator('body').focus();
    for (let i = 0; i < 60; i++) {
      await v.page.keyboard.press('Tab');
      reached.add(await v.page.evaluate(() => {
        const e = document.activeElement as HTMLElement | null;
        if (!e) return 'none';
        if (e.closest('.mi-toolbar')) return 'toolbar';
        if (e.closest('.mi-pane')) return `pane:${e.closest<HTMLElement>('.mi-pane')!.dataset['role']}`;
        if (e.closest('.mi-strip')) return 'strip';
        if (e.closest('.mi-cmp-side')) return 'panel';
        return e.tagName;
      }));
    }
    for (const part of ['toolbar', 'pane:reference', 'pane:prediction', 'strip', 'panel']) assert.ok(reached.has(part), `Tab reaches ${part}`);
  } finally {
    await v.close();
  }
});

test('chrome colours come from the theme variables', async () => {
  const v = await openComparison();
  try {
    await v.host.rendered(0, { view: 'comparison' });
    const colours = await v.page.evaluate(() => ({
      body: getComputedStyle(document.body).backgroundColor,
      side: getComputedStyle(document.querySelector('.mi-cmp-side')!).backgroundColor,
      pressed: getComputedStyle(document.querySelector('.mi-button[aria-pressed="true"]')!).backgroundColor,
      strip: getComputedStyle(document.querySelector('.mi-strip')!).backgroundColor,
    }));
    // Dark+ values set by the test page: editor #1e1e1e, side bar and widgets #252526, button #0e639c.
    assert.deepEqual(colours, { body: 'rgb(30, 30, 30)', side: 'rgb(37, 37, 38)', pressed: 'rgb(14, 99, 156)', strip: 'rgb(37, 37, 38)' });
  } finally {
    await v.close();
  }
});

test('metrics along the coronal plane: the strip has one bar per coronal slice and a click shows that coronal slice', async () => {
  const v = await openComparison({ metrics: testResult(0.8, 'coronal') });
  try {
    // The opening view follows the metrics' plane.
    await v.host.rendered(0, { view: 'comparison', plane: 'coronal' });
    await v.page.waitForFunction(() => document.querySelector('.mi-strip-canvas')?.getAttribute('data-count') === '40');
    assert.match(await v.page.locator('.mi-strip-title').textContent() ?? '', /^Dice per coronal slice/);
    await v.page.getByRole('button', { name: 'Show the axial plane' }).click();
    await v.host.rendered(0, { plane: 'axial' });
    const canvas = v.page.locator('.mi-strip-canvas');
    const box = (await canvas.boundingBox())!;
    const left = Number(await canvas.getAttribute('data-plot-left'));
    const right = Number(await canvas.getAttribute('data-plot-right'));
    const since = v.host.mark();
    await v.page.mouse.click(box.x + left + (25.5 * (right - left)) / 40, box.y + box.height / 2);
    const r = await v.host.rendered(since, { plane: 'coronal', index: 25 });
    assert.equal(r.mode, 'sideBySide');
    assert.ok(v.host.requests.includes('coronal:25'));
  } finally {
    await v.close();
  }
});
