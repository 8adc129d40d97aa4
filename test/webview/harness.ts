// Shared helper for tests that need a real browser: launches Debian's Chromium headless through
// playwright-core (no browser download), and can host the webview bundle in a page that stands in for
// VS Code's webview (acquireVsCodeApi, host<->webview messages), so rendering tests check real pixels.
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's Chromium; CHROMIUM_PATH points elsewhere on other machines. */
export const CHROMIUM_EXECUTABLE = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Flags verified on these machines (root in a container: no sandbox, no GPU, no network chatter). */
export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function launchChromium(options: { headless?: boolean } = {}): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_EXECUTABLE,
    headless: options.headless ?? true,
    args: [...CHROMIUM_ARGS],
  });
}

export interface Viewport {
  width: number;
  height: number;
}

export interface BrowserSession {
  browser: Browser;
  page: Page;
  /** Closes the browser; safe to call twice. */
  close(): Promise<void>;
}

export async function openPage(options: { viewport?: Viewport; deviceScaleFactor?: number } = {}): Promise<BrowserSession> {
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({
      viewport: options.viewport ?? { width: 1024, height: 768 },
      deviceScaleFactor: options.deviceScaleFactor ?? 1,
    });
    const page = await context.newPage();
    return { browser, page, close: () => browser.close() };
  } catch (err) {
    await browser.close();
    throw err;
  }
}

/** The repository root: the nearest folder above this file's bundle holding the extension manifest. */
export function repoRoot(): string {
  let dir = __dirname;
  for (;;) {
    try {
      const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: unknown };
      if (manifest.name === 'mask-inspector') return dir;
    } catch {
      // no manifest here; keep walking up
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`No mask-inspector package.json above ${__dirname}.`);
    dir = parent;
  }
}

/** Where screenshots go (gitignored test-results/screenshots/NAME.png); the folder is created. */
export function screenshotPath(name: string): string {
  const dir = join(repoRoot(), 'test-results', 'screenshots');
  mkdirSync(dir, { recursive: true });
  return join(dir, name.endsWith('.png') ? name : `${name}.png`);
}

export interface WebviewPage extends BrowserSession {
  /** Every message the webview posted to the "host" (acquireVsCodeApi().postMessage), in order. */
  readonly posted: unknown[];
  /** Delivers a host->webview message, as VS Code does: a `message` event on window. */
  send(message: unknown): Promise<void>;
  /** Resolves with the first posted message (already posted or future) that matches. */
  waitForPosted<T>(match: (message: unknown) => message is T, timeoutMs?: number): Promise<T>;
}

export interface WebviewPageOptions {
  /** Script files (e.g. dist/webview.js), relative to the repo root or absolute, inlined in order. */
  scripts: string[];
  /** Stylesheets (e.g. media/viewer.css), inlined. */
  styles?: string[];
  /** Markup for <body> before the scripts run. */
  body?: string;
  /** Extra <head> markup, e.g. CSS custom properties standing in for VS Code theme colours. */
  head?: string;
  /** What acquireVsCodeApi().getState() returns first. */
  initialState?: unknown;
  viewport?: Viewport;
  deviceScaleFactor?: number;
}

// Playwright carries typed arrays between Node and the page but turns a bare ArrayBuffer into `{}`;
// the protocol sends ArrayBuffers, so both directions wrap them as { [BUFFER_TAG]: Uint8Array }.
const BUFFER_TAG = '__maskInspectorArrayBuffer';
const WEBVIEW_ORIGIN = 'https://webview.mask-inspector.test';

function wrapBuffers(value: unknown): unknown {
  if (value instanceof ArrayBuffer) return { [BUFFER_TAG]: new Uint8Array(value) };
  if (ArrayBuffer.isView(value) || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(wrapBuffers);
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, wrapBuffers(v)]));
}

function unwrapBuffers(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || ArrayBuffer.isView(value)) return value;
  if (Array.isArray(value)) return value.map(unwrapBuffers);
  const bytes: unknown = (value as Record<string, unknown>)[BUFFER_TAG];
  if (bytes instanceof Uint8Array) return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, unwrapBuffers(v)]));
}

