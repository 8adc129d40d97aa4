// Comparison webview entry point (dist/compare.js): connects the comparison to the host's messages.
// Everything it shows arrives through src/protocol/compare.ts.
import { assertNever } from '../../protocol/assertNever';
import type { HostToCompareWebview } from '../../protocol/compare';
import { Comparison, type CompareApi } from './comparison';

declare function acquireVsCodeApi(): CompareApi;

const api = acquireVsCodeApi();
const comparison = new Comparison(api, document.getElementById('app') ?? document.body);

function handle(message: HostToCompareWebview): void {
  switch (message.type) {
    case 'loading': return comparison.showLoading(message.message, message.fraction);
    case 'readingCounts': return comparison.setReadingCounts(message.counts);
    case 'error': return comparison.showError(message.message);
    case 'volumes': return comparison.setVolumes(message.volumes, message.labelNames);
    case 'files': return comparison.update({ files: message.files });
    case 'settings': return comparison.setSettings(message.settings);
    case 'metrics': return comparison.setMetrics(message.result, message.labels);
    case 'surfaceStatus': return comparison.setSurfaceStatus(message.status);
    case 'background': return comparison.setBackground(message.background);
    case 'slice': return comparison.receiveSlice(message);
    case 'sliceError': return comparison.sliceFailed(message.requestId, message.message);
    case 'reveal': return comparison.reveal(message.plane, message.index, message.label);
    case 'setMode': return comparison.setMode(message.mode);
    case 'probe': return comparison.probe(message);
    default: return assertNever(message);
  }
}

function reportBug(e: unknown): void {
  const message = e instanceof Error ? `${e.message}\n${e.stack ?? ''}` : String(e);
  api.postMessage({ type: 'webviewError', message });
}

window.addEventListener('message', (event: MessageEvent<HostToCompareWebview>) => {
  try {
    handle(event.data);
  } catch (e) {
    // A bug, not a bad file: say so in the panel rather than leave a half-drawn view, and log it.
    comparison.showError(`The comparison view hit an internal error: ${e instanceof Error ? e.message : String(e)}`);
    reportBug(e);
  }
});
window.addEventListener('error', (event) => reportBug(event.error ?? event.message));
window.addEventListener('unhandledrejection', (event) => reportBug(event.reason));

api.postMessage({ type: 'ready' });
