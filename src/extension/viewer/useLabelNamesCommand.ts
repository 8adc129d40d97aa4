// "Mask Inspector: Use Label Names From…": a quick pick of the label-map presets, "A label file…",
// "None" and "Label files next to the masks" (the default lookup), for the folder of the mask in
// front (the active viewer or comparison), else a workspace folder. The choice is remembered for
// that folder and applies to every mask in it; open viewers and comparisons take it at once.
import * as vscode from 'vscode';
import { LABEL_PRESETS } from '../../core/labels/presets';
import { choiceFolder, parseChoice, type LabelNameChoices, type LabelNamesChoice } from './labelChoice';

interface ChoiceItem extends vscode.QuickPickItem {
  readonly choice: LabelNamesChoice | undefined | 'pickFile';
}

export const USE_LABEL_NAMES_COMMAND = 'maskInspector.useLabelNamesFrom';

/**
 * `activeMask`: the mask shown in front (viewer or comparison reference), if any. `uri`: a mask or
 * folder passed by a caller (tests, the Explorer); without either, a workspace folder is asked for.
 * `given`: the choice itself, skipping the quick pick (null: back to the label files next to the masks).
 */
export async function useLabelNamesFrom(
  choices: LabelNameChoices,
  activeMask: vscode.Uri | undefined,
  uri?: vscode.Uri,
  given?: unknown,
): Promise<void> {
  const target = uri ?? activeMask ?? (await pickFolder());
  if (!target) return;
  // Keybindings and tests may pass the choice itself (or null for the default lookup).
  if (given !== undefined) {
    const choice = given === null ? undefined : parseChoice(given);
    if (given !== null && !choice) throw new Error(`Not a label-names choice: ${JSON.stringify(given)}`);
    return choices.set(target, choice);
  }
  const folder = choiceFolder(target);
  const current = choices.get(target);
  const mark = (match: boolean): string | undefined => (match ? 'in use' : undefined);
  const items: (ChoiceItem | vscode.QuickPickItem)[] = [
    { label: '$(search) Label files next to the masks', description: mark(current === undefined), detail: 'The default: <mask>.labels.json, labels.json, label_description.txt, dataset.json', choice: undefined },
    { label: '$(file) A label file…', description: mark(current?.kind === 'file'), detail: current?.kind === 'file' ? vscode.workspace.asRelativePath(vscode.Uri.parse(current.uri)) : 'A JSON map, a dataset.json or an ITK-SNAP label description', choice: 'pickFile' },
    { label: '$(circle-slash) None', description: mark(current?.kind === 'none'), detail: 'Show label values only (the maskInspector.labelNames setting still applies)', choice: { kind: 'none' } },
    { label: 'Presets', kind: vscode.QuickPickItemKind.Separator },
    ...LABEL_PRESETS.map((p): ChoiceItem => ({
      label: p.name,
      description: mark(current?.kind === 'preset' && current.id === p.id),
      detail: `Source: ${p.source}`,
      choice: { kind: 'preset', id: p.id },
    })),
  ];
  const picked = await vscode.window.showQuickPick(items, {
    title: `Label names for the masks in ${vscode.workspace.asRelativePath(folder, false) || folder.path}`,
    placeHolder: 'Where should the label names come from?',
    matchOnDetail: true,
  });
  if (!picked || !('choice' in picked)) return;
  let choice = picked.choice;
  if (choice === 'pickFile') {
    const file = await vscode.window.showOpenDialog({
      title: 'Label file',
      openLabel: 'Use Label Names',
      canSelectMany: false,
      defaultUri: folder,
      filters: { 'Label files (JSON, ITK-SNAP)': ['json', 'txt'] },
    });
    if (!file?.[0]) return;
    choice = { kind: 'file', uri: file[0].toString() };
  }
  await choices.set(target, choice);
}

async function pickFolder(): Promise<vscode.Uri | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length === 1) return folders[0]!.uri;
  if (folders.length === 0) {
    void vscode.window.showInformationMessage('Mask Inspector: open a mask or a folder first, then choose where its label names come from.');
    return undefined;
  }
  return (await vscode.window.showWorkspaceFolderPick({ placeHolder: 'The folder whose masks the label names are for' }))?.uri;
}
