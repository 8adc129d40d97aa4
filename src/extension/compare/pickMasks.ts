// Choosing the masks of a comparison. Masks open in viewers come first (most people compare what
// they are looking at), then the workspace's mask files (names that read like masks, "seg", "label",
// "gt", "pred"…, before names that read like images, "ct", "_0000"…), then "Browse…" for a file
// elsewhere. A PNG is listed only when its name reads like a mask: a workspace is full of other PNGs.
import * as vscode from 'vscode';
import { dialogFilters, EDITOR_VIEW_TYPES, FORMAT_TABLE } from '../../core/formats/formatTable';
import { fileNameOf } from '../maskFiles';
import { maskRank } from './maskCheck';

const VIEWER_TYPES = new Set<string>(Object.values(EDITOR_VIEW_TYPES));
const MASK_FILTERS = dialogFilters('Masks');
/** More than this many files in the workspace: list these and leave the rest to "Browse…". */
const MAX_LISTED = 300;

/** Masks open in viewer tabs (each once), in tab order. */
export function openMaskUris(): vscode.Uri[] {
  const seen = new Map<string, vscode.Uri>();
  for (const tab of vscode.window.tabGroups.all.flatMap((g) => g.tabs)) {
    const input = tab.input;
    if (input instanceof vscode.TabInputCustom && VIEWER_TYPES.has(input.viewType)) seen.set(input.uri.toString(), input.uri);
  }
  return [...seen.values()];
}

/** The workspace's mask files, mask-looking names first, then by path. */
async function workspaceMaskUris(): Promise<vscode.Uri[]> {
  if (!vscode.workspace.workspaceFolders?.length) return [];
  const endings = FORMAT_TABLE.flatMap((f) => f.extensions as readonly string[]);
  const found = await vscode.workspace.findFiles(`**/*{${endings.join(',')}}`, '**/{node_modules,.git}/**', MAX_LISTED);
  return found
    .map((uri) => ({ uri, rank: maskRank(fileNameOf(uri)), path: vscode.workspace.asRelativePath(uri) }))
    .filter((f): f is { uri: vscode.Uri; rank: number; path: string } => f.rank !== undefined)
    .sort((a, b) => a.rank - b.rank || a.path.localeCompare(b.path, undefined, { numeric: true }))
    .map((f) => f.uri);
}

async function browse(title: string, near?: vscode.Uri): Promise<vscode.Uri | undefined> {
  const picked = await vscode.window.showOpenDialog({
    title,
    openLabel: 'Choose',
    canSelectMany: false,
    filters: MASK_FILTERS,
    ...(near ? { defaultUri: vscode.Uri.joinPath(near, '..') } : {}),
  });
  return picked?.[0];
}

interface MaskItem extends vscode.QuickPickItem {
  readonly uri?: vscode.Uri;
}

/**
 * A mask: one open in a viewer or in the workspace, or a file chosen with "Browse…"; `except` is
 * left out of the lists (the other side of the pair). Straight to the file dialog when there is
 * nothing to list.
 */
export async function pickMask(title: string, placeHolder: string, except?: vscode.Uri): Promise<vscode.Uri | undefined> {
  const skip = new Set(except ? [except.toString()] : []);
  const open = openMaskUris().filter((u) => !skip.has(u.toString()));
  for (const u of open) skip.add(u.toString());
  const files = (await workspaceMaskUris()).filter((u) => !skip.has(u.toString()));
  if (open.length === 0 && files.length === 0) return browse(title, except);
  const item = (uri: vscode.Uri): MaskItem => {
    // The folder, when there is one to tell apart same-named files (case01/seg.nii.gz, case02/seg.nii.gz).
    const path = vscode.workspace.asRelativePath(uri);
    const folder = path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '';
    return { label: fileNameOf(uri), ...(folder ? { description: folder } : {}), uri };
  };
  const items: MaskItem[] = [
    ...(open.length > 0 ? [{ label: 'Open masks', kind: vscode.QuickPickItemKind.Separator }, ...open.map(item)] : []),
    ...(files.length > 0 ? [{ label: 'Mask files in the workspace', kind: vscode.QuickPickItemKind.Separator }, ...files.map(item)] : []),
    { label: '', kind: vscode.QuickPickItemKind.Separator },
    { label: '$(folder-opened) Browse…', description: 'choose a file' },
  ];
  const chosen = await vscode.window.showQuickPick(items, { title, placeHolder, matchOnDescription: true });
  if (!chosen) return undefined;
  return chosen.uri ?? browse(title, except);
}

/** The prediction to compare with `reference`. */
export function pickOtherMask(reference: vscode.Uri): Promise<vscode.Uri | undefined> {
  return pickMask(`Compare ${fileNameOf(reference)} with…`, 'The prediction to compare with the reference', reference);
}
