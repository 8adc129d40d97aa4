// The browser harness itself: Debian Chromium starts headless, a hosted script gets VS Code's webview
// API (messages both ways, ArrayBuffers intact, state), and canvas pixels can be read back.
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { openWebviewPage, type WebviewPage } from './harness';

// A stand-in webview: draws the bytes it is sent as greyscale pixels, echoes them back, keeps state.
const ECHO_WEBVIEW = `
const vscode = acquireVsCodeApi();
window.addEventListener('message', (event) => {
  const { kind, bytes } = event.data;
  if (kind !== 'draw') return;
  const values = new Uint8Array(bytes);
  const canvas = document.getElementById('c');
  const ctx = canvas.getContext('2d');
  const image = ctx.createImageData(values.length, 1);
  values.forEach((v, i) => image.data.set([v, v, v, 255], i * 4));
  ctx.putImageData(image, 0, 0);
  vscode.setState({ drawn: values.length });
  vscode.postMessage({ kind: 'drawn', echo: bytes, isArrayBuffer: bytes instanceof ArrayBuffer, state: vscode.getState() });
});
vscode.postMessage({ kind: 'ready', initialState: vscode.getState() });
`;

let dir: string;
let webview: WebviewPage;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'harness-test-'));
  writeFileSync(join(dir, 'echo.js'), ECHO_WEBVIEW);
  webview = await openWebviewPage({ scripts: [join(dir, 'echo.js')], body: '<canvas id="c" width="4" height="1"></canvas>', initialState: { restored: true } });
});

after(async () => {
  await webview?.close();
  rmSync(dir, { recursive: true, force: true });
});

interface Posted { kind: string; [key: string]: unknown }
const isKind = (kind: string) => (m: unknown): m is Posted => typeof m === 'object' && m !== null && (m as Posted).kind === kind;

test('the webview script starts with the initial state and says ready', async () => {
  const ready = await webview.waitForPosted(isKind('ready'));
  assert.deepEqual(ready.initialState, { restored: true });
});

test('an ArrayBuffer goes in and comes back as an ArrayBuffer with the same bytes', async () => {
  await webview.send({ kind: 'draw', bytes: new Uint8Array([0, 85, 170, 255]).buffer });
  const drawn = await webview.waitForPosted(isKind('drawn'));
  assert.equal(drawn.isArrayBuffer, true);
  assert.ok(drawn.echo instanceof ArrayBuffer);
  assert.deepEqual([...new Uint8Array(drawn.echo)], [0, 85, 170, 255]);
  assert.deepEqual(drawn.state, { drawn: 4 });
});

test('the pixels drawn on the canvas can be read back', async () => {
  const pixels = await webview.page.evaluate(() => {
    const canvas = document.getElementById('c') as HTMLCanvasElement;
    return [...canvas.getContext('2d')!.getImageData(0, 0, 4, 1).data].filter((_, i) => i % 4 === 0);
  });
  assert.deepEqual(pixels, [0, 85, 170, 255]);
});

test('waitForPosted fails with a readable message when nothing matches', async () => {
  await assert.rejects(webview.waitForPosted(isKind('never'), 200), /posted no matching message within 200 ms/);
});
