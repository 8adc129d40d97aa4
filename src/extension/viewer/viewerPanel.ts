// One webview showing a mask document. It replays the document's state when the webview script
// starts (first open, or after the hidden tab's webview was discarded: retainContextWhenHidden is
// off, the webview keeps its own view state with setState), answers slice requests through the
// worker, and keeps the webview's last `rendered` report for tests and status.
import * as vscode from 'vscode';
import { assertNever } from '../../protocol/assertNever';
import type { HostToWebview, Plane, WebviewToHost } from '../../protocol/viewer';
import type { Vec3 } from '../../core/volume';
import { viewerSettings } from '../settings';
import type { MaskDocument } from './maskDocument';

export type RenderedReport = Extract<WebviewToHost, { type: 'rendered' }>;
export type ProbeResult = Extract<WebviewToHost, { type: 'probeResult' }>;

export interface PanelHooks {
  readonly log: (message: string) => void;
  readonly pickBackground: (document: MaskDocument) => void;
  readonly clearBackground: (document: MaskDocument) => void;
}

export class ViewerPanel implements vscode.Disposable {
  /** The webview's last report of what it shows; cleared when its script restarts. */
  lastRendered: RenderedReport | undefined;
  /** How many times the webview script started: more than once means it was discarded while hidden and rebuilt. */
  starts = 0;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly probes = new Map<number, (r: ProbeResult) => void>();
  private nextProbeId = 1;
  private disposed = false;

  constructor(
    readonly document: MaskDocument,
    readonly panel: vscode.WebviewPanel,
    private readonly hooks: PanelHooks,
  ) {
    this.disposables.push(
      panel.webview.onDidReceiveMessage((msg: WebviewToHost) => this.receive(msg)),
      document.subscribe((msg) => this.post(msg)),
    );
  }

  post(msg: HostToWebview): void {
    if (!this.disposed) void this.panel.webview.postMessage(msg);
  }

  sendSettings(): void {
    this.post({ type: 'settings', settings: viewerSettings(this.document.uri) });
  }

  /** Test hook: shows a slice and reports the colours drawn at `voxels`. */
  probe(plane: Plane, index: number, voxels: readonly Vec3[], timeoutMs = 10000): Promise<ProbeResult> {
    const requestId = this.nextProbeId++;
    return new Promise<ProbeResult>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.probes.delete(requestId);
        reject(new Error(`the webview did not answer probe ${requestId} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.probes.set(requestId, (r) => {
        clearTimeout(timer);
        resolve(r);
      });
      this.post({ type: 'probe', requestId, plane, index, voxels });
    });
  }

  dispose(): void {
    this.disposed = true;
    for (const d of this.disposables) d.dispose();
    this.probes.clear();
  }

  private receive(msg: WebviewToHost): void {
    switch (msg.type) {
      case 'ready':
        this.starts++;
        this.lastRendered = undefined;
        this.sendSettings();
        for (const m of this.document.snapshot()) this.post(m);
        return;
      case 'requestSlice':
        void this.answerSlice(msg.requestId, msg.plane, msg.index);
        return;
      case 'rendered':
        this.lastRendered = msg;
        return;
      case 'probeResult':
        this.probes.get(msg.requestId)?.(msg);
        this.probes.delete(msg.requestId);
        return;
      case 'pickBackground':
        this.hooks.pickBackground(this.document);
        return;
      case 'clearBackground':
        this.hooks.clearBackground(this.document);
        return;
      case 'webviewError':
        this.hooks.log(`webview (${this.document.fileName}): ${msg.message}`);
        return;
      default:
        assertNever(msg);
    }
  }

  private async answerSlice(requestId: number, plane: Plane, index: number): Promise<void> {
    try {
      const reply = await this.document.slice(plane, index);
      // The buffers go on to the webview as they are: VS Code transfers ArrayBuffers, not JSON.
      this.post({ ...reply, requestId });
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      this.post({ type: 'sliceError', requestId, message: `Slice ${index} (${plane}) could not be read: ${message}` });
    }
  }
}
