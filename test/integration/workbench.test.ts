// The UI scenario helper itself, driving the real workbench as a person would: the window is an
// Extension Development Host (the extension comes from this repo), Quick Open opens a file, the
// Command Palette runs a command, webview content is reachable, and screenshots are written.
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { openWorkbench, type Workbench } from './workbench';

let source: string;
let workbench: Workbench;

before(async () => {
  source = mkdtempSync(join(tmpdir(), 'workbench-test-'));
  writeFileSync(join(source, 'notes.md'), '# Hello Preview\n\nA paragraph.\n');
  workbench = await openWorkbench({ fixtures: source });
});

after(async () => {
  await workbench?.close();
  rmSync(source, { recursive: true, force: true });
});

test('the window is an Extension Development Host on the workspace copy', async () => {
  const title = await workbench.page.title();
  assert.match(title, /\[Extension Development Host\]/);
  assert.match(title, /workspace/);
});

test('Quick Open opens a workspace file in an editor tab', async () => {
  await workbench.openFile('notes.md');
  await workbench.page.locator('.tabs-container .tab', { hasText: 'notes.md' }).waitFor();
});

test('a command run from the Command Palette shows a webview whose content is reachable', async () => {
  // "Markdown: Open Preview" is listed only while a markdown editor is focused; on a loaded machine
  // the tab can exist before its text has focus, so click into the text first, as a person would.
  await workbench.page.locator('.monaco-editor .view-lines', { hasText: 'Hello Preview' }).first().click();
  await workbench.runCommand('Markdown: Open Preview');
  const frame = await workbench.waitForWebview('h1');
  assert.equal((await frame.locator('h1').textContent())?.trim(), 'Hello Preview');
});

test('a screenshot of the window is saved as a PNG', async () => {
  const path = await workbench.screenshot('workbench-smoke');
  const signature = readFileSync(path).subarray(0, 8);
  assert.deepEqual([...signature], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
});
