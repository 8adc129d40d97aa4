// The comparison editor: a webview panel showing one Comparison. It forwards the comparison's
// messages, replays its state when the webview script (re)starts, answers slice requests through
// the worker, and keeps what is on screen (plane, slice, label, mode) for the navigation commands,
// the status bar, the public API and tests. A host-side reveal wins over webview reports that
// were already on their way, until the webview reports the revealed slice (or a moment passes).
import * as vscode from 'vscode';
import type { Vec3 } from '../../core/volume';
import { assertNever } from '../../protocol/assertNever';
import type { CompareMode, CompareView, CompareWebviewToHost, HostToCompareWebview, LabelChoice } from '../../protocol/compare';
import type { Plane } from '../../protocol/viewer';
import { answerSlice, PanelConnection } from '../panelConnection';
import type { Comparison } from './comparison';
import { CompareWorkerFailure } from './compareWorker';
import { compareSettings, navigateSelectedLabelOnly } from './compareSettings';

export type CompareProbeResult = Extract<CompareWebviewToHost, { type: 'probeResult' }>;
export type CompareRendered = Extract<CompareWebviewToHost, { type: 'rendered' }>;

export interface Shown {
  readonly plane: Plane;
  readonly index: number;
  readonly label: LabelChoice;
  readonly mode: CompareMode;
}

export interface ComparisonPanelHooks {
  readonly log: (message: string) => void;
  /** A webview control asked for a host command (swap, export, navigation, background). */
  readonly runCommand: (panel: ComparisonPanel, command: Extract<CompareWebviewToHost, { type: 'command' }>['command']) => void;
  /** What is shown changed (slice, label, mode). */
  readonly onDidChangeShown: (panel: ComparisonPanel) => void;
}

/** How long a host reveal overrides webview reports that do not match it (from when it was last sent). */
const REVEAL_HOLD_MS = 2000;

export class ComparisonPanel implements vscode.Disposable {
  /** The webview's last report; cleared when its script restarts. */
  lastRendered: CompareRendered | undefined;
  starts = 0;
  /** Reports of panes drawn with slices while the files were still read (before their final descriptions). */
  renderedWhileReading = 0;
  /** Whether the webview's script (re)started while the files were still being read (test hooks). */
  readyWhileReading = false;
  private shownValue: Shown = { plane: 'axial', index: 0, label: null, mode: 'sideBySide' };
  private pendingReveal: { readonly shown: Shown; readonly until: number } | undefined;
  /** The toolbar toggle's choice; undefined follows maskInspector.navigateSelectedLabelOnly. */
  private navigationChoice: boolean | undefined;
  private readonly connection: PanelConnection<HostToCompareWebview, CompareWebviewToHost, CompareProbeResult>;

  constructor(
    readonly comparison: Comparison,
    readonly panel: vscode.WebviewPanel,
    private readonly hooks: ComparisonPanelHooks,
  ) {
    this.connection = new PanelConnection(panel, comparison, (msg) => this.receive(msg), 'comparison webview');
  }

  get shown(): Shown {
    return this.shownValue;
  }

  post(msg: HostToCompareWebview): void {
    this.connection.post(msg);
  }

  sendSettings(): void {
    this.post({ type: 'settings', settings: compareSettings(this.comparison.reference, this.navigationChoice) });
  }

  /** Go to Worst / Next / Previous stay on the shown label (else they walk every label's problems). */
  get navigateSelectedLabelOnly(): boolean {
    return this.navigationChoice ?? navigateSelectedLabelOnly(this.comparison.reference);
  }

  /** The setting changed: it wins over the toolbar's earlier choice. */
  followNavigationSetting(): void {
    this.navigationChoice = undefined;
    this.sendSettings();
  }

  /** Shows `index` (of the metrics' plane) for `label`, bringing the panel to the front. */
  reveal(index: number, label: LabelChoice = this.shownValue.label, preserveFocus = false): void {
    const plane = this.comparison.result?.plane ?? this.shownValue.plane;
    const shown: Shown = { ...this.shownValue, plane, index, label };
    this.pendingReveal = { shown, until: Date.now() + REVEAL_HOLD_MS };
    this.setShown(shown);
    this.panel.reveal(this.panel.viewColumn, preserveFocus);
    this.post({ type: 'reveal', plane, index, label });
  }

  setMode(mode: CompareMode): void {
    this.setShown({ ...this.shownValue, mode });
    this.post({ type: 'setMode', mode });
  }

  /** Test hook: draws a slice and reports the colours at `voxels` in one pane. */
  probe(pane: CompareProbeResult['pane'], plane: Plane, index: number, voxels: readonly Vec3[], timeoutMs = 10000): Promise<CompareProbeResult> {
    return this.connection.probe((requestId) => ({ type: 'probe', requestId, pane, plane, index, voxels }), timeoutMs);
  }

  dispose(): void {
    this.connection.dispose();
  }

  private receive(msg: CompareWebviewToHost): void {
    switch (msg.type) {
      case 'ready':
        this.starts++;
        if (this.comparison.state.kind === 'loading' && this.comparison.volumes === undefined) this.readyWhileReading = true;
        this.lastRendered = undefined;
        this.sendSettings();
        for (const m of this.comparison.snapshot()) this.post(m);
        // The webview restores its own view; a reveal it has not shown yet (sent while it was being
        // rebuilt, e.g. a Problems-panel click that briefly covered the tab) is sent again.
        if (this.pendingReveal) {
          const { plane, index, label } = this.pendingReveal.shown;
          this.pendingReveal = { ...this.pendingReveal, until: Date.now() + REVEAL_HOLD_MS };
          this.post({ type: 'reveal', plane, index, label });
        }
        return;
      case 'requestSlice':
        // A slice that waited on a read which was then cancelled or replaced is not the slice's failure.
        void answerSlice(msg.requestId, msg.plane, msg.index, (plane, index) => this.comparison.slice(plane, index), (m) => this.post(m), (e) => e instanceof CompareWorkerFailure && e.cancelled);
        return;
      case 'rendered':
        this.lastRendered = msg;
        if (msg.view === 'comparison' && msg.drawMs !== undefined && this.comparison.state.kind === 'loading' && this.comparison.volumes === undefined) this.renderedWhileReading++;
        if (msg.view === 'comparison') this.fromWebview(msg);
        return;
      case 'probeResult':
        this.connection.answerProbe(msg);
        return;
      case 'command':
        this.hooks.runCommand(this, msg.command);
        return;
      case 'setNavigationScope':
        this.navigationChoice = msg.selectedLabelOnly;
        this.sendSettings();
        return;
      case 'reopen':
        void this.comparison.reopen();
        return;
      case 'webviewError':
        this.hooks.log(`comparison webview (${this.comparison.title}): ${msg.message}`);
        return;
      default:
        assertNever(msg);
    }
  }

  private fromWebview(view: CompareView): void {
    const shown: Shown = { plane: view.plane, index: view.index, label: view.label, mode: view.mode };
    const pending = this.pendingReveal;
    if (pending && Date.now() < pending.until && !sameSlice(pending.shown, shown)) return; // from before the webview took the reveal
    this.pendingReveal = undefined;
    this.setShown(shown);
  }

  private setShown(shown: Shown): void {
    const before = this.shownValue;
    this.shownValue = shown;
    if (!sameSlice(before, shown) || before.mode !== shown.mode) this.hooks.onDidChangeShown(this);
  }
}

function sameSlice(a: Shown, b: Shown): boolean {
  return a.plane === b.plane && a.index === b.index && a.label === b.label;
}
