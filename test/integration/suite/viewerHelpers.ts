// Shared steps of the viewer's in-VS Code tests: open a file in the viewer and wait for its webview,
// ask the webview what it drew at given voxels, read the extension's test state.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Vec3 } from '../../../src/core/volume';
import type { TestState } from '../../../src/extension/commands';
import type { ProbeResult } from '../../../src/extension/viewer/viewerPanel';
import type { Plane, Rgba } from '../../../src/protocol/viewer';

export const EXTENSION_ID = 'mask-inspector.mask-inspector';
export const VIEW_TYPE = 'maskInspector.viewer';
export type DocumentState = TestState['documents'][number];

export function fixture(relative: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'a workspace folder is open');
  return vscode.Uri.joinPath(folder.uri, relative);
}

export const testState = (): Thenable<TestState> => vscode.commands.executeCommand<TestState>('maskInspector._testState');

export async function documentState(uri: vscode.Uri): Promise<DocumentState | undefined> {
  return (await testState()).documents.find((d) => d.uri === uri.toString());
}

/**
 * Polls `probe` until it returns something other than undefined; on timeout the error carries
 * `state()` (what the extension reports). A webview whose script never started (VS Code for the
 * Web sometimes leaves a new webview waiting for its service worker, logging "Found unexpected
 * service worker controller ... Waiting for controllerchange", when webviews open and close in
 * quick succession) is reloaded once with "Developer: Reload Webviews", as a person would, and the
 * wait goes on; `stalled()` says whether one is waiting.
 */
export async function pollUntil<T>(what: string, probe: () => Promise<T | undefined>, ms: number, state: () => Thenable<unknown>, stalled: () => Promise<boolean>): Promise<T> {
  const end = Date.now() + ms;
  const nudgeAt = Date.now() + ms / 2;
  let nudged = false;
  while (Date.now() < end) {
    const got = await probe();
    if (got !== undefined) return got;
    if (!nudged && Date.now() > nudgeAt && (await stalled())) {
      nudged = true;
      console.log(`while waiting for ${what}: a webview never started; reloading webviews`);
      await vscode.commands.executeCommand('workbench.action.webview.reloadWebviewAction');
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}; last test state: ${JSON.stringify(await state())}`);
}

/** Polls `probe` until it returns something other than undefined. */
export function until<T>(what: string, probe: () => Promise<T | undefined>, ms = 20000): Promise<T> {
  return pollUntil(what, probe, ms, testState, async () => (await testState()).documents.some((d) => d.panels.some((p) => p.starts === 0)));
}

/** Waits until the document's first webview reports a view other than 'loading'. */
export function renderedState(uri: vscode.Uri): Promise<DocumentState> {
  return until(`${uri.path} to render`, async () => {
    const doc = await documentState(uri);
    const rendered = doc?.panels[0]?.rendered;
    return rendered && rendered.view !== 'loading' ? doc : undefined;
  });
}

export async function openAndWait(uri: vscode.Uri, viewType = VIEW_TYPE): Promise<DocumentState> {
  await vscode.commands.executeCommand('vscode.openWith', uri, viewType);
  return renderedState(uri);
}

export function probe(uri: vscode.Uri, plane: Plane, index: number, voxels: Vec3[]): Thenable<ProbeResult> {
  return vscode.commands.executeCommand<ProbeResult>('maskInspector._testProbe', uri, plane, index, voxels);
}

export async function closeAll(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

export const rgb = (c: Rgba | null | undefined): number[] | null => (c ? [c[0], c[1], c[2]] : null);

export async function setSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('maskInspector').update(key, value, vscode.ConfigurationTarget.Global);
}
