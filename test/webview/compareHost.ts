// Plays the extension host for the comparison webview under test (dist/compare.js + both stylesheets
// in Chromium with Dark+ theme variables): sends the pair's descriptions, settings and metrics, and
// answers `requestSlice` with both masks (and the background) cut from the synthetic volumes with
// plain loops (the protocol's layout: the two in-plane axes ascending, the lower one fastest).
import type { Page } from 'playwright-core';
import type {
  CompareSettings, CompareView, CompareWebviewToHost, ComparisonResult, HostToCompareWebview, SurfaceStatus,
} from '../../src/protocol/compare';
import type { Vec3 } from '../../src/core/volume';
import type { Axis, LabelNamesInfo, Plane, SliceData } from '../../src/protocol/viewer';
import { openWebviewPage, type WebviewPage } from './harness';
import { NO_LABEL_NAMES, volumeInfo, voxelIndex, type TestVolume } from './fakeHost';
import { DARK_PLUS } from './page';
import { NAMES, testPair, testResult } from './compareFixture';

/** The extension's default overlay colours (package.json), so screenshots show what a person sees. */
export const TEST_COLOURS = { tp: [255, 255, 255, 255], fp: [255, 26, 48, 255], fn: [26, 140, 255, 255] } as const;

export const TEST_SETTINGS: CompareSettings = {
  displayConvention: 'radiological', overlayOpacity: 1, outlineMode: 'filled', overlayColours: TEST_COLOURS, threshold: 0.8, hd95LimitMm: null, navigateSelectedLabelOnly: false,
};

/** Theme colours the comparison uses beyond the viewer's (values of VS Code's Dark+). */
const MORE_DARK_PLUS = `<style>:root {
  --vscode-editorLineNumber-foreground: #858585;
  --vscode-editorWarning-foreground: #cca700;
  --vscode-editorHoverWidget-background: #252526;
  --vscode-editorHoverWidget-foreground: #cccccc;
  --vscode-editorHoverWidget-border: #454545;
}</style>`;

/**
 * VS Code's webview policy, tightened: no eval, no style attributes (CSSOM property writes stay
 * allowed, as in VS Code); inline <script>/<style> only because the harness inlines the bundle.
 * Violations are collected for the tests to assert there are none.
 */
const CSP = `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src-elem 'unsafe-inline'; style-src-attr 'none'; img-src data: blob:">
<script>
  window.__cspViolations = [];
  document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + (e.sample || '')));
</script>`;

/** VS Code's Light+ values of the variables the views use, for a look at the light theme. */
const LIGHT_PLUS = `<style>:root {
  --vscode-font-family: "Segoe WPC", "Segoe UI", "Ubuntu", "Droid Sans", sans-serif;
  --vscode-font-size: 13px;
  --vscode-editor-font-family: "Droid Sans Mono", "monospace", monospace;
  --vscode-editor-background: #ffffff;
  --vscode-foreground: #616161;
  --vscode-descriptionForeground: #717171;
  --vscode-focusBorder: #0090f1;
  --vscode-button-background: #007acc;
  --vscode-button-foreground: #ffffff;
  --vscode-button-hoverBackground: #0062a3;
  --vscode-button-secondaryBackground: #5f6a79;
  --vscode-button-secondaryForeground: #ffffff;
  --vscode-button-secondaryHoverBackground: #4c5561;
  --vscode-input-background: #ffffff;
  --vscode-input-foreground: #616161;
  --vscode-input-border: #cecece;
  --vscode-dropdown-background: #ffffff;
  --vscode-dropdown-foreground: #616161;
  --vscode-dropdown-border: #cecece;
  --vscode-panel-border: rgba(128, 128, 128, 0.35);
  --vscode-sideBar-background: #f3f3f3;
  --vscode-editorWidget-background: #f3f3f3;
  --vscode-list-hoverBackground: #e8e8e8;
  --vscode-list-inactiveSelectionBackground: #e4e6f1;
  --vscode-list-activeSelectionBackground: #0060c0;
  --vscode-list-activeSelectionForeground: #ffffff;
  --vscode-errorForeground: #a1260d;
  --vscode-progressBar-background: #0e70c0;
  --vscode-editorCursor-foreground: #000000;
  --vscode-editorCodeLens-foreground: #919191;
  --vscode-editorLineNumber-foreground: #237893;
  --vscode-editorWarning-foreground: #bf8803;
  --vscode-editorHoverWidget-background: #f3f3f3;
  --vscode-editorHoverWidget-foreground: #616161;
  --vscode-editorHoverWidget-border: #c8c8c8;
}</style>
<script>document.addEventListener('DOMContentLoaded', () => document.body.classList.add('vscode-light'));</script>`;

