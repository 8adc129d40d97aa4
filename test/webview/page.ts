// Opens the real webview bundle (dist/webview.js + media/viewer.css) in Chromium with VS Code's
// Dark+ theme variables and a FakeHost serving a test volume; reads screen pixels from screenshots.
import { decode } from 'fast-png';
import type { Page } from 'playwright-core';
import type { ViewerSettings } from '../../src/protocol/viewer';
import { openWebviewPage, screenshotPath, type WebviewPage } from './harness';
import { DEFAULT_TEST_SETTINGS, FakeHost, type TestVolume } from './fakeHost';

/** VS Code injects its theme as CSS variables on <html>; these are Dark+ (default dark) values (shared with the comparison tests). */
export const DARK_PLUS = `
<style>
:root {
  --vscode-font-family: "Segoe WPC", "Segoe UI", "Ubuntu", "Droid Sans", sans-serif;
  --vscode-font-size: 13px;
  --vscode-editor-font-family: "Droid Sans Mono", "monospace", monospace;
  --vscode-editor-background: #1e1e1e;
  --vscode-foreground: #cccccc;
  --vscode-descriptionForeground: rgba(204, 204, 204, 0.7);
  --vscode-focusBorder: #007fd4;
  --vscode-button-background: #0e639c;
  --vscode-button-foreground: #ffffff;
  --vscode-button-hoverBackground: #1177bb;
  --vscode-button-secondaryBackground: #3a3d41;
  --vscode-button-secondaryForeground: #cccccc;
  --vscode-button-secondaryHoverBackground: #45494e;
  --vscode-input-background: #3c3c3c;
  --vscode-input-foreground: #cccccc;
  --vscode-dropdown-background: #3c3c3c;
  --vscode-dropdown-foreground: #f0f0f0;
  --vscode-dropdown-border: #3c3c3c;
  --vscode-panel-border: rgba(128, 128, 128, 0.35);
  --vscode-sideBar-background: #252526;
  --vscode-editorWidget-background: #252526;
  --vscode-list-hoverBackground: #2a2d2e;
  --vscode-list-inactiveSelectionBackground: #37373d;
  --vscode-errorForeground: #f48771;
  --vscode-progressBar-background: #0e70c0;
  --vscode-statusBar-background: #007acc;
  --vscode-statusBar-foreground: #ffffff;
  --vscode-editorCursor-foreground: #aeafad;
  --vscode-editorCodeLens-foreground: #999999;
  --vscode-inputValidation-warningBackground: #352a05;
  --vscode-inputValidation-warningBorder: #b89500;
}
</style>`;

/** Keeps the webview's API object reachable so a test can read what it saved with setState. */
const STATE_TAP = `<script>
  const acquire = window.acquireVsCodeApi;
  window.acquireVsCodeApi = () => { const api = acquire(); window.__viewerApi = api; return api; };
</script>`;

export interface OpenViewer {
  readonly webview: WebviewPage;
  readonly host: FakeHost;
  readonly page: Page;
  close(): Promise<void>;
}

export async function openViewer(
  volume: TestVolume,
  options: { settings?: ViewerSettings; background?: boolean; initialState?: unknown; viewport?: { width: number; height: number } } = {},
): Promise<OpenViewer> {
  const webview = await openWebviewPage({
    scripts: ['dist/webview.js'],
    styles: ['media/viewer.css'],
    head: DARK_PLUS + STATE_TAP,
    body: '<div id="app"></div>',
    initialState: options.initialState,
    viewport: options.viewport ?? { width: 1100, height: 760 },
  });
  const host = new FakeHost(webview, volume);
  try {
    await host.open(options.settings ?? DEFAULT_TEST_SETTINGS, options.background ?? false);
  } catch (e) {
    await host.stop();
    await webview.close();
    throw e;
  }
  return {
    webview, host, page: webview.page,
    async close() {
      await host.stop();
      await webview.close();
    },
  };
}

export async function savedState(page: Page): Promise<unknown> {
  return page.evaluate(() => (window as unknown as { __viewerApi: { getState(): unknown } }).__viewerApi.getState());
}

export interface Screen {
  /** RGBA at a CSS pixel (device scale 1). */
  at(x: number, y: number): [number, number, number, number];
}

export async function screenshot(page: Page, saveAs?: string): Promise<Screen> {
  const png = await page.screenshot(saveAs ? { path: screenshotPath(saveAs) } : {});
  const image = decode(png);
  const channels = image.channels;
  return {
    at(x, y) {
      const o = (Math.floor(y) * image.width + Math.floor(x)) * channels;
      const d = image.data;
      return [Number(d[o]), Number(d[o + 1]), Number(d[o + 2]), channels === 4 ? Number(d[o + 3]) : 255];
    },
  };
}

export async function surfaceRect(page: Page, plane: string): Promise<{ left: number; top: number; width: number; height: number }> {
  const box = await page.locator(`[data-plane="${plane}"] .mi-surface`).boundingBox();
  if (!box) throw new Error(`the ${plane} pane is not visible`);
  return { left: box.x, top: box.y, width: box.width, height: box.height };
}

/**
 * The page point at the centre of slice-image pixel (col, row), for an image that fills the surface
 * letterboxed with its physical aspect (widthMm × heightMm) and is centred: the viewer's documented
 * zoom-1 layout.
 */
export function pointOf(
  rect: { left: number; top: number; width: number; height: number },
  e: { col: number; row: number; cols: number; rows: number; widthMm: number; heightMm: number },
): { x: number; y: number } {
  const scale = Math.min(rect.width / e.widthMm, rect.height / e.heightMm);
  const w = e.widthMm * scale;
  const h = e.heightMm * scale;
  return {
    x: rect.left + (rect.width - w) / 2 + ((e.col + 0.5) * w) / e.cols,
    y: rect.top + (rect.height - h) / 2 + ((e.row + 0.5) * h) / e.rows,
  };
}
