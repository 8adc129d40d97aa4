// What a person sees while a comparison reads its files: a status-bar spinner with the megabytes
// read of the total, and, once the worker has read the headers and the pair turns out big, a
// notification with the same count and a Cancel button that stops the read. The size is unknown
// until the headers are parsed (a 0.6 MB .nii.gz can hold 80 MB of voxels), hence the two steps.
import * as vscode from 'vscode';
import type { BytesRead } from '../workerChannel';

export interface ReadProgressOptions {
  readonly title: string;
  /** Pairs with at least this many voxel bytes get the cancellable notification. */
  readonly notifyAboveBytes: number;
  /** Aborted when the person presses Cancel. */
  readonly controller: AbortController;
  /** Every update, for the comparison's own loading view. */
  readonly onUpdate: (message: string, fraction: number) => void;
}

export interface ReadProgress {
  readonly report: (fraction: number, bytes?: BytesRead) => void;
  /** Closes the spinner and the notification. */
  readonly done: () => void;
}

const mb = (bytes: number): string => (bytes / 2 ** 20).toFixed(bytes < 10 * 2 ** 20 ? 1 : 0);

/** "Read 12 of 157 MB" */
export function readMessage(bytes: BytesRead): string {
  return `Read ${mb(bytes.read)} of ${mb(bytes.total)} MB`;
}

export function showReadProgress(o: ReadProgressOptions): ReadProgress {
  type Report = (message: string, fraction: number) => void;
  const reporters: Report[] = [];
  let finish: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => (finish = resolve));
  let closed = false;
  let notifying = false;
  let last = { message: 'Reading the files…', fraction: 0 };

  const open = (location: vscode.ProgressLocation, cancellable: boolean): void => {
    void vscode.window.withProgress({ location, title: `Mask Inspector: reading ${o.title}`, cancellable }, async (progress, token) => {
      token.onCancellationRequested(() => o.controller.abort('user'));
      let reported = 0;
      const report: Report = (message, fraction) => {
        progress.report({ increment: Math.max(0, fraction - reported) * 100, message });
        reported = Math.max(reported, fraction);
      };
      report(last.message, last.fraction);
      reporters.push(report);
      await finished;
    });
  };
  open(vscode.ProgressLocation.Window, false);

  return {
    report(fraction, bytes) {
      if (closed) return;
      const message = bytes ? readMessage(bytes) : `${Math.round(fraction * 100)}%`;
      last = { message, fraction };
      if (!notifying && bytes && bytes.total >= o.notifyAboveBytes) {
        notifying = true;
        open(vscode.ProgressLocation.Notification, true);
      }
      for (const r of reporters) r(message, fraction);
      o.onUpdate(message, fraction);
    },
    done() {
      closed = true;
      finish();
    },
  };
}
