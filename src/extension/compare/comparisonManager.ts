// Every open comparison editor: opening one (or bringing an open one of the same pair forward),
// which one is active (focused, else the last focused), file watching, and one change event the
// diagnostics, the tree view and the status bar listen to. One worker thread per comparison,
// terminated when its panel closes.
import * as vscode from 'vscode';
import { join } from 'node:path';
import type { ComparedFiles } from '../../protocol/compare';
import type { LabelNameChoices } from '../viewer/labelChoice';
import type { VolumeCache } from '../volumeCache';
import { Comparison } from './comparison';
import { fileNameOf } from '../maskFiles';
import { compareHtml, compareResourceRoots } from './compareHtml';
import { ComparisonPanel, type ComparisonPanelHooks } from './comparisonPanel';
import { CompareWorker } from './compareWorker';
import { watchFiles } from '../fileWatch';

export const COMPARISON_VIEW_TYPE = 'maskInspector.comparison';
/** True while at least one comparison is open (menus and views use it). */
const HAS_COMPARISON_KEY = 'maskInspector.hasComparison';

export interface ManagedComparison {
  readonly id: number;
  readonly panel: ComparisonPanel;
  readonly comparison: Comparison;
}

export class ComparisonManager implements vscode.Disposable {
  private readonly open = new Map<ComparisonPanel, ManagedComparison>();
  private activeEntry: ManagedComparison | undefined;
  private nextId = 1;
  private readonly changed = new vscode.EventEmitter<ManagedComparison | undefined>();
  /** Anything about a comparison changed (state, metrics, shown slice, activity), or one closed. */
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly log: (message: string) => void,
    private readonly runCommand: ComparisonPanelHooks['runCommand'],
    private readonly labelChoices: LabelNameChoices,
    private readonly cache: VolumeCache,
  ) {}

  get all(): readonly ManagedComparison[] {
    return [...this.open.values()];
  }

  /** The focused comparison, else the last one focused while it is still open. */
  get active(): ManagedComparison | undefined {
    return this.activeEntry && this.open.has(this.activeEntry.panel) ? this.activeEntry : undefined;
  }

  byId(id: number): ManagedComparison | undefined {
    return this.all.find((m) => m.id === id);
  }

  /**
   * Opens (or brings forward) the comparison of `reference` with `prediction` in the active editor
   * column. `ready` settles when its metrics are shown or its error is.
   */
  compare(reference: vscode.Uri, prediction: vscode.Uri): { readonly entry: ManagedComparison; readonly ready: Promise<void> } {
    const existing = this.all.find((m) => same(m.comparison.reference, reference) && same(m.comparison.prediction, prediction));
    if (existing) {
      existing.panel.panel.reveal(existing.panel.panel.viewColumn);
      this.activate(existing);
      return { entry: existing, ready: existing.comparison.whenSettled() };
    }
    const webviewPanel = vscode.window.createWebviewPanel(
      COMPARISON_VIEW_TYPE,
      `${fileNameOf(reference)} ↔ ${fileNameOf(prediction)}`,
      { viewColumn: vscode.ViewColumn.Active, preserveFocus: false },
      // Retained while hidden (unlike the viewer): clicking a problem briefly covers the comparison
      // with its report, and rebuilding the webview on every click would refetch every slice.
      { enableScripts: true, localResourceRoots: compareResourceRoots(this.context.extensionUri), retainContextWhenHidden: true },
    );
    return this.adopt(webviewPanel, reference, prediction);
  }

  /**
   * Reopens a comparison in a panel VS Code restored after a window reload or a restart (its
   * serializer passes the panel and the files the webview saved). The webview restores its own
   * view (plane, slice, label, mode); a file that is gone meanwhile shows the error view.
   */
  restore(webviewPanel: vscode.WebviewPanel, files: ComparedFiles): { readonly entry: ManagedComparison; readonly ready: Promise<void> } {
    webviewPanel.webview.options = { enableScripts: true, localResourceRoots: compareResourceRoots(this.context.extensionUri) };
    return this.adopt(webviewPanel, vscode.Uri.parse(files.reference), vscode.Uri.parse(files.prediction));
  }

  /** Wires a comparison of `reference` with `prediction` into `webviewPanel` and starts reading them. */
  private adopt(webviewPanel: vscode.WebviewPanel, reference: vscode.Uri, prediction: vscode.Uri): { readonly entry: ManagedComparison; readonly ready: Promise<void> } {
    const id = this.nextId++;
    const newWorker = (): CompareWorker => new CompareWorker(join(this.context.extensionPath, 'dist', 'compareWorker.js'));
    // The callbacks below run only after `managed` exists (nothing fires before reload() at the end).
    const comparison = new Comparison(reference, prediction, newWorker(), {
      newWorker,
      log: this.log,
      workspaceState: this.context.workspaceState,
      labelChoice: (uri) => this.labelChoices.get(uri),
      cache: this.cache,
      onChange: () => {
        managed.panel.panel.title = comparison.title;
        this.changed.fire(managed);
      },
    });
    webviewPanel.title = comparison.title;
    const panel = new ComparisonPanel(comparison, webviewPanel, {
      log: this.log,
      runCommand: this.runCommand,
      onDidChangeShown: () => {
        // The plane buttons choose the plane of the per-slice metrics too, so the strip, the
        // problems and the panes agree (computed on demand, kept per plane by the worker).
        const plane = managed.panel.shown.plane;
        if (comparison.volumes && comparison.state.kind !== 'error' && plane !== comparison.plane) void comparison.setPlane(plane);
        this.changed.fire(managed);
      },
    });
    const managed: ManagedComparison = { id, panel, comparison };
    this.open.set(panel, managed);
    const watcher = watchFiles([reference, prediction], () => void comparison.reloadIfChanged());
    webviewPanel.onDidChangeViewState((e) => {
      if (e.webviewPanel.active) this.activate(managed);
    });
    webviewPanel.onDidDispose(() => {
      watcher.dispose();
      panel.dispose();
      comparison.dispose();
      this.open.delete(panel);
      if (this.activeEntry === managed) this.activeEntry = undefined;
      void this.updateContext();
      this.changed.fire(undefined);
    });
    webviewPanel.webview.html = compareHtml(webviewPanel.webview, this.context.extensionUri, comparison.title);
    this.activate(managed);
    void this.updateContext();
    return { entry: managed, ready: comparison.reload() };
  }

  dispose(): void {
    for (const m of this.all) m.panel.panel.dispose();
    this.changed.dispose();
  }

  private activate(entry: ManagedComparison): void {
    if (this.activeEntry === entry) return;
    this.activeEntry = entry;
    this.changed.fire(entry);
  }

  private async updateContext(): Promise<void> {
    await vscode.commands.executeCommand('setContext', HAS_COMPARISON_KEY, this.open.size > 0);
  }
}

function same(a: vscode.Uri, b: vscode.Uri): boolean {
  return a.toString() === b.toString();
}
