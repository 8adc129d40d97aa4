// maskInspector.exportReport: the active comparison as CSV (one row per label × slice, the CLI's
// --csv), JSON (the CLI's --json schema: the ComparisonResult, with the files' full paths) or a
// Markdown summary. A person picks the format from a list, then the file (named for the pair, with
// that format's extension); the report is written atomically and a message says where, with "Open"
// and "Reveal". A caller passing the target (keybindings, tests) gets the format of its extension.
// With boundary metrics they are the CLI's `--surface` outputs: hd/hd95/assd/nsd columns and
// fields, Infinity as "inf" in JSON.
import * as vscode from 'vscode';
import { caseName } from '../../core/formats/formatTable';
import type { ComparisonResult } from '../../core/metrics/types';
import { formatCsv } from '../../core/report/csv';
import { formatMarkdown } from '../../core/report/markdown';
import { surfaceToJson } from '../../core/surface/json';
import type { SurfaceComparisonResult } from '../../protocol/compare';
import type { Comparison } from './comparison';
import { fileNameOf } from '../maskFiles';
import { surfaceSettings } from './compareSettings';

export type ReportFormat = 'csv' | 'json' | 'markdown';

interface FormatChoice extends vscode.QuickPickItem {
  readonly format: ReportFormat;
  readonly extension: string;
  readonly filterName: string;
}

const FORMATS: readonly FormatChoice[] = [
  { format: 'csv', extension: 'csv', filterName: 'CSV', label: 'CSV', description: '.csv', detail: 'One row per label and slice: TP, FP, FN and Dice (the CLI\'s --csv), for a spreadsheet or pandas' },
  { format: 'json', extension: 'json', filterName: 'JSON', label: 'JSON', description: '.json', detail: 'Every metric, the flagged slices and the conventions (the CLI\'s --json schema), for scripts' },
  { format: 'markdown', extension: 'md', filterName: 'Markdown', label: 'Markdown', description: '.md', detail: 'A summary table per label and the worst slices, for a pull request or a note' },
];

export function formatOf(uri: vscode.Uri): ReportFormat {
  const name = uri.path.toLowerCase();
  if (name.endsWith('.json')) return 'json';
  if (name.endsWith('.md') || name.endsWith('.markdown')) return 'markdown';
  return 'csv';
}

/**
 * Writes the report to `target` (format from its extension) or, without one, asks for the format
 * and then the file, and says where it wrote. Returns the file written.
 */
export async function exportReport(comparison: Comparison, target?: vscode.Uri): Promise<vscode.Uri | undefined> {
  const result = comparison.result;
  if (!result) {
    void vscode.window.showInformationMessage('Mask Inspector: the comparison has no metrics yet to export.');
    return undefined;
  }
  if (target) {
    await writeAtomically(target, render(comparison, result, formatOf(target)));
    return target;
  }
  const choice = await vscode.window.showQuickPick(FORMATS, {
    title: `Export the comparison ${comparison.title}`,
    placeHolder: 'Report format',
  });
  if (!choice) return undefined;
  const base = `${stem(fileNameOf(comparison.reference))}_vs_${stem(fileNameOf(comparison.prediction))}.dice.${choice.extension}`;
  const uri = await vscode.window.showSaveDialog({
    title: `Export the comparison ${comparison.title} as ${choice.label}`,
    saveLabel: 'Export',
    defaultUri: vscode.Uri.joinPath(comparison.reference, '..', base),
    filters: { [choice.filterName]: [choice.extension] },
  });
  if (!uri) return undefined;
  // The format picked is what is written, whatever the name typed.
  await writeAtomically(uri, render(comparison, result, choice.format));
  void announce(uri, choice.label);
  return uri;
}

/** Writes a temporary file beside `uri`, then renames it over `uri`: a reader never sees half a report. */
async function writeAtomically(uri: vscode.Uri, text: string): Promise<void> {
  const temporary = uri.with({ path: `${uri.path}.${process.pid}-${Date.now()}.partial` });
  await vscode.workspace.fs.writeFile(temporary, new TextEncoder().encode(text));
  try {
    await vscode.workspace.fs.rename(temporary, uri, { overwrite: true });
  } catch (e) {
    await vscode.workspace.fs.delete(temporary).then(undefined, () => undefined);
    throw e;
  }
}

/** "Exported … to <path>." with Open, and Reveal in the Explorer (in the workspace) or the OS. */
async function announce(uri: vscode.Uri, formatLabel: string): Promise<void> {
  const inWorkspace = vscode.workspace.getWorkspaceFolder(uri) !== undefined;
  // The OS file manager is reachable only from desktop VS Code on a local file.
  const inOs = !inWorkspace && uri.scheme === 'file' && vscode.env.uiKind === vscode.UIKind.Desktop;
  const reveal = inWorkspace ? 'Reveal in Explorer' : inOs ? revealInOsLabel() : undefined;
  const where = uri.scheme === 'file' ? uri.fsPath : uri.toString();
  const picked = await vscode.window.showInformationMessage(
    `Mask Inspector: exported the ${formatLabel} report to ${where}.`, 'Open', ...(reveal ? [reveal] : []),
  );
  if (picked === 'Open') await vscode.commands.executeCommand('vscode.open', uri);
  else if (picked === 'Reveal in Explorer') await vscode.commands.executeCommand('revealInExplorer', uri);
  else if (picked !== undefined) await vscode.commands.executeCommand('revealFileInOS', uri);
}

function revealInOsLabel(): string {
  return process.platform === 'darwin' ? 'Reveal in Finder' : process.platform === 'win32' ? 'Reveal in File Explorer' : 'Open Containing Folder';
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
