// Finds and reads a mask's label names through vscode.workspace.fs (so remote workspaces work): what
// the person chose with "Use Label Names From…" (a preset, a file, or none) if anything, else the
// `maskInspector.labelFile` setting if set, else the first file from the core's lookup order; then
// the `maskInspector.labelNames` setting on top. Says where the names came from. Parsing is the core's.
import * as vscode from 'vscode';
import { findLabelFile, labelFileResult } from '../../core/labels/lookup';
import { labelNamesWarning, type LabelNamesInfo, type LabelNamesOrigin } from '../../core/labels/namesSource';
import { labelNamesFromSetting, mergeLabelTables, type LabelEntry, type LabelTable } from '../../core/labels/parse';
import { labelPreset } from '../../core/labels/presets';
import { labelSettings } from '../settings';
import { isInputError } from '../../core/errors';
import { MAX_SIDE_FILE_BYTES, MissingFileError } from '../../core/io/regularFile';
import { readRegularUri } from '../readRegularUri';
import type { LabelNamesChoice } from './labelChoice';
import { statUri } from '../statUri';

export interface FoundLabels {
  /** The names to show: the origin's, with the setting's on top. */
  readonly table: LabelTable;
  /** The origin's names alone. */
  readonly named: LabelTable;
  /** The names of the maskInspector.labelNames setting. */
  readonly fromSetting: LabelTable;
  readonly origin: LabelNamesOrigin;
  /** A label file that exists but could not be used; the mask still opens. */
  readonly problem?: string;
}

type Found = Omit<FoundLabels, 'table' | 'fromSetting'>;

export async function loadLabelNames(maskUri: vscode.Uri, choice?: LabelNamesChoice): Promise<FoundLabels> {
  const settings = labelSettings(maskUri);
  const fromSetting = labelNamesFromSetting(settings.names);
  let found: Found;
  try {
    found = await fromChoice(choice) ?? (settings.file ? await explicitFile(maskUri, settings.file) : await firstCandidate(maskUri));
  } catch (e) {
    // A label file that cannot be read (a FIFO, a loop, too large) never keeps the mask from opening.
    if (!isInputError(e)) throw e;
    found = { named: new Map(), origin: { kind: 'none', chosen: choice !== undefined }, problem: e.message };
  }
  return { ...found, fromSetting, table: mergeLabelTables(found.named, fromSetting) };
}

/** What the side panel and the legend say about `found` for the labels `present` in `masks` masks. */
export function labelNamesInfo(found: FoundLabels, present: readonly number[], masks: 1 | 2): LabelNamesInfo {
  return {
    origin: found.origin,
    fromSetting: present.some((v) => found.fromSetting.has(v)),
    warning: labelNamesWarning(found.origin, found.named, found.table, present, masks),
  };
}

async function fromChoice(choice: LabelNamesChoice | undefined): Promise<Found | undefined> {
  if (!choice) return undefined;
  switch (choice.kind) {
    case 'none':
      return { named: new Map(), origin: { kind: 'none', chosen: true } };
    case 'preset': {
      const preset = labelPreset(choice.id);
      if (!preset) return undefined;
      const named = new Map(Object.entries(preset.names).map(([value, name]): [number, LabelEntry] => [Number(value), { name }]));
      return { named, origin: { kind: 'preset', id: preset.id, name: preset.name } };
    }
    case 'file': {
      const uri = vscode.Uri.parse(choice.uri);
      const text = await readText(uri);
      const path = vscode.workspace.asRelativePath(uri);
      if (text === undefined) {
        return { named: new Map(), origin: { kind: 'none', chosen: true }, problem: `The label file ${path} chosen with "Use Label Names From…" was not found.` };
      }
      return parse(uri, text, true);
    }
  }
}

async function explicitFile(maskUri: vscode.Uri, setting: string): Promise<Found> {
  const uri = resolveSettingPath(maskUri, setting);
  const text = await readText(uri);
  if (text === undefined) {
    return { named: new Map(), origin: { kind: 'none', chosen: false }, problem: `The label file ${setting} (maskInspector.labelFile) was not found.` };
  }
  return parse(uri, text, false);
}

async function firstCandidate(maskUri: vscode.Uri): Promise<Found> {
  const folder = vscode.Uri.joinPath(maskUri, '..');
  const maskName = maskUri.path.slice(maskUri.path.lastIndexOf('/') + 1);
  const found = await findLabelFile(maskName, async (relative) => {
    const uri = vscode.Uri.joinPath(folder, relative);
    const text = await readText(uri);
    return text === undefined ? undefined : { file: uri, name: vscode.workspace.asRelativePath(uri), text };
  });
  return withOrigin(found.table, found.file, found.problem, false);
}

function parse(uri: vscode.Uri, text: string, chosen: boolean): Found {
  const found = labelFileResult(uri, uri.path, text, vscode.workspace.asRelativePath(uri));
  return withOrigin(found.table, found.file, found.problem, chosen);
}

function withOrigin(named: LabelTable, file: vscode.Uri | undefined, problem: string | undefined, chosen: boolean): Found {
  const origin: LabelNamesOrigin = file ? { kind: 'file', path: vscode.workspace.asRelativePath(file), chosen } : { kind: 'none', chosen };
  return problem === undefined ? { named, origin } : { named, origin, problem };
}

/** Absolute paths as they are; relative ones against the mask's workspace folder (else its folder). */
function resolveSettingPath(maskUri: vscode.Uri, setting: string): vscode.Uri {
  if (setting.startsWith('/')) return maskUri.with({ path: setting });
  if (/^[A-Za-z]:[\\/]/.test(setting)) return maskUri.with({ path: '/' + setting.replace(/\\/g, '/') });
  const root = vscode.workspace.getWorkspaceFolder(maskUri)?.uri ?? vscode.Uri.joinPath(maskUri, '..');
  return vscode.Uri.joinPath(root, setting);
}

/**
 * A label file's text; undefined when there is none (missing, a broken link, a folder of that
 * name). One that is not a regular file (a FIFO would hang the read) or is too large is refused.
 */
async function readText(uri: vscode.Uri): Promise<string | undefined> {
  try {
    const stat = await statUri(uri);
    if ((stat.type & vscode.FileType.Directory) !== 0) return undefined;
    return new TextDecoder().decode(await readRegularUri(uri, { role: 'a label file', maxBytes: MAX_SIDE_FILE_BYTES }));
  } catch (e) {
    if (e instanceof vscode.FileSystemError || e instanceof MissingFileError) return undefined;
    throw e;
  }
}
