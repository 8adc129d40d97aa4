// The label names a person chose with "Mask Inspector: Use Label Names From…" (a preset, a file, or
// none), remembered per workspace folder in workspace state. Nothing is chosen until a person
// picks: until then the label files next to the mask are looked up as before, and no preset is
// ever applied on a guess. A value read back is validated, so an old or foreign entry is ignored.
import * as vscode from 'vscode';
import { labelPreset } from '../../core/labels/presets';

export type LabelNamesChoice =
  | { readonly kind: 'preset'; readonly id: string }
  | { readonly kind: 'file'; readonly uri: string }
  | { readonly kind: 'none' };

const KEY = 'maskInspector.labelNamesFrom:';

/** The folder a choice applies to: the mask's workspace folder, else the folder it is in. */
export function choiceFolder(maskUri: vscode.Uri): vscode.Uri {
  return vscode.workspace.getWorkspaceFolder(maskUri)?.uri ?? vscode.Uri.joinPath(maskUri, '..');
}

export class LabelNameChoices {
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires after a choice is stored (open viewers and comparisons re-read their names). */
  readonly onDidChange = this.changed.event;

  constructor(private readonly state: vscode.Memento) {}

  get(maskUri: vscode.Uri): LabelNamesChoice | undefined {
    return parseChoice(this.state.get<unknown>(KEY + choiceFolder(maskUri).toString()));
  }

  /** undefined: back to the label files next to the mask. */
  async set(maskUri: vscode.Uri, choice: LabelNamesChoice | undefined): Promise<void> {
    await this.state.update(KEY + choiceFolder(maskUri).toString(), choice);
    this.changed.fire();
  }

  dispose(): void {
    this.changed.dispose();
  }
}

/** A stored or passed choice, validated; undefined when it is not one. */
export function parseChoice(raw: unknown): LabelNamesChoice | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const r = raw as Record<string, unknown>;
  if (r['kind'] === 'none') return { kind: 'none' };
  if (r['kind'] === 'preset' && typeof r['id'] === 'string' && labelPreset(r['id'])) return { kind: 'preset', id: r['id'] };
  if (r['kind'] === 'file' && typeof r['uri'] === 'string') return { kind: 'file', uri: r['uri'] };
  return undefined;
}
