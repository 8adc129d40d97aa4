// The comparison webview's HTML: the viewer's strict CSP with a per-load nonce, the viewer's and
// the comparison's stylesheets from media/, and the comparison script from dist/, which builds the page.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';

export const COMPARE_SCRIPT = 'compare.js';
export const COMPARE_STYLES = ['viewer.css', 'compare.css'];

/** The only folders the comparison webview may load from: the extension's own output and media. */
export function compareResourceRoots(extensionUri: vscode.Uri): vscode.Uri[] {
  return [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media')];
}

export function compareHtml(webview: vscode.Webview, extensionUri: vscode.Uri, title: string): string {
  const nonce = randomBytes(18).toString('base64');
  const script = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', COMPARE_SCRIPT));
  const styles = COMPARE_STYLES.map((name) => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', name)));
  const csp = [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${webview.cspSource}`,
    `img-src ${webview.cspSource} blob: data:`,
    `font-src ${webview.cspSource}`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
${styles.map((s) => `<link rel="stylesheet" href="${s.toString()}">`).join('\n')}
<title>${escapeHtml(title)}</title>
</head>
<body>
<script nonce="${nonce}" src="${script.toString()}"></script>
</body>
</html>`;
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
