// The wiring a webview panel needs whatever it shows (the viewer's mask document or a comparison):
// the source's messages forwarded to the webview until the panel closes, the webview's messages
// handed to the panel, test probes answered by request id with a timeout, and slice requests
// answered from the source (or with a sliceError the webview shows).
import type * as vscode from 'vscode';
import type { Plane } from '../protocol/viewer';

/** What a panel shows: it broadcasts messages for the webview. */
export interface MessageSource<Out> {
  subscribe(listener: (msg: Out) => void): vscode.Disposable;
}

type SliceError = { readonly type: 'sliceError'; readonly requestId: number; readonly message: string };

export class PanelConnection<Out, In, ProbeResult extends { readonly requestId: number }> implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[];
  private readonly probes = new Map<number, (r: ProbeResult) => void>();
  private nextProbeId = 1;
  private disposed = false;

  /** `name` names the webview in errors, e.g. 'comparison webview'. */
  constructor(
    private readonly panel: vscode.WebviewPanel,
    source: MessageSource<Out>,
    receive: (msg: In) => void,
    private readonly name: string,
  ) {
    this.disposables = [panel.webview.onDidReceiveMessage((msg: In) => receive(msg)), source.subscribe((msg) => this.post(msg))];
  }

  post(msg: Out): void {
    if (!this.disposed) void this.panel.webview.postMessage(msg);
  }

  /** Posts `make(requestId)` and resolves with the webview's probeResult for it (see `answerProbe`). */
  probe(make: (requestId: number) => Out, timeoutMs: number): Promise<ProbeResult> {
    const requestId = this.nextProbeId++;
    return new Promise<ProbeResult>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.probes.delete(requestId);
        reject(new Error(`the ${this.name} did not answer probe ${requestId} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.probes.set(requestId, (r) => {
        clearTimeout(timer);
        resolve(r);
      });
      this.post(make(requestId));
    });
  }

  answerProbe(result: ProbeResult): void {
    this.probes.get(result.requestId)?.(result);
    this.probes.delete(result.requestId);
  }

  dispose(): void {
    this.disposed = true;
    for (const d of this.disposables) d.dispose();
    this.probes.clear();
  }
}

/**
 * Answers a webview's slice request with `read`'s reply, or a sliceError saying why it failed.
 * `unsaid`: failures that are not the slice's (the read it waited on was cancelled or replaced;
 * the view then gets new volumes or an error view), which post nothing.
 */
export async function answerSlice<Reply extends object>(
  requestId: number,
  plane: Plane,
  index: number,
  read: (plane: Plane, index: number) => Promise<Reply>,
  post: (msg: (Reply & { readonly requestId: number }) | SliceError) => void,
  unsaid: (e: unknown) => boolean = () => false,
): Promise<void> {
  try {
    const reply = await read(plane, index);
    // The buffers go on to the webview as they are: VS Code transfers ArrayBuffers, not JSON.
    post({ ...reply, requestId });
  } catch (e) {
    if (unsaid(e)) return;
    const message = e instanceof Error ? e.message : String(e);
    post({ type: 'sliceError', requestId, message: `Slice ${index} (${plane}) could not be read: ${message}` });
  }
}