const STATE_TAP = `<script>
  const acquire = window.acquireVsCodeApi;
  window.acquireVsCodeApi = () => { const api = acquire(); window.__compareApi = api; return api; };
</script>`;

function cutSlice<T extends Uint8Array | Int16Array>(data: T, shape: Vec3, sliceAxis: Axis, index: number, make: (n: number) => T, arrayType: SliceData['arrayType']): SliceData {
  const [fastAxis, slowAxis] = ([0, 1, 2] as const).filter((a) => a !== sliceAxis);
  const width = shape[fastAxis!];
  const height = shape[slowAxis!];
  const out = make(width * height);
  for (let row = 0; row < height; row++) {
    for (let col = 0; col < width; col++) {
      const voxel: [number, number, number] = [0, 0, 0];
      voxel[fastAxis!] = col;
      voxel[slowAxis!] = row;
      voxel[sliceAxis] = index;
      out[col + row * width] = data[voxelIndex(shape, voxel)]!;
    }
  }
  return { arrayType, width, height, buffer: out.buffer as ArrayBuffer };
}

export type Rendered = Extract<CompareWebviewToHost, { type: 'rendered' }>;
type ProbeResult = Extract<CompareWebviewToHost, { type: 'probeResult' }>;

export class CompareHost {
  private handled = 0;
  private running = true;
  private withBackground = false;
  private readonly loop: Promise<void>;
  /** Slice requests seen, in order (plane:index). */
  readonly requests: string[] = [];
  /** Planes whose slices are not answered yet (as the worker holds a plane across k while it reads). */
  readonly holding = new Set<Plane>();
  /** Per plane, the first slice the read has not reached: its requests and those after it are held. */
  readonly readFront = new Map<Plane, number>();

  constructor(readonly webview: WebviewPage, readonly reference: TestVolume, readonly prediction: TestVolume) {
    this.loop = this.serve();
  }

  /** ready -> settings, volumes, (background), (metrics): the order the extension sends them in. */
  async open(options: { settings?: CompareSettings; background?: boolean; metrics?: ComparisonResult | null; labelNames?: LabelNamesInfo; reading?: boolean } = {}): Promise<void> {
    // Generous: on a busy 2-core machine a fresh Chromium page can take a while to run its script.
    await this.webview.waitForPosted((m): m is { type: 'ready' } => (m as CompareWebviewToHost).type === 'ready', 30_000);
    await this.send({ type: 'settings', settings: options.settings ?? TEST_SETTINGS });
    if (options.reading) return;
    await this.send({
      type: 'volumes',
      volumes: { reference: volumeInfo(this.reference), prediction: volumeInfo(this.prediction), alignment: 'identical' },
      labelNames: options.labelNames ?? NO_LABEL_NAMES,
    });
    if (options.background) await this.setBackground();
    const metrics = options.metrics === undefined ? testResult() : options.metrics;
    if (metrics) await this.sendMetrics(metrics);
  }

  async sendMetrics(result: ComparisonResult): Promise<void> {
    const labels = result.labels.map((l) => ({ value: l.label, ...(NAMES.has(l.label) ? { name: NAMES.get(l.label)! } : {}) }));
    await this.send({ type: 'metrics', result, labels });
  }

  /** What the host says while the boundary metrics compute (their values come with `sendMetrics`). */
  async sendSurfaceStatus(status: SurfaceStatus): Promise<void> {
    await this.send({ type: 'surfaceStatus', status });
  }

  async setBackground(): Promise<void> {
    const b = this.reference.background!;
    let low = Infinity;
    let high = -Infinity;
    for (const v of b) { low = Math.min(low, v); high = Math.max(high, v); }
    this.withBackground = true;
    await this.send({ type: 'background', background: { fileName: 'case01_ct.nii.gz', dataType: 'int16', range: [low, high], autoWindow: { low: -160, high: 240 }, alignment: 'identical' } });
  }

  send(message: HostToCompareWebview): Promise<void> {
    return this.webview.send(message);
  }

  mark(): number {
    return this.webview.posted.length;
  }

  after<T extends CompareWebviewToHost>(since: number, match: (m: CompareWebviewToHost) => m is T, timeoutMs = 10_000): Promise<T> {
    const posted = this.webview.posted;
    return this.webview.waitForPosted((m): m is T => posted.indexOf(m) >= since && match(m as CompareWebviewToHost), timeoutMs);
  }

  /** The next `rendered` report (after `since`) that matches every given field. */
  rendered(since: number, want: Partial<CompareView>): Promise<Rendered> {
    return this.after(since, (m): m is Rendered => m.type === 'rendered'
      && Object.entries(want).every(([k, v]) => (m as unknown as Record<string, unknown>)[k] === v));
  }

