// The comparison's commands: starting one (palette with optional URIs, the Explorer's two-file
// selection, "Compare With…" on an open mask), swapping roles, walking the low-Dice slices,
// switching to the overlay, recomputing and exporting. Navigation acts on the active comparison.
import * as vscode from 'vscode';
import { labelText, problemRuleText } from '../../core/report/sliceText';
import type { ComparisonManager, ManagedComparison } from './comparisonManager';
import { exportReport } from './exportReport';
import { stepProblem, worstSlice, type SliceRef } from './navigation';
import { problemRefs } from './report';
import type { ReportDocuments } from './reportDocuments';
import { pickMask, pickOtherMask } from './pickMasks';

export function registerCompareCommands(manager: ComparisonManager, reports: ReportDocuments): vscode.Disposable {
  const onActive = (run: (m: ManagedComparison) => unknown) => () => {
    const active = manager.active;
    if (!active) {
      void vscode.window.showInformationMessage('Mask Inspector: open a comparison first (select two masks in the Explorer, then "Compare Masks").');
      return undefined;
    }
    return run(active);
  };
  return vscode.Disposable.from(
    vscode.commands.registerCommand('maskInspector.compare', (first?: unknown, second?: unknown) => compareCommand(manager, first, second)),
    vscode.commands.registerCommand('maskInspector.compareWith', (uri?: unknown) => compareWith(manager, uri)),
    vscode.commands.registerCommand('maskInspector.swapComparison', onActive((m) => m.comparison.swap())),
    vscode.commands.registerCommand('maskInspector.recomputeComparison', onActive((m) => m.comparison.recompute())),
    vscode.commands.registerCommand('maskInspector.toggleComparisonOverlay', onActive((m) => m.panel.setMode(m.panel.shown.mode === 'overlay' ? 'sideBySide' : 'overlay'))),
    vscode.commands.registerCommand('maskInspector.goToWorstSlice', onActive((m) => goToWorst(m, problemsOf(reports, m)))),
    vscode.commands.registerCommand('maskInspector.nextLowDiceSlice', onActive((m) => step(m, problemsOf(reports, m), 1))),
    vscode.commands.registerCommand('maskInspector.previousLowDiceSlice', onActive((m) => step(m, problemsOf(reports, m), -1))),
    vscode.commands.registerCommand('maskInspector.exportReport', (target?: unknown) => {
      const active = manager.active;
      if (!active) return void vscode.window.showInformationMessage('Mask Inspector: open a comparison to export its report.');
      return exportReport(active.comparison, target instanceof vscode.Uri ? target : undefined);
    }),
  );
}

/**
 * maskInspector.compare: (reference, prediction) from keybindings, other extensions and tests;
 * (clicked, [selected…]) from the Explorer's context menu, the first selected being the reference;
 * nothing from the palette, which asks for the files.
 */
async function compareCommand(manager: ComparisonManager, first?: unknown, second?: unknown): Promise<void> {
  let pair: readonly [vscode.Uri, vscode.Uri] | undefined;
  if (Array.isArray(second)) {
    const selected = second.filter((u): u is vscode.Uri => u instanceof vscode.Uri);
    if (selected.length !== 2) {
      void vscode.window.showInformationMessage(`Mask Inspector: select exactly two masks to compare (${selected.length} selected).`);
      return;
    }
    pair = [selected[0]!, selected[1]!];
  } else if (first instanceof vscode.Uri && second instanceof vscode.Uri) {
    pair = [first, second];
  } else {
    const reference = first instanceof vscode.Uri ? first : await pickMask('Compare Masks: the reference (ground truth)', 'The reference mask (ground truth)');
    const prediction = reference && (await pickOtherMask(reference));
    if (reference && prediction) pair = [reference, prediction];
  }
  if (!pair) return;
  await manager.compare(pair[0], pair[1]).ready;
}

/** "Compare With…" on an open mask: that mask is the reference. */
async function compareWith(manager: ComparisonManager, uri?: unknown): Promise<void> {
  const reference = uri instanceof vscode.Uri ? uri : activeMaskUri();
  if (!reference) return compareCommand(manager);
  const prediction = await pickOtherMask(reference);
  if (prediction) await manager.compare(reference, prediction).ready;
}

function activeMaskUri(): vscode.Uri | undefined {
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  return input instanceof vscode.TabInputCustom ? input.uri : undefined;
}

/** The comparison's problems in the Problems panel's order (its report document's lines). */
function problemsOf(reports: ReportDocuments, m: ManagedComparison): SliceRef[] {
  const report = reports.reportOf(m.id);
  return report ? problemRefs(report) : [];
}

/** The label navigation keeps to: the shown one when restricted (toolbar toggle or setting), else any. */
function restriction(m: ManagedComparison): SliceRef['label'] | undefined {
  return m.panel.navigateSelectedLabelOnly ? m.panel.shown.label : undefined;
}

function goToWorst(m: ManagedComparison, problems: readonly SliceRef[]): void {
  const result = m.comparison.result;
  if (!result) return;
  const only = restriction(m);
  const worst = worstSlice(result, problems, only);
  if (worst === undefined) {
    const what = only === undefined ? 'any label' : `the ${labelText(only, m.comparison.names)}`;
    void vscode.window.showInformationMessage(`Mask Inspector: neither mask has ${what} in any ${result.plane} slice.`);
    return;
  }
  m.panel.reveal(worst.index, worst.label);
}

function step(m: ManagedComparison, problems: readonly SliceRef[], direction: 1 | -1): void {
  const result = m.comparison.result;
  if (!result) return;
  const only = restriction(m);
  const next = stepProblem(problems, m.panel.shown, direction, only);
  if (next === undefined) {
    const what = only === undefined ? 'of any label' : `of the ${labelText(only, m.comparison.names)}`;
    void vscode.window.showInformationMessage(`Mask Inspector: no ${result.plane} slice ${what} is flagged (${problemRuleText(result.threshold, result.minErrorMm2)}).`);
    return;
  }
  m.panel.reveal(next.index, next.label);
}
