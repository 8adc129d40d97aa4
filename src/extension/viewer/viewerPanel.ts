// One webview showing a mask document. It replays the document's state when the webview script
// starts (first open, or after the hidden tab's webview was discarded: retainContextWhenHidden is
// off, the webview keeps its own view state with setState), answers slice requests through the
// worker, and keeps the webview's last `rendered` report for tests and status.
import * as vscode from 'vscode';
import { assertNever } from '../../protocol/assertNever';
import type { HostToWebview, Plane, WebviewToHost } from '../../protocol/viewer';
import type { Vec3 } from '../../core/volume';
import { answerSlice, PanelConnection } from '../panelConnection';
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
  private readonly connection: PanelConnection<HostToWebview, WebviewToHost, ProbeResult>;

  constructor(
    readonly document: MaskDocument,
    readonly panel: vscode.WebviewPanel,
    private readonly hooks: PanelHooks,
  ) {
    this.connection = new PanelConnection(panel, document, (msg) => this.receive(msg), 'webview');
  }

  post(msg: HostToWebview): void {
    this.connection.post(msg);
  }

  sendSettings(): void {
    this.post({ type: 'settings', settings: viewerSettings(this.document.uri) });
  }

  /** Test hook: shows a slice and reports the colours drawn at `voxels`. */
  probe(plane: Plane, index: number, voxels: readonly Vec3[], timeoutMs = 10000): Promise<ProbeResult> {
    return this.connection.probe((requestId) => ({ type: 'probe', requestId, plane, index, voxels }), timeoutMs);
  }

  dispose(): void {
    this.connection.dispose();
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
        void answerSlice(msg.requestId, msg.plane, msg.index, (plane, index) => this.document.slice(plane, index), (m) => this.post(m));
        return;
      case 'rendered':
        this.lastRendered = msg;
        return;
      case 'probeResult':
        this.connection.answerProbe(msg);
        return;
      case 'pickBackground':
        this.hooks.pickBackground(this.document);
        return;
      case 'clearBackground':
        this.hooks.clearBackground(this.document);
        return;
      case 'reopen':
        void this.document.reopen();
        return;
      case 'webviewError':
        this.hooks.log(`webview (${this.document.fileName}): ${msg.message}`);
        return;
      default:
        assertNever(msg);
    }
  }
}
