// The webview under the host's real Content-Security-Policy (the HTML from viewerHtml, served from a
// made-up origin standing in for webview.cspSource): it must load, draw and react to input without a
// single policy violation — no inline styles or scripts, no eval — and with no console errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { viewerHtml } from '../../src/extension/viewer/html';
import { launchChromium, repoRoot, screenshotPath } from './harness';

const ORIGIN = 'http://webview.invalid';

/** Runs before the page's own script (init scripts are not subject to the page's CSP). */
function installHost(): void {
  const w = window as unknown as Record<string, unknown>;
  const violations: string[] = [];
  const reports: unknown[] = [];
  w.__violations = violations;
  w.__reports = reports;
  document.addEventListener('securitypolicyviolation', (e) => violations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample}`));
  const shape = [16, 12, 6];
  const n = shape[0]! * shape[1]! * shape[2]!;
  const mask = new Uint8Array(n).map((_, i) => (i % 16 > 4 && i % 16 < 11 ? 1 + (Math.floor(i / 16) % 3) : 0));
  const ct = new Int16Array(n).map((_, i) => (i * 37) % 400 - 100);
  const axes: Record<string, [number, number, number]> = { axial: [2, 0, 1], coronal: [1, 0, 2], sagittal: [0, 1, 2] };
  const cut = (data: Uint8Array | Int16Array, plane: string, index: number) => {
    const [s, f, l] = axes[plane]!;
    const stride = [1, shape[0]!, shape[0]! * shape[1]!];
    const out = data instanceof Uint8Array ? new Uint8Array(shape[f]! * shape[l]!) : new Int16Array(shape[f]! * shape[l]!);
    let o = 0;
    for (let v = 0; v < shape[l]!; v++) for (let u = 0; u < shape[f]!; u++) out[o++] = data[index * stride[s]! + u * stride[f]! + v * stride[l]!]!;
    return { arrayType: data instanceof Uint8Array ? 'uint8' : 'int16', width: shape[f], height: shape[l], buffer: out.buffer };
  };
  const send = (m: unknown) => window.postMessage(m, '*');
  w.acquireVsCodeApi = () => ({
    getState: () => undefined,
    setState: () => undefined,
    postMessage: (m: { type: string; requestId: number; plane: string; index: number }) => {
      reports.push(m);
      if (m.type === 'ready') {
        send({ type: 'settings', settings: { displayConvention: 'radiological', overlayOpacity: 0.6, outlineMode: 'filled', palette: 'auto' } });
        send({ type: 'volume', info: {
          fileName: 'seg.nii.gz', format: 'nifti1', dataType: 'uint8', shape, spacing: [1, 1, 2],
          affine: [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 2, 0, 0, 0, 0, 1], affineSource: 'sform', orientation: 'RAS',
          planes: { axial: { sliceAxis: 2, fastAxis: 0, slowAxis: 1 }, coronal: { sliceAxis: 1, fastAxis: 0, slowAxis: 2 }, sagittal: { sliceAxis: 0, fastAxis: 1, slowAxis: 2 } },
          labels: [1, 2, 3].map((value) => ({ value, voxelCount: 10, name: `organ ${value}`, colour: [255, 0, 255 - value * 60, 255] })),
          labelsTruncated: false, volumes: 1, volumeIndex: 0,
        }, labelNames: { origin: { kind: 'file', path: 'labels.json', chosen: false }, fromSetting: false, warning: null } });
        send({ type: 'background', background: { fileName: 'ct.nii.gz', dataType: 'int16', range: [-100, 299], autoWindow: { low: -90, high: 290 }, alignment: 'identical' } });
      }
      if (m.type === 'requestSlice') {
        send({ type: 'slice', requestId: m.requestId, plane: m.plane, index: m.index, mask: cut(mask, m.plane, m.index), background: cut(ct, m.plane, m.index) });
      }
    },
  });
}

test('under the host\'s CSP the viewer draws and reacts with no violations and no console errors', async () => {
  const root = repoRoot();
  const html = viewerHtml({ cspSource: ORIGIN, scriptUri: `${ORIGIN}/dist/webview.js`, styleUri: `${ORIGIN}/media/viewer.css`, title: 'seg.nii.gz' });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1000, height: 700 } });
    const errors: string[] = [];
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    page.on('pageerror', (e) => errors.push(e.message));
    await page.route(`${ORIGIN}/**`, async (route) => {
      const path = new URL(route.request().url()).pathname;
      if (path === '/') return route.fulfill({ contentType: 'text/html', body: html });
      const types: Record<string, string> = { '/dist/webview.js': 'text/javascript', '/media/viewer.css': 'text/css' };
      const type = types[path];
      if (!type) return route.fulfill({ status: 404, body: '' });
      return route.fulfill({ contentType: type, body: readFileSync(join(root, path)) });
    });
    await page.addInitScript(installHost);
    await page.goto(`${ORIGIN}/`);
    await page.waitForFunction(() => (window as unknown as { __reports: { type: string; views?: unknown[] }[] }).__reports
      .some((r) => r.type === 'rendered' && (r.views?.length ?? 0) > 0));
    // Exercise what sets styles at run time: swatches, edge letters, layouts, outline, legend, zoom.
    await page.getByRole('button', { name: 'Show all three planes in a 2 by 2 grid' }).click();
    await page.getByRole('button', { name: 'Draw labels as outlines instead of filled' }).click();
    await page.getByRole('checkbox', { name: 'Show 2 organ 2' }).uncheck();
    const surface = page.locator('[data-plane="coronal"] .mi-surface');
    await surface.hover();
    await page.keyboard.down('Control');
    await page.mouse.wheel(0, -200);
    await page.keyboard.up('Control');
    await surface.focus();
    await page.keyboard.press('ArrowUp');
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    await page.screenshot({ path: screenshotPath('viewer-csp-grid') });
    const violations = await page.evaluate(() => (window as unknown as { __violations: string[] }).__violations);
    assert.deepEqual(violations, []);
    assert.deepEqual(errors, []);
    // The swatch shows the file's own colour (palette 'auto'), set through CSSOM.
    assert.equal(await page.locator('.mi-legend-row[data-value="1"] .mi-swatch').evaluate((e) => getComputedStyle(e).backgroundColor), 'rgb(255, 0, 195)');
  } finally {
    await browser.close();
  }
});
