// Screenshots of the comparison in VS Code's Dark+ colours (test-results/screenshots/), for the README
// and for looking at: side by side and overlay, over the CT-like background, on a flagged slice.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { screenshot } from './page';
import { openComparison } from './compareHost';

test('screenshots: side by side and overlay over a background', async () => {
  const view = await openComparison({ background: true, settings: { displayConvention: 'radiological', overlayOpacity: 0.6, outlineMode: 'filled', overlayColours: { tp: [240, 228, 66, 255], fp: [213, 94, 0, 255], fn: [86, 180, 233, 255] }, threshold: 0.8 } });
  try {
    const since = view.host.mark();
    await view.host.send({ type: 'reveal', plane: 'axial', index: 7 });
    await view.host.rendered(since, { view: 'comparison', index: 7, mode: 'sideBySide' });
    await screenshot(view.page, 'compare-side-by-side');
    const overlaySince = view.host.mark();
    await view.host.send({ type: 'setMode', mode: 'overlay' });
    await view.host.rendered(overlaySince, { mode: 'overlay', index: 7 });
    await screenshot(view.page, 'compare-overlay');
    assert.ok(true);
  } finally {
    await view.close();
  }
});
