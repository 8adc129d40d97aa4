// The "Mask Comparison" view (Explorer): the active comparison's pair, the volume Dice of the
// foreground and of each label (expand for that label's flagged slices, worst first), then every
// flagged slice worst first. Choosing a slice shows it in the comparison editor.
import * as vscode from 'vscode';
import type { ComparisonResult } from '../../core/metrics/types';
import { sliceOf } from '../../core/report/markdown';
import { areaText, diceText, labelText, problemMessage, problemRuleText, type LabelNames } from '../../core/report/sliceText';
import type { LabelChoice } from '../../protocol/compare';
import type { ComparisonManager, ManagedComparison } from './comparisonManager';
import { worstSlice } from './navigation';

export const TREE_VIEW_ID = 'maskInspector.comparisonView';
/** Internal command the tree's slice items run: (comparison id, slice index, label). */
export const REVEAL_COMMAND = 'maskInspector._revealComparisonSlice';
/** A tree with thousands of rows helps nobody; the report and the export hold them all. */
const MAX_FLAGGED_ITEMS = 200;

type Node =
  | { readonly kind: 'pair' }
  | { readonly kind: 'file'; readonly role: 'reference' | 'prediction' }
  | { readonly kind: 'label'; readonly label: LabelChoice }
  | { readonly kind: 'flaggedGroup' }
  /** `underLabel`: listed under its label's row, so the label need not be repeated. */
  | { readonly kind: 'slice'; readonly label: LabelChoice; readonly index: number; readonly errorMm2: number; readonly underLabel: boolean }
  | { readonly kind: 'message'; readonly text: string };

export class ComparisonTree implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private shownResult: ComparisonResult | undefined;
  private shownId: number | undefined;
  private shownKind: string | undefined;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly manager: ComparisonManager) {
    // Progress ticks and slice moves fire the manager's event; the tree changes only with the
    // active comparison or its result.
    this.subscription = manager.onDidChange(() => {
      const active = manager.active;
      const kind = active?.comparison.state.kind;
      if (active?.id === this.shownId && active?.comparison.result === this.shownResult && kind === this.shownKind) return;
      this.shownId = active?.id;
      this.shownResult = active?.comparison.result;
      this.shownKind = kind;
      this.changed.fire();
    });
  }

  getChildren(node?: Node): Node[] {
    const active = this.manager.active;
    if (!active) return [];
    const result = active.comparison.result;
    if (!node) {
      const state = active.comparison.state;
      if (!result) return [{ kind: 'pair' }, { kind: 'message', text: state.kind === 'error' ? state.message : state.kind === 'loading' ? state.message : '' }];
      return [{ kind: 'pair' }, { kind: 'label', label: null }, ...result.labels.map((l): Node => ({ kind: 'label', label: l.label })), { kind: 'flaggedGroup' }];
    }
    switch (node.kind) {
      case 'pair': return [{ kind: 'file', role: 'reference' }, { kind: 'file', role: 'prediction' }];
      case 'label': return result ? flaggedNodes(result, (f) => f.label === node.label, true) : [];
      case 'flaggedGroup': return result ? flaggedNodes(result, () => true, false) : [];
      default: return [];
    }
  }

  getTreeItem(node: Node): vscode.TreeItem {
    const active = this.manager.active;
    if (!active) return new vscode.TreeItem('');
    const { comparison } = active;
    const result = comparison.result;
    const names = comparison.names;
    switch (node.kind) {
      case 'pair': {
        const item = new vscode.TreeItem(comparison.title, vscode.TreeItemCollapsibleState.Collapsed);
        item.description = result ? `${result.plane}, flagged: ${problemRuleText(result.threshold, result.minErrorMm2)}` : undefined;
        item.iconPath = new vscode.ThemeIcon('diff');
        return item;
      }
      case 'file': {
        const uri = node.role === 'reference' ? comparison.reference : comparison.prediction;
        const item = new vscode.TreeItem(vscode.workspace.asRelativePath(uri));
        item.description = node.role;
        item.resourceUri = uri;
        item.iconPath = new vscode.ThemeIcon(node.role === 'reference' ? 'target' : 'symbol-event');
        return item;
      }
      case 'label': return result ? labelItem(active, result, node.label, names) : new vscode.TreeItem('');
      case 'flaggedGroup': {
        const count = result?.flagged.length ?? 0;
        const item = new vscode.TreeItem(`Flagged slices (${count})`, count > 0 ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None);
        item.description = count > MAX_FLAGGED_ITEMS ? `most severe ${MAX_FLAGGED_ITEMS} shown` : 'most severe first';
        return item;
      }
      case 'slice': {
        if (!result) return new vscode.TreeItem('');
        const slice = sliceOf(result, node.label, node.index);
        const full = problemMessage(result.plane, node.label, slice, node.errorMm2, names, result.threshold);
        const item = new vscode.TreeItem(node.underLabel ? `slice ${node.index}: Dice ${diceText(slice.dice, result.threshold)}` : full);
        item.description = node.underLabel ? `${areaText(node.errorMm2)} mm² wrong (TP ${slice.tp}, FP ${slice.fp}, FN ${slice.fn})` : undefined;
        item.tooltip = full;
        item.iconPath = new vscode.ThemeIcon('warning');
        item.command = { command: REVEAL_COMMAND, title: 'Show Slice', arguments: [active.id, node.index, node.label] };
        return item;
      }
      case 'message': return new vscode.TreeItem(node.text);
    }
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

function labelItem(active: ManagedComparison, result: ComparisonResult, label: LabelChoice, names: LabelNames): vscode.TreeItem {
  const metrics = label === null ? result.foreground : result.labels.find((l) => l.label === label);
  const flagged = result.flagged.filter((f) => f.label === label).length;
  const text = label === null ? 'Foreground' : labelText(label, names).replace(/^label/, 'Label');
  const item = new vscode.TreeItem(`${text}: Dice ${diceText(metrics?.dice ?? null)}`, flagged > 0 ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
  item.description = flagged > 0 ? `${flagged} flagged` : 'no slice flagged';
  item.tooltip = metrics ? `TP ${metrics.tp}, FP ${metrics.fp}, FN ${metrics.fn}; IoU ${diceText(metrics.iou)}; mean slice Dice ${diceText(metrics.meanSliceDice)}` : undefined;
  const worst = worstSlice(result, result.flagged, label);
  // Choosing a label shows its worst slice: the quickest way into what is wrong with it.
  if (worst !== undefined) item.command = { command: REVEAL_COMMAND, title: 'Show Worst Slice', arguments: [active.id, worst.index, label] };
  return item;
}

function flaggedNodes(result: ComparisonResult, keep: (f: ComparisonResult['flagged'][number]) => boolean, underLabel: boolean): Node[] {
  const out: Node[] = [];
  for (const f of result.flagged) {
    if (!keep(f)) continue;
    out.push({ kind: 'slice', label: f.label, index: f.index, errorMm2: f.errorMm2, underLabel });
    if (out.length === MAX_FLAGGED_ITEMS) break;
  }
  return out;
}
