// The HTML of every webview this extension opens (the viewer's and the comparison's): a strict
// Content-Security-Policy with a per-load nonce (no inline script, no eval, nothing loaded from
// outside the extension), the page's stylesheets from media/ and its script from dist/, which
// builds the page. Pure, so its policy is unit-tested as text.
import { randomBytes } from 'node:crypto';

export interface WebviewPage {
  /** webview.cspSource: the origin VS Code serves the extension's local resources from. */
  readonly cspSource: string;
  /** webview.asWebviewUri(...) of the page's script in dist/ and its stylesheets in media/, in cascade order. */
  readonly scriptUri: string;
  readonly styleUris: readonly string[];
  readonly title: string;
}

export function webviewHtml(page: WebviewPage, nonce = randomBytes(18).toString('base64')): string {
  const csp = [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${page.cspSource}`,
    `img-src ${page.cspSource} blob: data:`,
    `font-src ${page.cspSource}`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeAttribute(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
${page.styleUris.map((uri) => `<link rel="stylesheet" href="${escapeAttribute(uri)}">`).join('\n')}
<title>${escapeHtml(page.title)}</title>
</head>
<body>
<script nonce="${escapeAttribute(nonce)}" src="${escapeAttribute(page.scriptUri)}"></script>
</body>
</html>`;
}

/** Inside a double-quoted attribute only `&` and `"` need escaping (the policy keeps its 'quotes'). */
function escapeAttribute(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
