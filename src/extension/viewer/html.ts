// The viewer webview's HTML: the shared page (strict CSP, per-load nonce) with the viewer's one
// stylesheet, media/viewer.css, and its script, dist/webview.js.
import { webviewHtml } from '../webviewHtml';

export interface ViewerPage {
  /** webview.cspSource: the origin VS Code serves the extension's local resources from. */
  readonly cspSource: string;
  /** webview.asWebviewUri(...) of dist/webview.js and media/viewer.css. */
  readonly scriptUri: string;
  readonly styleUri: string;
  readonly title: string;
}

export function viewerHtml(page: ViewerPage, nonce?: string): string {
  return webviewHtml({ cspSource: page.cspSource, scriptUri: page.scriptUri, styleUris: [page.styleUri], title: page.title }, nonce);
}
