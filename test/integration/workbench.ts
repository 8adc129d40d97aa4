// A real VS Code workbench (code-server + headless Chromium) with this extension loaded from the repo
// (extensionDevelopmentPath), for UI scenario tests that drive it as a person would and take
// screenshots, and, with extensionTestsPath, for running the in-VS Code test suite.
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Frame, Page } from 'playwright-core';
import { launchChromium, repoRoot, screenshotPath, type Viewport } from '../webview/harness';
import { startCodeServer, type CodeServer } from './codeServer';
import { makeScratchDir, makeWorkspace, removeScratchDir } from './workspace';

export interface WorkbenchOptions {
  /** Folder to open. Default: a fresh copy of `fixtures` in the scratch folder. */
  workspace?: string;
  /** Folder copied as the workspace when `workspace` is not given (default test/fixtures). */
  fixtures?: string;
  /** Folder for profile, logs and the workspace copy. Default: a new temp folder, removed on close. */
  scratchDir?: string;
  /** Folder holding the tests module's index.js: makes this an extension test run. */
  extensionTestsPath?: string;
  /** Extra environment for code-server and the extension host. */
  env?: Record<string, string>;
  /** User settings for the fresh profile (merged over quiet defaults). */
  settings?: Record<string, unknown>;
  viewport?: Viewport;
  /** Hooks the workbench calls while running extension tests (window.codeAutomationLog/Exit). */
  automation?: {
    log(type: string, args: unknown[]): void;
    exit(code: number): void;
  };
  startTimeoutMs?: number;
}

export interface Workbench {
  page: Page;
  browser: Browser;
  server: CodeServer;
  /** The opened folder (absolute path on this machine). */
  workspace: string;
  /** Profile, logs (code-server.log, browser-console.log) and, by default, the workspace. */
  scratchDir: string;
  /** Runs a command by its title through the Command Palette (F1), as a person would. */
  runCommand(title: string): Promise<void>;
  /** Opens a workspace file through Quick Open (Ctrl+P) by its path relative to the workspace. */
  openFile(relativePath: string): Promise<void>;
  /** The frames holding webview content (the inner document of each webview's iframe pair). */
  webviewFrames(): Frame[];
  /** Waits until some webview's content has an element matching `selector`; returns that frame. */
  waitForWebview(selector: string, timeoutMs?: number): Promise<Frame>;
  /** Saves a PNG of the whole window to test-results/screenshots/NAME.png and returns its path. */
  screenshot(name: string): Promise<string>;
  /** Closes Chromium and code-server; removes the scratch folder unless keepScratch. Safe twice. */
  close(options?: { keepScratch?: boolean }): Promise<void>;
}

