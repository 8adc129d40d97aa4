// Clicking a problem in the Problems panel opens its report document with the problem's line
// selected. We watch for that (the report editor appearing, or its selection moving), show the
// slice on that line in the comparison editor, and close the report again when it was only a
// preview, so the person lands on the comparison. A report tab the person pinned stays.
import * as vscode from 'vscode';
import { REPORT_SCHEME, type ReportDocuments } from './reportDocuments';

/** The same line reported by several events within this window is handled once. */
const SAME_EVENT_MS = 300;

export function registerReportNavigation(reports: ReportDocuments): vscode.Disposable {
  let last: { key: string; at: number } | undefined;

  const follow = (editor: vscode.TextEditor | undefined): void => {
    if (!editor || editor.document.uri.scheme !== REPORT_SCHEME) return;
    const line = editor.selection.active.line;
    const key = `${editor.document.uri.toString()}#${line}`;
    const now = Date.now();
    if (last && last.key === key && now - last.at < SAME_EVENT_MS) return;
    const found = reports.entryAt(editor.document.uri, line);
    if (!found) return;
    last = { key, at: now };
    // Close the preview first: its group then shows the comparison again (the editor before it),
    // and the reveal below does not race the report's opening.
    void closePreviewTabs(editor.document.uri).then(() => found.comparison.panel.reveal(found.entry.index, found.entry.label));
  };

  // Only editors that just appeared, or a selection that moved: a report someone keeps open beside
  // the comparison must not pull the comparison forward whenever other editors come and go.
  let visible = new Set<vscode.TextEditor>(vscode.window.visibleTextEditors);
  return vscode.Disposable.from(
    vscode.window.onDidChangeTextEditorSelection((e) => follow(e.textEditor)),
    vscode.window.onDidChangeVisibleTextEditors((editors) => {
      for (const editor of editors) if (!visible.has(editor)) follow(editor);
      visible = new Set(editors);
    }),
  );
}

/** The tab model can trail the editor events by a moment: look a few times before giving up. */
async function closePreviewTabs(uri: vscode.Uri, attempts = 5): Promise<void> {
  for (let n = 0; n < attempts; n++) {
    const tabs = vscode.window.tabGroups.all
      .flatMap((g) => g.tabs)
      .filter((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === uri.toString());
    if (tabs.length > 0) {
      const previews = tabs.filter((t) => t.isPreview);
      if (previews.length > 0) await vscode.window.tabGroups.close(previews, true);
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
