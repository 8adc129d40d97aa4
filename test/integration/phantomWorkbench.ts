// The workbench the UI scenarios share: code-server + Chromium on a fresh folder holding the demo's
// phantom (reference, prediction, CT-like image, label names), and screenshots that can refresh the
// README's (MASK_INSPECTOR_SCREENSHOTS_TO_DOCS=1 copies them into docs/screenshots/).
import * as assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writePhantom } from '../../src/core/phantom/writePhantom';
import { repoRoot } from '../webview/harness';
import type { Frame } from 'playwright-core';
import { openWorkbench, runCommandFromSideBar, type Workbench } from './workbench';

export const PHANTOM_LABEL_NAMES = { 1: 'liver', 2: 'spleen', 3: 'right kidney', 4: 'left kidney', 5: 'aorta', 6: 'bladder' } as const;

export interface PhantomWorkbench {
  readonly wb: Workbench;
  /** Saves a screenshot (and copies it for the README when asked to). */
  shot(name: string): Promise<void>;
  /** Runs a command from the Command Palette, even while a webview has focus. */
  command(title: string): Promise<void>;
  /** The comparison webview's content frame (it has the label picker; the viewer does not). */
  comparisonFrame(timeoutMs?: number): Promise<Frame>;
  /** The comparison's "Slice N · axial" caption. */
  sliceShown(frame: Frame): Promise<string>;
  /** Polls `read` until it gives `expected` (webview and host answer asynchronously), then asserts it. */
  settles(what: string, read: () => Promise<string | null>, expected: string, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export async function openPhantomWorkbench(): Promise<PhantomWorkbench> {
  const source = mkdtempSync(join(tmpdir(), 'phantom-ui-'));
  await writePhantom(source, { shape: [160, 160, 80], labels: 6, binary: false, seed: 1, orientation: 'RAS', image: true });
  writeFileSync(join(source, 'labels.json'), JSON.stringify(PHANTOM_LABEL_NAMES));
  let wb: Workbench;
  try {
    wb = await openWorkbench({ fixtures: source, viewport: { width: 1600, height: 1000 } });
  } catch (e) {
    rmSync(source, { recursive: true, force: true });
    throw e;
  }
  return {
    wb,
    async shot(name) {
      const path = await wb.screenshot(name);
      if (process.env.MASK_INSPECTOR_SCREENSHOTS_TO_DOCS) {
        const docs = join(repoRoot(), 'docs', 'screenshots');
        mkdirSync(docs, { recursive: true });
        copyFileSync(path, join(docs, `${name}.png`));
      }
    },
    command: (title) => runCommandFromSideBar(wb, title),
    comparisonFrame: (timeoutMs = 90_000) => wb.waitForWebview('.mi-cmp-label', timeoutMs),
    async sliceShown(frame) {
      return (await frame.locator('text=/^Slice \\d+ · axial$/').first().textContent({ timeout: 60_000 })) ?? '';
    },
    async settles(what, read, expected, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      let got = await read();
      while (got !== expected && Date.now() < deadline) {
        await wb.page.waitForTimeout(200);
        got = await read();
      }
      assert.equal(got, expected, what);
    },
    async close() {
      await wb.close();
      rmSync(source, { recursive: true, force: true });
    },
  };
}