/** Starts code-server and opens the workbench in headless Chromium on `workspace`, ready to drive. */
export async function openWorkbench(options: WorkbenchOptions = {}): Promise<Workbench> {
  const ownScratch = options.scratchDir === undefined;
  const scratchDir = options.scratchDir ?? makeScratchDir();
  const workspace = options.workspace ?? makeWorkspace(scratchDir, options.fixtures);
  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  const consoleLog = createWriteStream(join(scratchDir, 'browser-console.log'));
  let closed = false;

  const close = async (closeOptions: { keepScratch?: boolean } = {}) => {
    if (closed) return;
    closed = true;
    await browser?.close().catch(() => undefined);
    await server?.stop();
    await new Promise<void>((done) => consoleLog.end(done));
    if (ownScratch && !closeOptions.keepScratch && !process.env.MASK_INSPECTOR_KEEP_SCRATCH) removeScratchDir(scratchDir);
  };

  try {
    server = await startCodeServer({ dir: scratchDir, env: options.env, settings: options.settings, startTimeoutMs: options.startTimeoutMs });
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: options.viewport ?? { width: 1400, height: 900 } });
    const page = await context.newPage();
    page.on('console', (m) => consoleLog.write(`[${m.type()}] ${m.text()}\n`));
    page.on('pageerror', (e) => consoleLog.write(`[pageerror] ${e.stack ?? e.message}\n`));
    if (options.automation) {
      const { log, exit } = options.automation;
      await page.exposeFunction('codeAutomationLog', (type: string, args: unknown[]) => log(type, args));
      await page.exposeFunction('codeAutomationExit', (code: number) => exit(code));
    }

    // code-server takes no --extensionDevelopmentPath; the web workbench reads it from the URL.
    const payload: [string, string][] = [
      ['extensionDevelopmentPath', server.remoteUri(repoRoot())],
      ['skipWelcome', 'true'],
    ];
    if (options.extensionTestsPath) payload.push(['extensionTestsPath', server.remoteUri(options.extensionTestsPath)]);
    const url = `${server.origin}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
    // Under load (a shared 2-core machine) the first page of the workbench can take over 30 s.
    await page.goto(url, { timeout: options.startTimeoutMs ?? 120_000 });
    await page.locator('.monaco-workbench').waitFor({ timeout: options.startTimeoutMs ?? 120_000 });

    const quickInput = page.locator('.quick-input-widget');
    // On a loaded machine the opener key can land while an earlier quick input is still closing (the
    // key then closes it again and the input is never editable): close what is open and try again.
    const pick = async (opener: string, text: string, rowText: string) => {
      const input = quickInput.locator('input');
      for (let attempt = 1; ; attempt++) {
        try {
          await page.keyboard.press(opener);
          await input.waitFor({ state: 'visible', timeout: 15_000 });
          await input.fill(text, { timeout: 15_000 });
          break;
        } catch (error) {
          if (attempt >= 3) throw error;
          await page.keyboard.press('Escape');
          await page.waitForTimeout(500);
        }
      }
      await quickInput.locator('.monaco-list-row', { hasText: rowText }).first().waitFor();
      await page.keyboard.press('Enter');
    };

    // VS Code hosts each webview in an iframe (pre/index.html) whose inner iframe (fake.html) holds
    // the extension's HTML.
    const webviewFrames = () => page.frames().filter((f) => f.url().includes('/webview/browser/pre/fake.html'));
    const webviewHostFrames = () => page.frames().filter((f) => f.url().includes('/webview/browser/pre/index.html'));

    return {
      page,
      browser,
      server,
      workspace,
      scratchDir,
      runCommand: (title) => pick('F1', `>${title}`, title),
      openFile: (relativePath) => pick('Control+P', relativePath, relativePath.split('/').pop() ?? relativePath),
      webviewFrames,
      // A webview whose host frame never loaded its content is recovered as a person would, a
      // third of the way into the wait: VS Code for the Web 1.100 sometimes leaves a new webview
      // waiting for its service worker forever (microsoft/vscode#312020 reworked that wait later);
      // "Developer: Reload Webviews" starts it. The in-VS Code suite does the same (viewerHelpers).
      waitForWebview: async (selector, timeoutMs = 30_000) => {
        const started = Date.now();
        const deadline = started + timeoutMs;
        let recovered = false;
        for (;;) {
          for (const frame of webviewFrames()) {
            if ((await frame.locator(selector).count().catch(() => 0)) > 0) return frame;
          }
          if (Date.now() > deadline) throw new Error(`No webview showed ${selector} within ${timeoutMs} ms (${webviewFrames().length} webview(s) open).`);
          if (!recovered && Date.now() > started + timeoutMs / 3 && webviewHostFrames().length > webviewFrames().length) {
            recovered = true;
            console.log(`while waiting for ${selector}: a webview never loaded its content; reloading webviews`);
            await pick('F1', '>Developer: Reload Webviews', 'Developer: Reload Webviews');
          }
          await page.waitForTimeout(200);
        }
      },
      screenshot: async (name) => {
        const path = screenshotPath(name);
        await page.screenshot({ path });
        return path;
      },
      close,
    };
  } catch (err) {
    await close({ keepScratch: true });
    throw err;
  }
}

/**
 * Selects two files in the Explorer as a person does (click, then Ctrl+click) and opens the
 * context menu on the second. The first click opens its file, which can take focus from the
 * Explorer while the Ctrl+click arrives, so the selection is checked and the Ctrl+click repeated.
 */
export async function selectTwoInExplorer(page: Page, first: string, second: string): Promise<void> {
  const row = (name: string) => page.locator('.explorer-folders-view .monaco-list-row', { hasText: name }).first();
  await row(first).click();
  for (let attempt = 0; ; attempt++) {
    await page.waitForTimeout(500);
    await row(second).click({ modifiers: ['Control'] });
    const selected = async (name: string) => (await row(name).getAttribute('aria-selected')) === 'true';
    if ((await selected(first)) && (await selected(second))) break;
    if (attempt >= 5) throw new Error(`the Explorer did not keep ${first} and ${second} selected together`);
    // Start again from the first file alone (a Ctrl+click on a selected row would unselect it).
    await row(first).click();
  }
  await row(second).click({ button: 'right' });
}

/**
 * Runs a command from the Command Palette. F1 pressed while a webview has focus does not reach the
 * workbench, so focus the side bar's title first (the active editor stays what it was).
 */
export async function runCommandFromSideBar(wb: Workbench, title: string): Promise<void> {
  await wb.page.locator('.sidebar .title-label').first().click();
  await wb.runCommand(title);
}

/**
 * Starts a comparison from the Explorer as a person does: two files selected, "Compare Masks" in
 * the context menu of the second. The pointer rests on the item before a click with a real press
 * length: an instant press on a menu that has just opened was ignored now and then by the
 * workbench (the menu stayed open, the item highlighted). If no comparison tab appears, the gesture
 * is repeated with the keyboard (Enter on the highlighted item), twice at most. A notification shown
 * instead (say, "select exactly two masks") ends it with that message. `withMenuOpen` runs once
 * while the menu is open (a screenshot, say).
 */
export async function compareFromExplorer(wb: Workbench, first: string, second: string, withMenuOpen?: () => Promise<void>): Promise<void> {
  const comparisonTab = wb.page.locator('.tabs-container .tab', { hasText: `${first} ↔ ${second}` }).first();
  const menuItem = wb.page.locator('.context-view .action-label', { hasText: 'Compare Masks' });
  for (let attempt = 1; ; attempt++) {
    await runCommandFromSideBar(wb, 'File: Focus on Files Explorer');
    await selectTwoInExplorer(wb.page, first, second);
    await menuItem.hover({ timeout: 10_000 });
    await wb.page.waitForTimeout(200);
    if (attempt === 1) await withMenuOpen?.();
    if (attempt === 1) await menuItem.click({ delay: 80 });
    else await wb.page.keyboard.press('Enter');
    if (await comparisonTab.waitFor({ timeout: 20_000 }).then(() => true, () => false)) return;
    await wb.screenshot(`compare-from-explorer-attempt-${attempt}`);
    const said = (await wb.page.locator('.notification-toast').allTextContents()).find((t) => t.includes('Mask Inspector'));
    if (said || attempt >= 3) throw new Error(`"Compare Masks" on ${first} and ${second} opened no comparison after ${attempt} attempt(s)${said ? `; the window said: ${said}` : ''}`);
    console.log(`compareFromExplorer: attempt ${attempt} opened no comparison; trying again`);
    await wb.page.keyboard.press('Escape');
  }
}
