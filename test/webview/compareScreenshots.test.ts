// Screenshots of the comparison (test-results/screenshots/compare-*.png), for the README and for
// looking at: side by side and overlay over a CT-like background on a flagged slice in VS Code's
// Dark+ colours, the overlay over black at the default opacity, and the light theme.
import { test } from 'node:test';
import { screenshot } from './page';
import { TEST_SETTINGS, openComparison, type OpenOptions } from './compareHost';

async function capture(name: string, options: OpenOptions, mode: 'sideBySide' | 'overlay', index: number): Promise<void> {
  const view = await openComparison(options);
  try {
    const since = view.host.mark();
    await view.host.send({ type: 'setMode', mode });
    await view.host.send({ type: 'reveal', plane: 'axial', index });
    await view.host.rendered(since, { view: 'comparison', index, mode });
    await screenshot(view.page, name);
  } finally {
    await view.close();
  }
}

const OVER_BACKGROUND = { background: true, settings: { ...TEST_SETTINGS, overlayOpacity: 0.6 } };

test('screenshot: side by side over a background (dark)', () => capture('compare-side-by-side', OVER_BACKGROUND, 'sideBySide', 12));
test('screenshot: overlay over a background (dark)', () => capture('compare-overlay', OVER_BACKGROUND, 'overlay', 12));
test('screenshot: overlay over black at the default opacity (dark)', () => capture('compare-overlay-black', { settings: { ...TEST_SETTINGS, overlayOpacity: 0.5 } }, 'overlay', 7));
test('screenshot: side by side (light theme)', () => capture('compare-side-by-side-light', { ...OVER_BACKGROUND, theme: 'light' }, 'sideBySide', 12));
