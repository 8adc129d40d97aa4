// Problems-panel diagnostics for every open comparison. VS Code attaches a diagnostic to a text
// resource, and a custom editor is never told which problem was clicked, so each comparison gets a
// read-only virtual document (scheme mask-inspector-report) whose lines are its flagged slices; a
// diagnostic sits on its slice's line. Opening that document at a line (what a click in the
// Problems panel does) is how we learn which slice to show (see reportNavigation.ts).
import * as vscode from 'vscode';
import type { ComparisonResult } from '../../core/metrics/types';
import { fileNameOf } from '../maskFiles';
import type { ComparisonManager, ManagedComparison } from './comparisonManager';
import { diagnosticSeverity, maxDiagnostics, surfaceSettings } from './compareSettings';
import { buildReport, entryAt, type Report, type ReportEntry } from './report';

export const REPORT_SCHEME = 'mask-inspector-report';
export const DIAGNOSTIC_SOURCE = 'Mask Inspector';

interface Published {
  readonly uri: vscode.Uri;
  readonly result: ComparisonResult;
  readonly report: Report;
}

/**
 * The report URI of comparison `id`. Its path is only the document's name, which the Problems
 * panel and the tab show ("a.nii.gz vs b.nii.gz - low-Dice slices.txt", no folder such as "/1");
 * the comparison's id rides in the query, which keeps two comparisons of same-named files apart.
 * The name must not end like a mask (".nii.gz"), or VS Code would open it with the mask viewer.
 */
export function reportUri(id: number, reference: vscode.Uri, prediction: vscode.Uri): vscode.Uri {
  return vscode.Uri.from({ scheme: REPORT_SCHEME, path: `/${reportName(fileNameOf(reference), fileNameOf(prediction))}`, query: `comparison=${id}` });
}

/** The report document's name for a pair of mask file names. */
function reportName(reference: string, prediction: string): string {
  return `${reference} vs ${prediction} - low-Dice slices.txt`;
}

export function comparisonIdOf(uri: vscode.Uri): number | undefined {
  if (uri.scheme !== REPORT_SCHEME) return undefined;
  const match = /(?:^|&)comparison=(\d+)(?:&|$)/.exec(uri.query);
  return match ? Number(match[1]) : undefined;
}

export class ReportDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly published = new Map<number, Published>();
  private readonly collection = vscode.languages.createDiagnosticCollection('maskInspector');
  private readonly contentChanged = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.contentChanged.event;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly manager: ComparisonManager) {
    this.disposables.push(
      vscode.workspace.registerTextDocumentContentProvider(REPORT_SCHEME, this),
      manager.onDidChange(() => this.sync()),
    );
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    const id = comparisonIdOf(uri);
    const published = id === undefined ? undefined : this.published.get(id);
    if (!published || published.uri.toString() !== uri.toString()) {
      return 'This comparison is closed. Compare the two masks again to see its flagged slices.\n';
    }
    return published.report.lines.join('\n') + '\n';
  }

  /** The comparison and flagged slice on `line` of report `uri`, if that line is one. */
  entryAt(uri: vscode.Uri, line: number): { readonly comparison: ManagedComparison; readonly entry: ReportEntry } | undefined {
    const id = comparisonIdOf(uri);
    const published = id === undefined ? undefined : this.published.get(id);
    const comparison = id === undefined ? undefined : this.manager.byId(id);
    if (!published || !comparison || published.uri.toString() !== uri.toString()) return undefined;
    const entry = entryAt(published.report, line);
    return entry ? { comparison, entry } : undefined;
  }

  /** The published report of comparison `id` (its problems in the Problems panel's order). */
  reportOf(id: number): Report | undefined {
    return this.published.get(id)?.report;
  }

  uriOf(id: number): vscode.Uri | undefined {
    return this.published.get(id)?.uri;
  }

  /** Re-publishes after a setting that shapes diagnostics changed. */
  refreshAll(): void {
    for (const [id, p] of this.published) {
      this.collection.delete(p.uri);
      this.published.delete(id);
    }
    this.sync();
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
    this.collection.dispose();
    this.contentChanged.dispose();
  }

  /** Publishes new results, withdraws the closed and failed ones. Cheap when nothing changed. */
  private sync(): void {
    const live = new Map(this.manager.all.map((m) => [m.id, m] as const));
    for (const [id, p] of this.published) {
      const m = live.get(id);
      if (!m || m.comparison.result !== p.result) {
        this.collection.delete(p.uri);
        this.published.delete(id);
        if (!m || m.comparison.result === undefined) this.contentChanged.fire(p.uri);
      }
    }
    for (const m of live.values()) {
      const result = m.comparison.result;
      if (result && !this.published.has(m.id)) this.publish(m, result);
    }
  }

  private publish(m: ManagedComparison, result: ComparisonResult): void {
    const { reference, prediction, names } = m.comparison;
    const uri = reportUri(m.id, reference, prediction);
    const report = buildReport(result, {
      referenceName: vscode.workspace.asRelativePath(reference),
      predictionName: vscode.workspace.asRelativePath(prediction),
      names,
      maxDiagnostics: maxDiagnostics(reference),
      hd95LimitMm: surfaceSettings(reference).hd95LimitMm,
    });
    const severity = diagnosticSeverity(reference);
    const diagnostics = report.entries.slice(0, report.listed).map((e) => diagnostic(e.line, e.message, severity, report.lines[e.line]!.length));
    if (report.summary) {
      diagnostics.push(diagnostic(report.summary.line, report.summary.message, vscode.DiagnosticSeverity.Information, report.lines[report.summary.line]!.length));
    }
    this.published.set(m.id, { uri, result, report });
    this.collection.set(uri, diagnostics);
    this.contentChanged.fire(uri);
  }
}

function diagnostic(line: number, message: string, severity: vscode.DiagnosticSeverity, length: number): vscode.Diagnostic {
  const d = new vscode.Diagnostic(new vscode.Range(line, 0, line, length), message, severity);
  d.source = DIAGNOSTIC_SOURCE;
  return d;
}
