// The comparison webview's HTML: the shared page (the viewer's strict CSP with a per-load nonce)
// with the viewer's and the comparison's stylesheets from media/, and the comparison script from dist/.
import * as vscode from 'vscode';
import { webviewHtml } from '../webviewHtml';

export const COMPARE_SCRIPT = 'compare.js';
export const COMPARE_STYLES = ['viewer.css', 'compare.css'];

/** The only folders the comparison webview may load from: the extension's own output and media. */
export function compareResourceRoots(extensionUri: vscode.Uri): vscode.Uri[] {
  return [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media')];
}

export function compareHtml(webview: vscode.Webview, extensionUri: vscode.Uri, title: string): string {
  const uri = (folder: string, name: string): string => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, folder, name)).toString();
  return webviewHtml({
    cspSource: webview.cspSource,
    scriptUri: uri('dist', COMPARE_SCRIPT),
    styleUris: COMPARE_STYLES.map((name) => uri('media', name)),
    title,
  });
}