  /** The last `rendered` report so far. */
  lastRendered(): Rendered | undefined {
    return [...this.webview.posted].reverse().find((m): m is Rendered => (m as CompareWebviewToHost).type === 'rendered');
  }

  async probe(pane: 'reference' | 'prediction' | 'overlay', plane: Plane, index: number, voxels: readonly Vec3[]): Promise<ProbeResult> {
    const since = this.mark();
    const requestId = 5000 + since;
    await this.send({ type: 'probe', requestId, pane, plane, index, voxels });
    return this.after(since, (m): m is ProbeResult => m.type === 'probeResult' && m.requestId === requestId);
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
  }

  private async serve(): Promise<void> {
    const posted = this.webview.posted;
    while (this.running) {
      try {
        await this.webview.waitForPosted((m): m is unknown => posted.indexOf(m) >= this.handled, 200);
      } catch {
        continue; // nothing new yet
      }
      while (this.handled < posted.length) {
        const m = posted[this.handled++] as CompareWebviewToHost;
        if (m.type === 'requestSlice' && (this.holding.has(m.plane) || m.index >= (this.readFront.get(m.plane) ?? Infinity))) this.requests.push(`${m.plane}:${m.index} held`);
        else if (m.type === 'requestSlice') await this.answer(m.requestId, m.plane, m.index);
      }
    }
  }

  private async answer(requestId: number, plane: Plane, index: number): Promise<void> {
    this.requests.push(`${plane}:${index}`);
    const axis = this.reference.sliceAxes[plane];
    const shape = this.reference.shape;
    const u8 = (n: number): Uint8Array => new Uint8Array(n);
    const reference = cutSlice(this.reference.mask, shape, axis, index, u8, 'uint8');
    const prediction = cutSlice(this.prediction.mask, shape, axis, index, u8, 'uint8');
    const background = this.withBackground && this.reference.background
      ? cutSlice(this.reference.background, shape, axis, index, (n) => new Int16Array(n), 'int16') : undefined;
    try {
      await this.send({ type: 'slice', requestId, plane, index, reference, prediction, ...(background ? { background } : {}) });
    } catch {
      // the page closed while a reply was on its way
    }
  }
}

export interface OpenComparison {
  readonly webview: WebviewPage;
  readonly host: CompareHost;
  readonly page: Page;
  close(): Promise<void>;
}

export interface OpenOptions {
  readonly settings?: CompareSettings;
  readonly background?: boolean;
  /** null: send no metrics (still computing). Default: testResult(). */
  readonly metrics?: ComparisonResult | null;
  /** Still reading the files: only the settings are sent (the test sends the rest). */
  readonly reading?: boolean;
  /** Where the label names came from, as the host says it. Default: nothing named them. */
  readonly labelNames?: LabelNamesInfo;
  readonly initialState?: unknown;
  readonly viewport?: { width: number; height: number };
  /** VS Code's Dark+ (default) or Light+ theme colours. */
  readonly theme?: 'dark' | 'light';
  /** Custom volumes instead of the test pair (e.g. a large pair for timing). */
  readonly pair?: { reference: TestVolume; prediction: TestVolume };
}

export async function openComparison(options: OpenOptions = {}): Promise<OpenComparison> {
  const webview = await openWebviewPage({
    scripts: ['dist/compare.js'],
    styles: ['media/viewer.css', 'media/compare.css'],
    head: CSP + (options.theme === 'light' ? LIGHT_PLUS : DARK_PLUS + MORE_DARK_PLUS) + STATE_TAP,
    initialState: options.initialState,
    viewport: options.viewport ?? { width: 1280, height: 800 },
  });
  const pair = options.pair ?? testPair();
  const host = new CompareHost(webview, pair.reference, pair.prediction);
  try {
    await host.open(options);
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

/** Content-Security-Policy violations the page reported so far. */
export async function cspViolations(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations);
}

export async function savedCompareState(page: Page): Promise<unknown> {
  return page.evaluate(() => (window as unknown as { __compareApi: { getState(): unknown } }).__compareApi.getState());
}

/** The surface of the visible pane playing `role`. */
export async function paneRect(page: Page, role: 'reference' | 'prediction' | 'overlay'): Promise<{ left: number; top: number; width: number; height: number }> {
  const box = await page.locator(`.mi-pane[data-role="${role}"]:not([hidden]) .mi-surface`).boundingBox();
  if (!box) throw new Error(`the ${role} pane is not visible`);
  return { left: box.x, top: box.y, width: box.width, height: box.height };
}
