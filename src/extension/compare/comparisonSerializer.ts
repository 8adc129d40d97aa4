// Brings comparisons back after Developer: Reload Window and after a restart. VS Code keeps each
// comparison panel's webview state (saved by the webview with setState: the two files, plane,
// slice, label, mode, zoom) and, on start, activates the extension (onWebviewPanel activation
// event) and hands the panel and that state to this serializer, the way VS Code's own markdown and
// media previews come back. The comparison is read and computed again, so its problems, tree and
// status bar return with it; a file that is gone meanwhile shows the error view in that panel.
import * as vscode from 'vscode';
import { comparedFilesOf } from '../../protocol/compare';
import { COMPARISON_VIEW_TYPE, type ComparisonManager } from './comparisonManager';

export function registerComparisonSerializer(manager: ComparisonManager): vscode.Disposable {
  return vscode.window.registerWebviewPanelSerializer(COMPARISON_VIEW_TYPE, {
    deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
      const files = comparedFilesOf(state);
      // A panel saved before its webview named its files: nothing to reopen it from.
      if (!files) {
        panel.dispose();
        return Promise.resolve();
      }
      // Not awaiting the metrics: the window should not wait for a large pair to be counted.
      manager.restore(panel, files);
      return Promise.resolve();
    },
  });
}
