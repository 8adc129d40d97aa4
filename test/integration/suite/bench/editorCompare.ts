// Runs inside code-server's extension host for `npm run bench` (scripts/bench-editor.mjs loads it as
// the extension tests module): times the public API's compare() on the workspace's phantom pair,
// from the call to the metrics being ready (webview and worker start included), and reads the
// extension host's peak RSS (VmHWM of this very process, reset before each run where the kernel
// allows). Writes one JSON object to $MASK_INSPECTOR_BENCH_OUT; never asserts a timing.
import { readFileSync, writeFileSync } from 'node:fs';
import * as vscode from 'vscode';
import type { MaskInspectorApi } from '../../../../src/extension/compare/api';

const EXTENSION_ID = 'mask-inspector.mask-inspector';

/** A field of /proc/self/status in MiB (VmRSS, VmHWM). */
function statusMiB(field: 'VmRSS' | 'VmHWM'): number {
  const line = readFileSync('/proc/self/status', 'utf8').split('\n').find((l) => l.startsWith(`${field}:`));
  return line ? Number(/(\d+)/.exec(line)![1]) / 1024 : NaN;
}

/** Resets VmHWM to the current RSS (Linux: "5" to clear_refs); false where that is not allowed. */
function resetPeak(): boolean {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
}

interface ViewerTestState {
  readonly documents: readonly { readonly uri: string; readonly state: string }[];
  readonly volumeCache: { readonly reads: Readonly<Record<string, number>> };
}

interface TestState {
  readonly comparisons: readonly { readonly state: string; readonly message?: string; readonly rendered?: { readonly view: string; readonly drawMs?: number } }[];
}

/** The step at which the comparison's panes first drew a slice. */
export const FIRST_SLICE = 'first slice drawn';

/** When the comparison's state first showed each step (polled every 20 ms: where the time goes). */
function watchSteps(started: number): { stop(): Record<string, number>; firstSlice(timeoutMs: number): Promise<void> } {
  const steps: Record<string, number> = {};
  const timer = setInterval(() => {
    void Promise.resolve(vscode.commands.executeCommand<TestState>('maskInspector._testCompareState')).then((s) => {
      const c = s.comparisons[0];
      if (!c) return;
      const step = c.state === 'loading' ? (c.message ?? 'loading').replace(/[\d.]+ of [\d.]+ MB/, 'N of M MB') : c.state;
      steps[step] ??= (performance.now() - started) / 1000;
      if (c.rendered) steps[`webview: ${c.rendered.view}`] ??= (performance.now() - started) / 1000;
      // The panes drew a slice (drawMs is set only then): the time to first slice.
      if (c.rendered?.view === 'comparison' && c.rendered.drawMs !== undefined) steps[FIRST_SLICE] ??= (performance.now() - started) / 1000;
    });
  }, 20);
  return {
    stop() {
      clearInterval(timer);
      return steps;
    },
    // The webview may draw its first slice after the metrics are ready (it starts slower than a
    // small read): the watch goes on until it does, or the time runs out.
    async firstSlice(timeoutMs) {
      const until = performance.now() + timeoutMs;
      while (steps[FIRST_SLICE] === undefined && performance.now() < until) await pause(20);
    },
  };
}

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export interface EditorRun {
  readonly seconds: number;
  /** Seconds from the call at which the comparison's state first showed each step. */
  readonly steps: Record<string, number>;
  readonly rssBeforeMiB: number;
  readonly peakMiB: number;
  readonly peakReset: boolean;
}

/** The reference opened in the viewer first, then compared: what the comparison adds to it. */
export interface ViewerFirstRun extends EditorRun {
  /** Seconds until the viewer showed the reference. */
  readonly viewerSeconds: number;
  /** Times the reference was read from disk, viewer and comparison together (1: the cache served the comparison). */
  readonly referenceReads: number;
  /** RSS before the viewer opened (rssBeforeMiB is before compare(), with the viewer open). */
  readonly rssBeforeViewerMiB: number;
  /** Peak RSS while the viewer opened (peakMiB is compare()'s own, measured from a reset after it). */
  readonly viewerPeakMiB: number;
}

