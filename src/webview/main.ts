// Webview entry point: connects the viewer to the host's messages. The webview only draws and asks;
// everything it shows arrives through src/protocol/viewer.ts.
import { assertNever } from '../protocol/assertNever';
import type { HostToWebview } from '../protocol/viewer';
import { Viewer, type VsCodeApi } from './viewer';

declare function acquireVsCodeApi(): VsCodeApi;

const api = acquireVsCodeApi();
const viewer = new Viewer(api, document.getElementById('app') ?? document.body);

function handle(message: HostToWebview): void {
  switch (message.type) {
    case 'loading': return viewer.showLoading(message.fileName, message.message, message.fraction);
    case 'error': return viewer.showError(message.message);
    case 'volume': return viewer.setVolume(message.info, message.labelNames);
    case 'settings': return viewer.setSettings(message.settings);
    case 'background': return viewer.setBackground(message.background);
    case 'backgroundError': return viewer.backgroundFailed(message.message);
    case 'slice': return viewer.receiveSlice(message);
    case 'sliceError': return viewer.sliceFailed(message.requestId, message.message);
    case 'reveal': return viewer.reveal(message.plane, message.index);
    case 'probe': return viewer.probe(message);
    default: return assertNever(message);
  }
}

function reportBug(e: unknown): void {
  const message = e instanceof Error ? `${e.message}\n${e.stack ?? ''}` : String(e);
  api.postMessage({ type: 'webviewError', message });
}

window.addEventListener('message', (event: MessageEvent<HostToWebview>) => {
  try {
    handle(event.data);
  } catch (e) {
    // A bug, not a bad file: say so in the panel rather than leave a half-drawn view, and log it.
    viewer.showError(`The viewer hit an internal error: ${e instanceof Error ? e.message : String(e)}`);
    reportBug(e);
  }
});
window.addEventListener('error', (event) => reportBug(event.error ?? event.message));
window.addEventListener('unhandledrejection', (event) => reportBug(event.reason));

api.postMessage({ type: 'ready' });
