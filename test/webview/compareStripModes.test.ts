// The Dice strip's modes and the navigation toggle in real Chromium: "Strip shows" (a labelled,
// keyboard-reachable select) switches between the foreground, the chosen label and each slice's
// worst label, whose tooltip names the label the bar comes from; "This label only" tells the host
// to keep Worst / ‹ Low / Low › on the chosen label. The expected labels are read off the test
// pair's counts here, not from the strip's own choice.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CompareWebviewToHost } from '../../src/protocol/compare';
import { openComparison } from './compareHost';
import { testResult } from './compareFixture';
import { screenshotPath } from './harness';

test('strip modes: foreground, chosen label, worst label per slice (tooltip names it); the toggle reaches the host', async () => {
  const result = testResult();
  const v = await openComparison({ metrics: result });
  try {
    await v.host.rendered(0, { view: 'comparison' });
    const select = v.page.getByLabel('Strip shows');
    assert.equal(await select.inputValue(), 'label', 'opens on the chosen label');

    // Keyboard: Tab order reaches the select; choosing by keys switches the strip.
    await select.focus();
    await select.selectOption('worstLabel');
    await v.page.waitForFunction(() => /worst label per slice/.test(document.querySelector('.mi-strip-title')?.textContent ?? ''));

    // A slice where only label 2 differs between the masks: its bar is label 2's.
    const wrong = (label: number, s: number): number => { const x = result.labels.find((l) => l.label === label)!.slices[s]!; return x.fp + x.fn; };
    const onlyTwo = result.foreground.slices.findIndex((_, s) => wrong(2, s) > 0 && wrong(1, s) === 0);
    const onlyOne = result.foreground.slices.findIndex((_, s) => wrong(1, s) > 0 && wrong(2, s) === 0);
    const neither = result.foreground.slices.findIndex((f, s) => f.dice !== null && wrong(1, s) === 0 && wrong(2, s) === 0);
    const canvas = v.page.locator('.mi-strip-canvas');
    // One key at a time, each step awaited: under load a redraw can take focus for a moment, and a
    // batch of presses would then be lost without a trace.
    const valueText = async (index: number): Promise<string> => {
      const now = async (): Promise<number> => Number(await canvas.getAttribute('aria-valuenow'));
      for (let tries = 0; (await now()) !== index; tries++) {
        assert.ok(tries < 200, `the strip reached slice ${index} by keyboard (at ${await now()})`);
        const from = await now();
        await canvas.focus();
        await v.page.keyboard.press(from < index ? 'ArrowRight' : 'ArrowLeft');
        await v.page.waitForFunction((f) => document.querySelector('.mi-strip-canvas')?.getAttribute('aria-valuenow') !== String(f), from, { timeout: 5_000 }).catch(() => undefined);
      }
      return (await canvas.getAttribute('aria-valuetext')) ?? '';
    };
    if (onlyTwo >= 0) assert.match(await valueText(onlyTwo), new RegExp(`^slice ${onlyTwo}, 2 spleen: Dice`));
    if (onlyOne >= 0) assert.match(await valueText(onlyOne), new RegExp(`^slice ${onlyOne}, 1 liver: Dice`));
    assert.ok(onlyTwo >= 0 || onlyOne >= 0, 'the pair has a slice where one label alone is wrong');
    if (neither >= 0) assert.match(await valueText(neither), /, no label wrong, foreground: Dice/);
    await v.page.screenshot({ path: screenshotPath('compare-strip-worst-label') });

    await select.selectOption('foreground');
    await v.page.waitForFunction(() => /· Foreground$/.test(document.querySelector('.mi-strip-title')?.textContent ?? ''));
    await select.selectOption('label');
    await v.page.locator('.mi-cmp-label').selectOption('2');
    await v.page.waitForFunction(() => /· 2 spleen$/.test(document.querySelector('.mi-strip-title')?.textContent ?? ''));

    // The navigation toggle: pressed state shown, the host told.
    const toggle = v.page.getByRole('button', { name: /^This label only/ });
    assert.equal(await toggle.getAttribute('aria-pressed'), 'false');
    const since = v.host.mark();
    await toggle.focus();
    await v.page.keyboard.press('Enter');
    const sent = await v.host.after(since, (m): m is Extract<CompareWebviewToHost, { type: 'setNavigationScope' }> => m.type === 'setNavigationScope');
    assert.equal(sent.selectedLabelOnly, true);
    await v.page.waitForFunction(() => [...document.querySelectorAll('button')].find((b) => b.textContent === 'This label only')?.getAttribute('aria-pressed') === 'true');
    await v.page.screenshot({ path: screenshotPath('compare-strip-label-only') });
  } finally {
    await v.close();
  }
});