async function viewerFirst(api: MaskInspectorApi, reference: vscode.Uri, prediction: vscode.Uri): Promise<ViewerFirstRun> {
  await pause(1500);
  const viewerState = (): Thenable<ViewerTestState> => vscode.commands.executeCommand<ViewerTestState>('maskInspector._testState');
  const readsBefore = (await viewerState()).volumeCache.reads[reference.toString()] ?? 0;
  const peakReset = resetPeak();
  const rssBeforeViewerMiB = statusMiB('VmRSS');
  const opened = performance.now();
  await vscode.commands.executeCommand('vscode.openWith', reference, 'maskInspector.viewer');
  for (;;) {
    const doc = (await viewerState()).documents.find((d) => d.uri === reference.toString());
    if (doc?.state === 'ready') break;
    if (doc?.state === 'error') throw new Error(`the viewer could not open ${reference.fsPath}`);
    await pause(20);
  }
  const viewerSeconds = (performance.now() - opened) / 1000;
  const viewerPeakMiB = statusMiB('VmHWM');
  // The comparison's own peak from here, so that the viewer's opening does not count as its growth.
  const comparePeakReset = resetPeak();
  const rssBeforeMiB = statusMiB('VmRSS');
  const started = performance.now();
  const watching = watchSteps(started);
  await api.compare(reference, prediction);
  const seconds = (performance.now() - started) / 1000;
  const steps = watching.stop();
  const referenceReads = ((await viewerState()).volumeCache.reads[reference.toString()] ?? 0) - readsBefore;
  const peakMiB = statusMiB('VmHWM');
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  return { seconds, steps, rssBeforeMiB, rssBeforeViewerMiB, viewerPeakMiB, peakMiB, peakReset: peakReset && comparePeakReset, viewerSeconds, referenceReads };
}

/** A mask past the old 2 GiB wall, opened in the viewer and then compared against itself. */
export interface HugeRun {
  readonly viewerSeconds: number;
  readonly compareSeconds: number;
  readonly volumeDice: number | null | undefined;
  readonly reads: number;
  readonly peakMiB: number;
  readonly peakReset: boolean;
}

async function viewerThenSelfCompare(api: MaskInspectorApi, mask: vscode.Uri): Promise<HugeRun> {
  // The guard stays; this machine has the memory, so it is raised as the refusal's sentence says.
  await vscode.workspace.getConfiguration('maskInspector').update('maxVolumeMegabytes', 16384, vscode.ConfigurationTarget.Global);
  const peakReset = resetPeak();
  const opened = performance.now();
  await vscode.commands.executeCommand('vscode.openWith', mask, 'maskInspector.viewer');
  const viewerState = (): Thenable<ViewerTestState> => vscode.commands.executeCommand<ViewerTestState>('maskInspector._testState');
  for (;;) {
    const doc = (await viewerState()).documents.find((d) => d.uri === mask.toString());
    if (doc?.state === 'ready') break;
    if (doc?.state === 'error') throw new Error(`the viewer could not open ${mask.fsPath}: ${JSON.stringify(doc)}`);
    await pause(50);
  }
  const viewerSeconds = (performance.now() - opened) / 1000;
  const started = performance.now();
  await api.compare(mask, mask);
  const compareSeconds = (performance.now() - started) / 1000;
  const volumeDice = api.activeComparison()?.volumeDice;
  const reads = (await viewerState()).volumeCache.reads[mask.toString()] ?? 0; // a workspace of its own: nothing read it before
  const peakMiB = statusMiB('VmHWM');
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  return { viewerSeconds, compareSeconds, volumeDice, reads, peakMiB, peakReset };
}

export async function run(): Promise<void> {
  const out = process.env.MASK_INSPECTOR_BENCH_OUT;
  const runs = Number(process.env.MASK_INSPECTOR_BENCH_RUNS ?? 3);
  if (!out) throw new Error('MASK_INSPECTOR_BENCH_OUT is not set');
  const extension = vscode.extensions.getExtension<MaskInspectorApi>(EXTENSION_ID);
  if (!extension) throw new Error(`${EXTENSION_ID} is not installed in this VS Code`);
  const api = await extension.activate();
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  if (!folder) throw new Error('no workspace folder is open');
  const reference = vscode.Uri.joinPath(folder, process.env.MASK_INSPECTOR_BENCH_FILE || 'reference.nii.gz');
  const prediction = vscode.Uri.joinPath(folder, 'prediction.nii.gz');
  const results: EditorRun[] = [];
  try {
    if (process.env.MASK_INSPECTOR_BENCH_MODE === 'huge') {
      writeFileSync(out, JSON.stringify({ pid: process.pid, runs: [], huge: await viewerThenSelfCompare(api, reference) }));
      return;
    }
    for (let n = 0; n < runs; n++) {
      await pause(1500); // let the previous comparison's thread exit and its memory go
      const peakReset = resetPeak();
      const rssBeforeMiB = statusMiB('VmRSS');
      const started = performance.now();
      const watching = watchSteps(started);
      await api.compare(reference, prediction);
      const seconds = (performance.now() - started) / 1000;
      const peakMiB = statusMiB('VmHWM');
      await watching.firstSlice(15_000);
      results.push({ seconds, steps: watching.stop(), rssBeforeMiB, peakMiB, peakReset });
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    }
    const first = await viewerFirst(api, reference, prediction);
    writeFileSync(out, JSON.stringify({ pid: process.pid, runs: results, viewerFirst: first }));
  } catch (e) {
    writeFileSync(out, JSON.stringify({ error: e instanceof Error ? (e.stack ?? e.message) : String(e), runs: results }));
  }
}
