// Shared steps of the comparison's in-VS Code tests: start a comparison, read its state and its
// problems, wait for the webview to show a slice, and numpy's expectations for the fixture pairs.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { MaskInspectorApi } from '../../../src/extension/compare/api';
import type { CompareTestState } from '../../../src/extension/compare/testHooks';
import { COMPARISON_VIEW_TYPE } from '../../../src/extension/compare/comparisonManager';
import { EXTENSION_ID, fixture, pollUntil } from './viewerHelpers';

export type ComparisonState = CompareTestState['comparisons'][number];

export interface NumpySlice { index: number; tp: number; fp: number; fn: number; dice: number | null }
export interface NumpyPlane {
  axis: number;
  foreground: { dice: number | null; slices: NumpySlice[] };
  labels: { label: number; dice: number | null; slices: NumpySlice[] }[];
  sliceVoxelAreaMm2: number;
  flagged: { label: number | null; index: number; dice: number; errorMm2: number; severity: number }[];
}

export async function numpy(caseName: string, plane: string): Promise<NumpyPlane> {
  const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(fixture('metrics/expected.json')));
  const cases = (JSON.parse(text) as { cases: Record<string, { planes: Record<string, NumpyPlane> }> }).cases;
  const found = cases[caseName]?.planes[plane];
  assert.ok(found, `numpy expectation ${caseName}/${plane}`);
  return found;
}

/** numpy's per-slice Dice of `label` (null = foreground). */
export function numpySlices(p: NumpyPlane, label: number | null): NumpySlice[] {
  if (label === null) return p.foreground.slices;
  const l = p.labels.find((x) => x.label === label);
  assert.ok(l, `numpy has label ${label}`);
  return l.slices;
}

/**
 * (label, index) of every slice numpy finds below `threshold` with at least `minErrorMm2` of error
 * (FP + FN times numpy's in-plane voxel area), as "label:index" strings, sorted.
 */
export function numpyFlagged(p: NumpyPlane, threshold: number, minErrorMm2 = 10): string[] {
  const out: string[] = [];
  for (const label of [null, ...p.labels.map((l) => l.label)]) {
    for (const s of numpySlices(p, label)) {
      if (s.dice !== null && s.dice < threshold && (s.fp + s.fn) * p.sliceVoxelAreaMm2 >= minErrorMm2) out.push(`${label ?? 'fg'}:${s.index}`);
    }
  }
  return out.sort();
}

export async function api(): Promise<MaskInspectorApi> {
  const ext = vscode.extensions.getExtension<MaskInspectorApi>(EXTENSION_ID);
  assert.ok(ext, 'the extension is installed');
  return ext.isActive ? ext.exports : ext.activate();
}

export const compareState = (): Thenable<CompareTestState> => vscode.commands.executeCommand<CompareTestState>('maskInspector._testCompareState');

export function until<T>(what: string, probe: () => Promise<T | undefined>, ms = 20000): Promise<T> {
  return pollUntil(what, probe, ms, compareState, { stalled: async () => (await compareState()).comparisons.some((c) => c.starts === 0) });
}

export async function activeState(): Promise<ComparisonState> {
  const s = await compareState();
  const active = s.comparisons.find((c) => c.id === s.activeId);
  assert.ok(active, `a comparison is active: ${JSON.stringify(s)}`);
  return active;
}

/**
 * Runs "Compare Masks" with `args` and waits until the comparison's webview has started. A webview
 * VS Code for the Web never starts (see pollUntil) is reloaded, then closed and compared again, as
 * a person would; without this wait a stalled webview surfaced only later, as a slice never shown.
 */
export async function compareAndWait(...args: unknown[]): Promise<ComparisonState> {
  await vscode.commands.executeCommand('maskInspector.compare', ...args);
  const started = async (): Promise<true | undefined> => ((await activeState()).starts > 0 ? true : undefined);
  await pollUntil('the comparison\'s webview to start', started, 30000, compareState, {
    stalled: async () => (await activeState()).starts === 0,
    reopen: async () => {
      const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith(COMPARISON_VIEW_TYPE));
      await vscode.window.tabGroups.close(tabs);
      await vscode.commands.executeCommand('maskInspector.compare', ...args);
    },
  });
  return activeState();
}

/** Waits until the active comparison's webview reports it shows `index` of `label`. */
export function shownInWebview(index: number, label: number | null): Promise<ComparisonState> {
  return until(`the webview to show slice ${index} of label ${label}`, async () => {
    const c = await activeState();
    const r = c.rendered;
    return r && r.view === 'comparison' && r.index === index && r.label === label ? c : undefined;
  });
}

/** "label:index" of each problem, parsed from the message (label "fg" for the foreground), sorted. */
export function problemKeys(diagnostics: readonly vscode.Diagnostic[]): string[] {
  return diagnostics
    .filter((d) => !/not listed/.test(d.message))
    .map((d) => {
      const m = /^\w+ slice (\d+), (?:foreground|label (\d+)(?: \([^)]*\))?): Dice /.exec(d.message);
      assert.ok(m, `problem message: ${d.message}`);
      return `${m[2] ?? 'fg'}:${m[1]}`;
    })
    .sort();
}

export async function problemsOf(c: ComparisonState): Promise<vscode.Diagnostic[]> {
  const uri = await until('the report to be published', async () => (await compareState()).comparisons.find((x) => x.id === c.id)?.reportUri);
  return vscode.languages.getDiagnostics(vscode.Uri.parse(uri));
}

export async function setCompareSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('maskInspector').update(key, value, vscode.ConfigurationTarget.Global);
}

export const revealSlice = (id: number, index: number, label: number | null): Thenable<void> =>
  vscode.commands.executeCommand('maskInspector._revealComparisonSlice', id, index, label);
