// The comparison webview facing hostile input, in real Chromium: its error view (a worker that died,
// a file that failed mid-read) offers Reopen, reachable by keyboard, which asks the host to compare
// again, and the comparison comes back when the host sends it; label names that look like HTML are
// shown as their characters in the label picker, the labels list, the strip's tooltip and readout,
// and never become elements.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CompareWebviewToHost } from '../../src/protocol/compare';
import { openComparison } from './compareHost';
import { testResult } from './compareFixture';
import { screenshotPath } from './harness';

const HTML_LIVER = '<img src=x onerror="document.title=\'pwned\'"><b>liver</b>';
const HTML_SPLEEN = '<b>spleen</b> & <i>co</i>';

test('the error view offers Reopen, by keyboard, which asks the host to compare again; the comparison comes back', async () => {
  const v = await openComparison();
  try {
    await v.host.rendered(0, { view: 'comparison' });
    const message = 'case01_gt.nii.gz ↔ case01_pred.nii.gz cannot be compared: the compare worker stopped unexpectedly (exit code 1), perhaps out of memory. Reopen reads both files again.';
    let since = v.host.mark();
    await v.host.send({ type: 'error', message });
    await v.host.rendered(since, { view: 'error' });
    const reopen = v.page.getByRole('button', { name: 'Reopen' });
    await reopen.waitFor({ state: 'visible' });
    assert.match((await v.page.locator('.mi-error').textContent()) ?? '', /stopped unexpectedly/);
    assert.match((await reopen.getAttribute('aria-label')) ?? '', /^Reopen: /, 'labelled with what it does');
    await v.page.screenshot({ path: screenshotPath('compare-error-reopen') });

    // Keyboard only: Tab from the page's start reaches the button, Enter presses it.
    await v.page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    let focused = '';
    for (let n = 0; n < 10 && focused !== 'Reopen'; n++) {
      await v.page.keyboard.press('Tab');
      focused = await v.page.evaluate(() => document.activeElement?.textContent ?? '');
    }
    assert.equal(focused, 'Reopen', 'Tab reaches Reopen');
    since = v.host.mark();
    await v.page.keyboard.press('Enter');
    await v.host.after(since, (m): m is Extract<CompareWebviewToHost, { type: 'reopen' }> => m.type === 'reopen');

    // The host reads and compares again: loading, then the panes and metrics.
    since = v.host.mark();
    await v.host.send({ type: 'loading', message: 'Reading the files…', fraction: null });
    await v.host.rendered(since, { view: 'loading' });
    await v.host.open({ metrics: testResult() }); // settings, volumes, metrics, as after any (re)start
    await v.host.rendered(since, { view: 'comparison' });
    assert.equal(await v.page.locator('.mi-error').isHidden(), true);
  } finally {
    await v.close();
  }
});

test('label names that look like HTML show their characters in the picker, the labels list and the strip tooltip', async () => {
  const v = await openComparison({ metrics: null });
  try {
    const result = testResult();
    const since = v.host.mark();
    await v.host.send({ type: 'metrics', result, labels: [{ value: 1, name: HTML_LIVER }, { value: 2, name: HTML_SPLEEN }] });
    await v.host.rendered(since, { view: 'comparison' });

    // The label picker: options carry the names as text.
    const options = await v.page.locator('.mi-cmp-label option').allTextContents();
    assert.ok(options.some((o) => o.includes(HTML_LIVER)), `picker options: ${options.join(' | ')}`);
    assert.ok(options.some((o) => o.includes(HTML_SPLEEN)));
    // The labels list in the side panel.
    const panel = (await v.page.locator('.mi-cmp-side').textContent()) ?? '';
    assert.ok(panel.includes(HTML_LIVER) && panel.includes(HTML_SPLEEN), 'the labels list shows both names as written');

    // The strip's tooltip (worst label per slice names the label each bar comes from).
    await v.page.getByLabel('Strip shows').selectOption('worstLabel');
    const canvas = v.page.locator('.mi-strip-canvas');
    const box = (await canvas.boundingBox())!;
    const tips = new Set<string>();
    for (let n = 0; n < 40; n++) {
      await v.page.mouse.move(box.x + ((n + 0.5) / 40) * box.width, box.y + box.height / 2);
      tips.add((await v.page.locator('.mi-strip-tip').textContent()) ?? '');
    }
    assert.ok([...tips].some((t) => t.includes(`1 ${HTML_LIVER}`)), `tooltips: ${[...tips].join(' | ')}`);
    assert.ok([...tips].some((t) => t.includes(`2 ${HTML_SPLEEN}`)));
    await v.page.screenshot({ path: screenshotPath('compare-html-label-names') });

    // Nothing was parsed: no element from a name, no script ran.
    assert.equal(await v.page.locator('img[src="x"], .mi-app b, .mi-app i').count(), 0, 'a name was parsed as HTML');
    assert.notEqual(await v.page.title(), 'pwned');
  } finally {
    await v.close();
  }
});
