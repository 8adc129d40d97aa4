// Progress for loading a volume: a status-bar spinner at once, and a notification as well when the
// load is still running after a moment. File size on disk does not predict the wait: a 512×512×1000
// mask can be a 2 MB .nii.gz that takes seconds to decode.
import * as vscode from 'vscode';

const NOTIFY_AFTER_MS = 800;

export async function withLoadProgress<T>(title: string, work: (report: (message: string) => void) => Promise<T>): Promise<T> {
  let lastMessage = '';
  let notification: vscode.Progress<{ message?: string }> | undefined;
  let finish: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => (finish = resolve));
  const timer = setTimeout(() => {
    void vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title }, (progress) => {
      notification = progress;
      progress.report({ message: lastMessage });
      return finished;
    });
  }, NOTIFY_AFTER_MS);
  try {
    return await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title }, (statusBar) =>
      work((message) => {
        lastMessage = message;
        statusBar.report({ message });
        notification?.report({ message });
      }),
    );
  } finally {
    clearTimeout(timer);
    finish();
  }
}
