// Internal commands the integration tests use to see inside the comparison (not contributed, so
// they never show in the palette): live worker threads, each comparison's state, what its webview
// reported, its report URI, a probe of the colours the webview drew, and a worker that dies as out
// of memory would kill it, then the error view's Reopen.
import * as vscode from 'vscode';
import type { Vec3 } from '../../core/volume';
import type { SurfaceStatus } from '../../protocol/compare';
import type { LabelNamesInfo, Plane } from '../../protocol/viewer';
import type { ComparisonManager } from './comparisonManager';
import type { CompareProbeResult, CompareRendered, Shown } from './comparisonPanel';
import { liveCompareWorkerCount } from './compareWorker';
import type { ReportDocuments } from './reportDocuments';

export interface CompareTestState {
  readonly liveWorkers: number;
  readonly activeId: number | undefined;
  readonly comparisons: readonly {
    readonly id: number;
    readonly reference: string;
    readonly prediction: string;
    readonly state: 'loading' | 'error' | 'ready';
    readonly message?: string; // what the loading or error view says
    readonly shown: Shown;
    readonly rendered: CompareRendered | undefined;
    readonly starts: number;
    readonly reportUri?: string;
    readonly background?: string;
    readonly surface: SurfaceStatus;
    readonly labelNames: LabelNamesInfo;
    readonly names: readonly (readonly [number, string])[];
    /** Slices held by each post of the strip while the last read ran (-1: the plane cuts across it). */
    readonly readingPosts: readonly number[];
    /** Reports of the panes drawn with slices while the files were still read. */
    readonly renderedWhileReading: number;
    readonly readyWhileReading: boolean;
  }[];
}

export function registerCompareTestHooks(manager: ComparisonManager, reports: ReportDocuments): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand('maskInspector._testCompareState', (): CompareTestState => ({
      liveWorkers: liveCompareWorkerCount(),
      activeId: manager.active?.id,
      comparisons: manager.all.map((m) => {
        const state = m.comparison.state;
        return {
          id: m.id,
          reference: m.comparison.reference.toString(),
          prediction: m.comparison.prediction.toString(),
          state: state.kind,
          ...(state.kind === 'ready' ? {} : { message: state.message }),
          shown: m.panel.shown,
          rendered: m.panel.lastRendered,
          starts: m.panel.starts,
          ...(reports.uriOf(m.id) ? { reportUri: reports.uriOf(m.id)!.toString() } : {}),
          ...(m.comparison.background ? { background: m.comparison.background.fileName } : {}),
          surface: m.comparison.surfaceStatus,
          labelNames: m.comparison.labelNames,
          names: [...m.comparison.names],
          readingPosts: m.comparison.readingPosts,
          renderedWhileReading: m.panel.renderedWhileReading,
          readyWhileReading: m.panel.readyWhileReading,
        };
      }),
    })),
    vscode.commands.registerCommand('maskInspector._testCrashCompareWorker', (): void => {
      if (!manager.active) throw new Error('no comparison is open');
      manager.active.comparison.crashWorkerForTest();
    }),
    // What the error view's Reopen button posts (the button itself is tested in Chromium).
    vscode.commands.registerCommand('maskInspector._testCompareReopen', (): Promise<void> => {
      if (!manager.active) throw new Error('no comparison is open');
      return manager.active.comparison.reopen();
    }),
    vscode.commands.registerCommand(
      'maskInspector._testCompareProbe',
      (pane: CompareProbeResult['pane'], plane: Plane, index: number, voxels: Vec3[]): Promise<CompareProbeResult> => {
        const active = manager.active;
        if (!active) throw new Error('no comparison is open');
        return active.panel.probe(pane, plane, index, voxels);
      },
    ),
  );
}
