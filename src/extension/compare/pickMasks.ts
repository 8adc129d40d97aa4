// Choosing the second mask of a comparison: the masks open in viewers first (most people compare
// what they are looking at), then a file picker.
import * as vscode from 'vscode';
import { dialogFilters, EDITOR_VIEW_TYPES } from '../../core/formats/formatTable';
import { fileNameOf } from './comparison';

const VIEWER_TYPES = new Set<string>(Object.values(EDITOR_VIEW_TYPES));
const MASK_FILTERS = dialogFilters('Masks');

/** Masks open in viewer tabs (each once), in tab order. */
export function openMaskUris(): vscode.Uri[] {
  const seen = new Map<string, vscode.Uri>();
  for (const tab of vscode.window.tabGroups.all.flatMap((g) => g.tabs)) {
    const input = tab.input;
    if (input instanceof vscode.TabInputCustom && VIEWER_TYPES.has(input.viewType)) seen.set(input.uri.toString(), input.uri);
  }
  return [...seen.values()];
}

export async function pickMask(title: string, near?: vscode.Uri): Promise<vscode.Uri | undefined> {
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

/** The prediction to compare with `reference`: another open mask, or a file chosen with "Browse…". */
export async function pickOtherMask(reference: vscode.Uri): Promise<vscode.Uri | undefined> {
  const title = `Compare ${fileNameOf(reference)} with…`;
  const others = openMaskUris().filter((u) => u.toString() !== reference.toString());
  if (others.length === 0) return pickMask(title, reference);
  const items: MaskItem[] = [
    { label: 'Open masks', kind: vscode.QuickPickItemKind.Separator },
    ...others.map((uri): MaskItem => ({ label: fileNameOf(uri), description: vscode.workspace.asRelativePath(uri), uri })),
    { label: '', kind: vscode.QuickPickItemKind.Separator },
    { label: '$(folder-opened) Browse…', description: 'choose a file' },
  ];
  const chosen = await vscode.window.showQuickPick(items, { title, placeHolder: 'The prediction to compare with the reference' });
  if (!chosen) return undefined;
  return chosen.uri ?? pickMask(title, reference);
}
