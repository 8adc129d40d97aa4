// The side panel's labels can be listed worst volume Dice first: a toggle button reached and
// pressed with the keyboard, the foreground row staying on top, labels without a Dice last; pressed
// again, back to label order; the order is kept in the saved view state. The order function is checked on its own too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { orderLabels } from '../../src/webview/compare/labelOrder';
import { openComparison, savedCompareState } from './compareHost';
import { screenshot } from './page';
import { testResult } from './compareFixture';

test('order: foreground first, then by value or by Dice (worst first, n/a last, ties by value)', () => {
  const rows = [
    { choice: 3, dice: 0.9 }, { choice: null, dice: 0.8 }, { choice: 1, dice: null }, { choice: 2, dice: 0.5 }, { choice: 4, dice: 0.5 },
  ];
  assert.deepEqual(orderLabels(rows, 'value').map((r) => r.choice), [null, 1, 2, 3, 4]);
  assert.deepEqual(orderLabels(rows, 'dice').map((r) => r.choice), [null, 2, 4, 3, 1]);
});

/** Polls `read` until it equals `expected` (15 s at most), then asserts it. */
async function settles(read: () => Promise<unknown>, expected: unknown): Promise<void> {
  const deadline = Date.now() + 15_000;
  let got = await read();
  while (JSON.stringify(got) !== JSON.stringify(expected) && Date.now() < deadline) {
    await new Promise((done) => setTimeout(done, 50));
    got = await read();
  }
  assert.deepEqual(got, expected);
}

test('the side panel sorts its labels by Dice from the keyboard, and back', async () => {
  const v = await openComparison();
  try {
    await v.host.rendered(0, { view: 'comparison' });
    const rows = v.page.locator('.mi-cmp-labels .mi-cmp-label-row');
    await rows.first().waitFor();
    const names = async () => (await rows.locator('.mi-legend-name').allTextContents()).map((t) => t.trim());
    // The fixture's volume Dice (compareFixture): label 1 0.837 above label 2 0.686.
    const dice = new Map(testResult().labels.map((l) => [l.label, l.dice]));
    assert.ok(dice.get(2)! < dice.get(1)!, 'the fixture has label 2 worse than label 1');
    const byValue = await names();
    assert.deepEqual(byValue.map((n) => n.split(' ')[0]), ['Foreground', '1', '2']);
    const sort = v.page.getByRole('button', { name: /^Sort by Dice/ });
    await sort.focus();
    await v.page.keyboard.press('Enter');
    // The press goes through the view state and the next drawing: wait for it to show.
    await settles(async () => [await sort.getAttribute('aria-pressed'), ...(await names()).map((n) => n.split(' ')[0])], ['true', 'Foreground', '2', '1']);
    await screenshot(v.page, 'compare-labels-by-dice');
    // The order is part of the saved view state: a rebuilt webview (hidden tab, window reload) keeps it.
    const saved = await savedCompareState(v.page);
    assert.equal((saved as { labelOrder?: unknown }).labelOrder, 'dice');
    const again = await openComparison({ initialState: saved });
    try {
      await again.host.rendered(0, { view: 'comparison' });
      const againRows = again.page.locator('.mi-cmp-labels .mi-cmp-label-row');
      await againRows.first().waitFor();
      const againSort = again.page.getByRole('button', { name: /^Sort by Dice/ });
      await settles(async () => [await againSort.getAttribute('aria-pressed'), ...(await againRows.locator('.mi-legend-name').allTextContents()).map((t) => t.trim().split(' ')[0])], ['true', 'Foreground', '2', '1']);
    } finally {
      await again.close();
    }
    await sort.focus();
    await v.page.keyboard.press('Space');
    await settles(async () => [await sort.getAttribute('aria-pressed'), ...(await names())], ['false', ...byValue]);
  } finally {
    await v.close();
  }
});
