// Everything issue 4 adds to the extension host, wired together: the comparison editors, their
// diagnostics and report documents, Problems-panel navigation, the tree view, the status bar,
// commands, the shared-grid offer and the public API that activate() returns.
import * as vscode from 'vscode';
import { affectsLabelSettings } from '../settings';
import { dialogFilters } from '../../core/formats/formatTable';
import type { CompareCommand } from '../../protocol/compare';
import type { ViewerProvider } from '../viewer/viewerProvider';
import { createApi, type MaskInspectorApi } from './api';
import { registerCompareCommands } from './compareCommands';
import { affectsCompareDisplay, affectsDiagnostics, affectsMetrics, affectsSurface } from './compareSettings';
import { COMPARISON_VIEW_TYPE, ComparisonManager } from './comparisonManager';
import { ComparisonTree, REVEAL_COMMAND, TREE_VIEW_ID } from './comparisonTree';
import { ReportDocuments } from './reportDocuments';
import { registerReportNavigation } from './reportNavigation';
import { registerSharedGridOffer } from './sharedGridOffer';
import { registerStatusBar } from './statusBar';
import { registerCompareTestHooks } from './testHooks';
import { registerComparisonSerializer } from './comparisonSerializer';
import type { LabelNameChoices } from '../viewer/labelChoice';
import type { VolumeCache } from '../volumeCache';
import { USE_LABEL_NAMES_COMMAND, useLabelNamesFrom } from '../viewer/useLabelNamesCommand';

const WEBVIEW_COMMANDS: Record<CompareCommand, string> = {
  swap: 'maskInspector.swapComparison',
  exportReport: 'maskInspector.exportReport',
  goToWorstSlice: 'maskInspector.goToWorstSlice',
  nextLowDiceSlice: 'maskInspector.nextLowDiceSlice',
  previousLowDiceSlice: 'maskInspector.previousLowDiceSlice',
  setBackground: 'maskInspector._setBackgroundComparison',
  clearBackground: 'maskInspector._clearBackgroundComparison',
};

export function registerCompare(
  context: vscode.ExtensionContext,
  provider: ViewerProvider,
  log: (message: string) => void,
  labelChoices: LabelNameChoices,
  cache: VolumeCache,
): MaskInspectorApi {
  // Webview buttons run the same commands as the palette, on the active comparison: the one whose
  // webview has focus.
  const manager = new ComparisonManager(context, log, (_panel, command) => void vscode.commands.executeCommand(WEBVIEW_COMMANDS[command]), labelChoices, cache);
  const reports = new ReportDocuments(manager);
  const tree = new ComparisonTree(manager);
  context.subscriptions.push(
    manager,
    reports,
    tree,
    vscode.window.registerTreeDataProvider(TREE_VIEW_ID, tree),
    registerReportNavigation(reports),
    registerStatusBar(manager),
    registerCompareCommands(manager, reports),
    registerSharedGridOffer(context, provider, manager),
    registerCompareTestHooks(manager, reports),
    registerComparisonSerializer(manager),
    vscode.commands.registerCommand(USE_LABEL_NAMES_COMMAND, (uri?: unknown, choice?: unknown) =>
      useLabelNamesFrom(labelChoices, maskInFront(provider, manager), uri instanceof vscode.Uri ? uri : undefined, choice)),
    // Names come with the volumes: read the files again (rare, and cheap next to a person's choice).
    labelChoices.onDidChange(() => {
      for (const m of manager.all) void m.comparison.reload();
    }),
    vscode.commands.registerCommand(REVEAL_COMMAND, (id: number, index: number, label: number | null) => manager.byId(id)?.panel.reveal(index, label)),
    vscode.commands.registerCommand('maskInspector._setBackgroundComparison', async () => {
      const active = manager.active;
      if (!active) return;
      const picked = await vscode.window.showOpenDialog({
        title: `Background image for ${active.comparison.title}`,
        openLabel: 'Set Background',
        canSelectMany: false,
        defaultUri: vscode.Uri.joinPath(active.comparison.reference, '..'),
        filters: dialogFilters('Images'),
      });
      if (picked?.[0]) await active.comparison.setBackground(picked[0]);
    }),
    vscode.commands.registerCommand('maskInspector._clearBackgroundComparison', () => manager.active?.comparison.clearBackground()),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('maskInspector.comparePlane')) for (const m of manager.all) m.comparison.followPlaneSetting();
      if (affectsMetrics(e)) for (const m of manager.all) void m.comparison.recompute();
      if (affectsCompareDisplay(e)) for (const m of manager.all) m.panel.sendSettings();
      if (e.affectsConfiguration('maskInspector.navigateSelectedLabelOnly')) for (const m of manager.all) m.panel.followNavigationSetting();
      // New boundary metrics when what they measure changed; the HD95 limit only re-flags (and the
      // side panel marks slices above it), from the per-slice values already there.
      if (affectsSurface(e)) {
        for (const m of manager.all) {
          void m.comparison.recomputeSurface();
          m.panel.sendSettings();
        }
      }
      if (affectsDiagnostics(e) || affectsSurface(e)) reports.refreshAll();
      // Names come with the volumes: read the files again (rare, and cheap next to a person's edit).
      if (affectsLabelSettings(e)) for (const m of manager.all) void m.comparison.reload();
    }),
  );
  return createApi(manager);
}

/** The mask in front: the active tab's viewer, or the active comparison's reference. */
function maskInFront(provider: ViewerProvider, manager: ComparisonManager): vscode.Uri | undefined {
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  if (input instanceof vscode.TabInputCustom) return input.uri;
  if (input instanceof vscode.TabInputWebview && input.viewType.endsWith(COMPARISON_VIEW_TYPE)) return manager.active?.comparison.reference;
  return provider.activePanel?.document.uri ?? manager.active?.comparison.reference;
}
