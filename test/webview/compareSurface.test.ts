// The comparison's side panel shows the boundary metrics in real Chromium, as the host sends them:
// progress while they compute (the Dice metrics already shown), then the chosen label's HD, HD95,
// ASSD in mm and NSD at τ (∞ when only one mask has the label, n/a when neither has it), this
// slice's 2-D HD95 marked above maskInspector.flagHd95AboveMm, a failure's sentence, and "off".
// The values are the core's on the test pair (compareFixture.testSurfaceResult); the panel must
// show them rounded, never recomputed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import type { SurfaceComparisonResult } from '../../src/protocol/compare';
import { screenshotPath } from './harness';
import { testResult, testSurfaceResult } from './compareFixture';
import { TEST_SETTINGS, openComparison, type OpenComparison } from './compareHost';

const SECTION = '.mi-cmp-side section[aria-label="Surface distances"]';

/** The section's definition list as [term, value] pairs. */
async function surfaceRows(page: Page): Promise<[string, string][]> {
  return page.locator(`${SECTION} dl`).evaluate((dl) => {
    const out: [string, string][] = [];
    for (const dt of dl.querySelectorAll('dt')) out.push([dt.textContent ?? '', dt.nextElementSibling?.textContent ?? '']);
    return out;
  });
}

async function sectionText(page: Page, includes: string): Promise<string> {
  await page.waitForFunction(([sel, text]) => document.querySelector(sel!)?.textContent?.includes(text!), [SECTION, includes]);
  return (await page.locator(SECTION).textContent()) ?? '';
}

async function sliceHd95(v: OpenComparison, index: number, label: number | null): Promise<string> {
  const since = v.host.mark();
  await v.host.send({ type: 'reveal', plane: 'axial', index, label });
  await v.host.rendered(since, { view: 'comparison', plane: 'axial', index, label });
  return (await v.page.locator('.mi-cmp-slice-hd95').textContent()) ?? '';
}

const mm = (v: number | null): string => `${v!.toFixed(2)} mm`;

test('progress, then the chosen label\'s HD/HD95/ASSD/NSD and this slice\'s 2-D HD95 (∞, n/a, above the limit)', async () => {
  const v = await openComparison({ metrics: testResult() });
  try {
    await v.host.rendered(0, { view: 'comparison' });
    // The Dice metrics are on screen while the boundary metrics compute.
    await v.host.sendSurfaceStatus({ kind: 'computing', fraction: 0.4 });
    assert.match(await sectionText(v.page, 'Computing'), /Surface distances · ForegroundComputing… 40%/);
    assert.match((await v.page.locator('.mi-cmp-side').textContent()) ?? '', /Volume · Foreground.*Dice/);
    assert.equal(await sliceHd95(v, 7, null), '', 'no 2-D HD95 before the per-slice values arrive');

    const result = testSurfaceResult();
    await v.host.sendMetrics(result);
    await v.host.sendSurfaceStatus({ kind: 'ready', toleranceMm: 1 });
    await sectionText(v.page, 'NSD');
    const fg = result.foreground;
    assert.deepEqual(await surfaceRows(v.page), [['HD', mm(fg.hd)], ['HD95', mm(fg.hd95)], ['ASSD', mm(fg.assd)], ['NSD @ 1 mm', fg.nsd!.toFixed(3)]]);
    assert.ok(fg.hd! > 0 && Number.isFinite(fg.hd95!), 'the test pair differs: finite, positive distances');

    // This slice, 2-D: the liver's slice 7 (both masks), slice 4 (reference only: ∞), slice 2 (neither: n/a).
    const liver = result.labels.find((l) => l.label === 1)!;
    assert.equal(await sliceHd95(v, 7, 1), `HD95 (2-D) ${mm(liver.slices[7]!.hd95!)}`);
    assert.equal(liver.slices[4]!.hd95, Infinity);
    assert.equal(await sliceHd95(v, 4, 1), 'HD95 (2-D) ∞');
    assert.equal(await sliceHd95(v, 2, 1), 'HD95 (2-D) n/a');
    assert.deepEqual((await surfaceRows(v.page))[1], ['HD95', mm(liver.hd95)]);
    assert.match(await sectionText(v.page, 'liver'), /Surface distances · 1 liver/);

    // maskInspector.flagHd95AboveMm below this slice's HD95 marks it; above, it does not.
    const at7 = liver.slices[7]!.hd95!;
    await v.host.send({ type: 'settings', settings: { ...TEST_SETTINGS, hd95LimitMm: Math.floor(at7 * 10) / 10 - 0.1 } });
    await sliceHd95(v, 7, 1);
    await v.page.waitForFunction(() => /above/.test(document.querySelector('.mi-cmp-slice-hd95')?.nextElementSibling?.textContent ?? ''));
    assert.match((await v.page.locator('.mi-cmp-slice-hd95 + .mi-cmp-flag').textContent()) ?? '', /^above \d+(\.\d+)? mm$/);
    assert.match((await v.page.locator('.mi-cmp-slice-hd95 + .mi-cmp-flag').getAttribute('class')) ?? '', /mi-cmp-flag-low/);
    await v.page.screenshot({ path: screenshotPath('compare-surface-panel') });
    await v.page.locator('.mi-cmp-side').screenshot({ path: screenshotPath('compare-surface-side') });
    await v.host.send({ type: 'settings', settings: { ...TEST_SETTINGS, hd95LimitMm: at7 + 1 } });
    await v.page.waitForFunction(() => (document.querySelector('.mi-cmp-slice-hd95 + .mi-cmp-flag')?.textContent ?? 'x') === '');
  } finally {
    await v.close();
  }
});

test('a label only one mask has reads ∞ (NSD 0); a failure says why; off says which setting', async () => {
  const base = testSurfaceResult();
  // As the core reports a label present in one mask only (see conventions.empty).
  const oneSided: SurfaceComparisonResult = {
    ...base,
    labels: base.labels.map((l) => (l.label === 2 ? { ...l, hd: Infinity, hd95: Infinity, assd: Infinity, nsd: 0 } : l)),
  };
  const v = await openComparison({ metrics: oneSided });
  try {
    await v.host.sendSurfaceStatus({ kind: 'ready', toleranceMm: 1 });
    await v.host.rendered(0, { view: 'comparison' });
    const since = v.host.mark();
    await v.page.selectOption('.mi-cmp-label', '2');
    await v.host.rendered(since, { label: 2 });
    await sectionText(v.page, 'spleen');
    assert.deepEqual(await surfaceRows(v.page), [['HD', '∞'], ['HD95', '∞'], ['ASSD', '∞'], ['NSD @ 1 mm', '0.000']]);
    assert.match(await sectionText(v.page, 'Only one mask'), /Only one mask has it: ∞\./);

    await v.host.sendSurfaceStatus({ kind: 'failed', message: 'The surface distances were cancelled. Run "Mask Inspector: Recompute Comparison" to compute them again.' });
    assert.match(await sectionText(v.page, 'cancelled'), /were cancelled/);
    assert.equal(await v.page.locator(`${SECTION} [role="alert"]`).count(), 1);
    await v.host.sendSurfaceStatus({ kind: 'off' });
    assert.match(await sectionText(v.page, 'Off'), /Off \(setting maskInspector\.surfaceMetrics\)\./);
  } finally {
    await v.close();
  }
});
