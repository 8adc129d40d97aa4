// Finds and reads a mask's label names through vscode.workspace.fs (so remote workspaces work):
// the `maskInspector.labelFile` setting if set, else the first file from the core's lookup order;
// then the `maskInspector.labelNames` setting on top. Parsing is the core's.
import * as vscode from 'vscode';
import { findLabelFile, labelFileResult } from '../../core/labels/lookup';
import { labelNamesFromSetting, mergeLabelTables, type LabelTable } from '../../core/labels/parse';
import { labelSettings } from '../settings';

export interface FoundLabels {
  readonly table: LabelTable;
  /** The file the names came from, if any. */
  readonly file?: vscode.Uri;
  /** A label file that exists but could not be used; the mask still opens. */
  readonly problem?: string;
}

export async function loadLabelNames(maskUri: vscode.Uri): Promise<FoundLabels> {
  const settings = labelSettings(maskUri);
  const fromSetting = labelNamesFromSetting(settings.names);
  const found = settings.file ? await explicitFile(maskUri, settings.file) : await firstCandidate(maskUri);
  return { ...found, table: mergeLabelTables(found.table, fromSetting) };
}

async function explicitFile(maskUri: vscode.Uri, setting: string): Promise<FoundLabels> {
  const uri = resolveSettingPath(maskUri, setting);
  const text = await readText(uri);
  if (text === undefined) {
    return { table: new Map(), problem: `The label file ${setting} (maskInspector.labelFile) was not found.` };
  }
  return parse(uri, text);
}

function firstCandidate(maskUri: vscode.Uri): Promise<FoundLabels> {
  const folder = vscode.Uri.joinPath(maskUri, '..');
  const maskName = maskUri.path.slice(maskUri.path.lastIndexOf('/') + 1);
  return findLabelFile(maskName, async (relative) => {
    const uri = vscode.Uri.joinPath(folder, relative);
    const text = await readText(uri);
    return text === undefined ? undefined : { file: uri, name: vscode.workspace.asRelativePath(uri), text };
  });
}

function parse(uri: vscode.Uri, text: string): FoundLabels {
  return labelFileResult(uri, uri.path, text, vscode.workspace.asRelativePath(uri));
}

/** Absolute paths as they are; relative ones against the mask's workspace folder (else its folder). */
function resolveSettingPath(maskUri: vscode.Uri, setting: string): vscode.Uri {
  if (setting.startsWith('/')) return maskUri.with({ path: setting });
  if (/^[A-Za-z]:[\\/]/.test(setting)) return maskUri.with({ path: '/' + setting.replace(/\\/g, '/') });
  const root = vscode.workspace.getWorkspaceFolder(maskUri)?.uri ?? vscode.Uri.joinPath(maskUri, '..');
  return vscode.Uri.joinPath(root, setting);
}

async function readText(uri: vscode.Uri): Promise<string | undefined> {
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch (e) {
    if (e instanceof vscode.FileSystemError) return undefined;
    throw e;
  }
}
