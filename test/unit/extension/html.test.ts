import { test } from 'node:test';
import assert from 'node:assert/strict';
import { viewerHtml } from '../../../src/extension/viewer/html';

const page = {
  cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
  scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview.js',
  styleUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/media/viewer.css',
  title: 'seg <1>.nii.gz',
};

function csp(html: string): Map<string, string> {
  const content = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)?.[1];
  assert.ok(content, 'a CSP meta tag');
  return new Map(content.split(';').map((d) => d.trim()).map((d) => [d.split(' ')[0]!, d.slice(d.indexOf(' ') + 1)]));
}

test('the policy denies by default, allows scripts only by nonce, and never eval or inline', () => {
  const html = viewerHtml(page, 'abc123');
  const policy = csp(html);
  assert.equal(policy.get('default-src'), "'none'");
  assert.equal(policy.get('script-src'), "'nonce-abc123'");
  assert.equal(policy.get('style-src'), page.cspSource);
  assert.equal(policy.get('img-src'), `${page.cspSource} blob: data:`);
  assert.doesNotMatch(html, /unsafe-eval|unsafe-inline/);
  // Every script carries the nonce and comes from the extension; there is no inline script.
  const scripts = [...html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
  assert.equal(scripts.length, 1);
  assert.match(scripts[0]![1]!, /nonce="abc123"/);
  assert.ok(scripts[0]![1]!.includes(`src="${page.scriptUri}"`));
  assert.equal(scripts[0]![2]!.trim(), '');
  assert.ok(html.includes(`<link rel="stylesheet" href="${page.styleUri}">`));
  assert.doesNotMatch(html, /style="/, 'no inline style attributes (style-src has no unsafe-inline)');
});

test('a fresh nonce per page, and the title is escaped', () => {
  const a = csp(viewerHtml(page)).get('script-src');
  const b = csp(viewerHtml(page)).get('script-src');
  assert.notEqual(a, b);
  assert.match(a!, /^'nonce-[A-Za-z0-9+/=]{24}'$/);
  assert.match(viewerHtml(page), /<title>seg &#60;1&#62;\.nii\.gz<\/title>/);
});
