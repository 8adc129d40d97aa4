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

/** How a wait gets past a webview whose script never started. */
export interface StallRecovery {
  /** Whether a webview of the thing waited for has not started. */
  stalled(): Promise<boolean>;
  /** Closes the stalled editor and opens it again, when the waiter knows how. */
  reopen?(): Promise<void>;
}

/**
 * Polls `probe` until it returns something other than undefined; on timeout the error carries
 * `state()` (what the extension reports). A webview whose script never started is recovered as a
 * person would: VS Code for the Web 1.100 sometimes leaves a new webview waiting for its service
 * worker forever (its console says "Found unexpected service worker controller ... Waiting for
 * controllerchange"; microsoft/vscode#312020 reworked that wait in a later release). A third of
 * the way into the wait the webviews are reloaded ("Developer: Reload Webviews"); two thirds in,
 * if it is still blank, the editor is closed and opened again.
 */
export async function pollUntil<T>(what: string, probe: () => Promise<T | undefined>, ms: number, state: () => Thenable<unknown>, recovery: StallRecovery): Promise<T> {
  const start = Date.now();
  const end = start + ms;
  const steps: { at: number; run: () => Promise<void>; why: string }[] = [
    { at: start + ms / 3, why: 'reloading webviews', run: async () => void (await vscode.commands.executeCommand('workbench.action.webview.reloadWebviewAction')) },
  ];
  const reopen = recovery.reopen;
  if (reopen) steps.push({ at: start + (2 * ms) / 3, why: 'closing and reopening it', run: reopen });
  while (Date.now() < end) {
    const got = await probe();
    if (got !== undefined) return got;
    const step = steps[0];
    if (step && Date.now() > step.at) {
      steps.shift();
      if (await recovery.stalled()) {
        console.log(`while waiting for ${what}: a webview never started; ${step.why}`);
        await step.run();
      }
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}; last test state: ${JSON.stringify(await state())}`);
}

const anyViewerStalled = async (): Promise<boolean> => (await testState()).documents.some((d) => d.panels.some((p) => p.starts === 0));

/** Polls `probe` until it returns something other than undefined. */
export function until<T>(what: string, probe: () => Promise<T | undefined>, ms = 20000): Promise<T> {
  return pollUntil(what, probe, ms, testState, { stalled: anyViewerStalled });
}

async function closeTabsOf(uri: vscode.Uri): Promise<void> {
  const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputCustom && t.input.uri.toString() === uri.toString());
  await vscode.window.tabGroups.close(tabs);
}

/** Waits until the document's first webview reports a view other than 'loading'. */
export function renderedState(uri: vscode.Uri, viewType = VIEW_TYPE): Promise<DocumentState> {
  const probeRendered = async (): Promise<DocumentState | undefined> => {
    const doc = await documentState(uri);
    const rendered = doc?.panels[0]?.rendered;
    return rendered && rendered.view !== 'loading' ? doc : undefined;
  };
  return pollUntil(`${uri.path} to render`, probeRendered, 30000, testState, {
    stalled: async () => (await documentState(uri))?.panels.some((p) => p.starts === 0) ?? false,
    reopen: async () => {
      await closeTabsOf(uri);
      await vscode.commands.executeCommand('vscode.openWith', uri, viewType);
    },
  });
}

export async function openAndWait(uri: vscode.Uri, viewType = VIEW_TYPE): Promise<DocumentState> {
  await vscode.commands.executeCommand('vscode.openWith', uri, viewType);
  return renderedState(uri, viewType);
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