/** Runs in the page before any script: VS Code's webview API, backed by the test. */
function installVsCodeApiShim(init: { tag: string; state: unknown }): void {
  type Json = unknown;
  const w = window as unknown as Record<string, unknown>;
  const wrap = (v: Json): Json => {
    if (v instanceof ArrayBuffer) return { [init.tag]: new Uint8Array(v) };
    if (ArrayBuffer.isView(v) || v === null || typeof v !== 'object') return v;
    if (Array.isArray(v)) return v.map(wrap);
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, wrap(x)]));
  };
  const unwrap = (v: Json): Json => {
    if (v === null || typeof v !== 'object' || ArrayBuffer.isView(v)) return v;
    if (Array.isArray(v)) return v.map(unwrap);
    const bytes = (v as Record<string, unknown>)[init.tag];
    if (bytes instanceof Uint8Array) return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, unwrap(x)]));
  };
  let state = init.state;
  let acquired = false;
  w.acquireVsCodeApi = () => {
    if (acquired) throw new Error('acquireVsCodeApi may only be called once (as in VS Code).');
    acquired = true;
    return {
      postMessage: (message: Json) => (w.__maskInspectorHostReceive as (m: Json) => void)(wrap(message)),
      getState: () => state,
      setState: (next: Json) => { state = next; return next; },
    };
  };
  w.__maskInspectorDeliver = (message: Json) => window.postMessage(unwrap(message), '*');
}

/** A page hosting the webview bundle with a stand-in for VS Code's side of the webview API. */
export async function openWebviewPage(options: WebviewPageOptions): Promise<WebviewPage> {
  const session = await openPage({ viewport: options.viewport, deviceScaleFactor: options.deviceScaleFactor });
  const root = repoRoot();
  const read = (file: string) => readFileSync(resolve(root, file), 'utf8').replace(/<\/(script|style)/gi, '<\\/$1');
  const posted: unknown[] = [];
  const waiters = new Set<() => void>();
  try {
    await session.page.exposeFunction('__maskInspectorHostReceive', (message: unknown) => {
      posted.push(unwrapBuffers(message));
      for (const wake of waiters) wake();
    });
    await session.page.addInitScript(installVsCodeApiShim, { tag: BUFFER_TAG, state: options.initialState });
    const html = [
      // As the extension's page (src/extension/webviewHtml.ts): a language and a title.
      '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Mask Inspector test page</title>',
      options.head ?? '',
      ...(options.styles ?? []).map((f) => `<style>${read(f)}</style>`),
      '</head><body>',
      options.body ?? '',
      ...options.scripts.map((f) => `<script>${read(f)}</script>`),
      '</body></html>',
    ].join('\n');
    // Served from a made-up origin rather than setContent, so the page is a real navigation: init
    // scripts run before the webview's own scripts, as VS Code's do.
    await session.page.route(`${WEBVIEW_ORIGIN}/**`, (route) => route.fulfill({ contentType: 'text/html', body: html }));
    await session.page.goto(`${WEBVIEW_ORIGIN}/index.html`);
  } catch (err) {
    await session.close();
    throw err;
  }

  return {
    ...session,
    posted,
    async send(message) {
      await session.page.evaluate((m) => (window as unknown as { __maskInspectorDeliver(v: unknown): void }).__maskInspectorDeliver(m), wrapBuffers(message));
    },
    waitForPosted<T>(match: (message: unknown) => message is T, timeoutMs = 10_000): Promise<T> {
      return new Promise<T>((resolvePromise, reject) => {
        const check = () => {
          const found = posted.find(match);
          if (found === undefined) return false;
          cleanup();
          resolvePromise(found);
          return true;
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`The webview posted no matching message within ${timeoutMs} ms; it posted: ${JSON.stringify(posted).slice(0, 500)}`));
        }, timeoutMs);
        const wake = () => void check();
        const cleanup = () => {
          clearTimeout(timer);
          waiters.delete(wake);
        };
        waiters.add(wake);
        check();
      });
    },
  };
}
