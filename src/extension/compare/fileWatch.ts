// Reacts when a compared file changes on disk (a training run writes a new prediction): one
// callback per burst of change events, after the writer has settled.
import * as vscode from 'vscode';

const SETTLE_MS = 300;

export function watchFiles(uris: readonly vscode.Uri[], onChange: () => void): vscode.Disposable {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const changed = (): void => {
    clearTimeout(timer);
    timer = setTimeout(onChange, SETTLE_MS);
  };
  const watchers = uris.map((uri) => {
    const slash = uri.path.lastIndexOf('/');
    const folder = uri.with({ path: uri.path.slice(0, slash) || '/' });
    // Created as well as changed: many writers replace a file (write elsewhere, then rename).
    const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, uri.path.slice(slash + 1)), false, false, true);
    return vscode.Disposable.from(watcher, watcher.onDidChange(changed), watcher.onDidCreate(changed));
  });
  return new vscode.Disposable(() => {
    clearTimeout(timer);
    for (const w of watchers) w.dispose();
  });
}
