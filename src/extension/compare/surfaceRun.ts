// Running a comparison's boundary metrics (HD, HD95, ASSD, NSD) after its Dice metrics: the
// progress shown (a status-bar spinner, or a cancellable notification for big pairs, as for Dice)
// and the status the webview and the tests read. The Comparison decides when; this does one run.
import * as vscode from 'vscode';
import type { SurfaceComparisonResult, SurfaceStatus } from '../../protocol/compare';
import type { CompareWorker } from './compareWorker';
import type { SurfaceSettings } from './compareSettings';

export interface SurfaceRunOptions {
  readonly worker: CompareWorker;
  readonly settings: SurfaceSettings;
  readonly title: string;
  /** Big pairs get a cancellable notification; small ones a spinner in the status bar. */
  readonly notify: boolean;
  readonly controller: AbortController;
  readonly onStatus: (status: SurfaceStatus) => void;
}

/** Measures, reporting progress; rejects when the worker fails or `controller` aborts. */
export async function runSurface(o: SurfaceRunOptions): Promise<SurfaceComparisonResult> {
  const progressOptions = {
    location: o.notify ? vscode.ProgressLocation.Notification : vscode.ProgressLocation.Window,
    title: `Mask Inspector: surface distances of ${o.title}`,
    cancellable: o.notify,
  };
  return await vscode.window.withProgress(progressOptions, async (progress, token) => {
    token.onCancellationRequested(() => o.controller.abort('user'));
    let reported = 0;
    o.onStatus({ kind: 'computing', fraction: 0 });
    // Per slice always: the side panel shows this slice's 2-D HD95, flagHd95AboveMm needs it, and
    // the export then matches the CLI's `--surface --json` / `--csv` field for field.
    return o.worker.surface(o.settings.toleranceMm, true, (fraction) => {
      progress.report({ increment: (fraction - reported) * 100, message: `${Math.round(fraction * 100)}%` });
      reported = fraction;
      o.onStatus({ kind: 'computing', fraction });
    }, o.controller.signal);
  });
}

/** Whether a surface run with `a` gives the numbers one with `b` gave (the HD95 limit only flags). */
export function sameMeasurement(a: SurfaceSettings, b: SurfaceSettings | undefined): boolean {
  return b !== undefined && a.enabled === b.enabled && (!a.enabled || a.toleranceMm === b.toleranceMm);
}
