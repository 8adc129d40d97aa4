// A status-bar item with the active comparison's volume Dice for the label it shows (or the
// foreground); clicking it goes to that label's worst slice.
import * as vscode from 'vscode';
import { diceText, labelText, problemRuleText } from '../../core/report/sliceText';
import type { ComparisonManager } from './comparisonManager';

export function registerStatusBar(manager: ComparisonManager): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('maskInspector.comparisonDice', vscode.StatusBarAlignment.Right, 100);
  item.name = 'Mask Inspector: Dice';
  item.command = 'maskInspector.goToWorstSlice';
  const update = (): void => {
    const active = manager.active;
    if (!active) {
      item.hide();
      return;
    }
    const { comparison, panel } = active;
    const result = comparison.result;
    if (!result) {
      item.text = comparison.state.kind === 'error' ? '$(error) Dice n/a' : '$(loading~spin) Dice…';
      item.tooltip = comparison.state.kind === 'error' ? comparison.state.message : `Comparing ${comparison.title}`;
    } else {
      const label = panel.shown.label;
      const metrics = label === null ? result.foreground : result.labels.find((l) => l.label === label);
      const what = labelText(label, comparison.names);
      item.text = `$(pie-chart) Dice ${diceText(metrics?.dice ?? null)}`;
      const flagged = result.flagged.filter((f) => f.label === label).length;
      const rule = problemRuleText(result.threshold, result.minErrorMm2);
      item.tooltip = `${comparison.title}: volume Dice of the ${what} ${diceText(metrics?.dice ?? null, undefined)}; ${flagged} of its ${result.plane} slices flagged (${rule}), ${result.flagged.length} over all labels. Click to go to the worst slice.`;
    }
    item.show();
  };
  update();
  return vscode.Disposable.from(item, manager.onDidChange(update));
}
