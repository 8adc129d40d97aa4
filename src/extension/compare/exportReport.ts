// maskInspector.exportReport: the active comparison as CSV (one row per label × slice, the CLI's
// --csv), JSON (the CLI's --json schema: the ComparisonResult, with the files' full paths) or a
// Markdown summary. The format follows the chosen file's extension. With boundary metrics they are
// the CLI's `--surface` outputs: hd/hd95/assd/nsd columns and fields, Infinity as "inf" in JSON.
import * as vscode from 'vscode';
import { caseName } from '../../core/formats/formatTable';
import type { ComparisonResult } from '../../core/metrics/types';
import { formatCsv } from '../../core/report/csv';
import { formatMarkdown } from '../../core/report/markdown';
import { surfaceToJson } from '../../core/surface/json';
import type { SurfaceComparisonResult } from '../../protocol/compare';
import { fileNameOf, type Comparison } from './comparison';
import { surfaceSettings } from './compareSettings';

export type ReportFormat = 'csv' | 'json' | 'markdown';

const FILTERS: Record<string, string[]> = { CSV: ['csv'], JSON: ['json'], Markdown: ['md'] };

export function formatOf(uri: vscode.Uri): ReportFormat {
  const name = uri.path.toLowerCase();
  if (name.endsWith('.json')) return 'json';
  if (name.endsWith('.md') || name.endsWith('.markdown')) return 'markdown';
  return 'csv';
}

/** Asks where to save (unless `target` is given) and writes the report; returns the file written. */
export async function exportReport(comparison: Comparison, target?: vscode.Uri): Promise<vscode.Uri | undefined> {
  const result = comparison.result;
  if (!result) {
    void vscode.window.showInformationMessage('Mask Inspector: the comparison has no metrics yet to export.');
    return undefined;
  }
  const base = `${stem(fileNameOf(comparison.reference))}_vs_${stem(fileNameOf(comparison.prediction))}.dice.csv`;
  const uri =
    target ??
    (await vscode.window.showSaveDialog({
      title: `Export the comparison ${comparison.title}`,
      saveLabel: 'Export',
      defaultUri: vscode.Uri.joinPath(comparison.reference, '..', base),
      filters: FILTERS,
    }));
  if (!uri) return undefined;
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(render(comparison, result, formatOf(uri))));
  return uri;
}

export function render(comparison: Comparison, result: ComparisonResult | SurfaceComparisonResult, format: ReportFormat): string {
  switch (format) {
    case 'csv': return formatCsv(result);
    case 'json': {
      // The worker only knows file names; the CLI reports paths, and so does the export.
      const withPaths = {
        ...result,
        reference: { ...result.reference, path: displayPath(comparison.reference) },
        prediction: { ...result.prediction, path: displayPath(comparison.prediction) },
      };
      // JSON.stringify would write Infinity (one mask empty) as null, which means "both empty".
      return surfaceToJson(withPaths, 2) + '\n';
    }
    case 'markdown':
      return formatMarkdown(result, {
        names: comparison.names,
        referenceName: vscode.workspace.asRelativePath(comparison.reference),
        predictionName: vscode.workspace.asRelativePath(comparison.prediction),
        hd95LimitMm: surfaceSettings(comparison.reference).hd95LimitMm,
      });
  }
}

function displayPath(uri: vscode.Uri): string {
  return uri.scheme === 'file' ? uri.fsPath : uri.toString();
}

function stem(name: string): string {
  return caseName(name);
}
