// Entry point of the extension host side. Activated only when a mask opens in the viewer or one of
// its commands runs (package.json activationEvents); everything heavy happens in worker threads.
import * as vscode from 'vscode';
import { registerCommands } from './commands';
import type { MaskInspectorApi } from './compare/api';
import { registerCompare } from './compare/registerCompare';
import { affectsLabelSettings, affectsViewerSettings } from './settings';
import { LabelNameChoices } from './viewer/labelChoice';
import { ViewerProvider } from './viewer/viewerProvider';
import { VolumeCache } from './volumeCache';

export function activate(context: vscode.ExtensionContext): MaskInspectorApi {
  const output = vscode.window.createOutputChannel('Mask Inspector', { log: true });
  context.subscriptions.push(output);
  const log = (message: string): void => output.error(message);

  const labelChoices = new LabelNameChoices(context.workspaceState);
  // One decoded copy of each file for all editors: the viewer, comparisons, backgrounds.
  const cache = new VolumeCache();
  const provider = ViewerProvider.register(context, log, labelChoices, cache);
  registerCommands(context, provider, cache);

  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (affectsViewerSettings(e)) for (const panel of provider.panels) panel.sendSettings();
      if (affectsLabelSettings(e)) for (const document of provider.documents) void document.refreshLabels();
    }),
    labelChoices,
    labelChoices.onDidChange(() => {
      for (const document of provider.documents) void document.refreshLabels();
    }),
  );
  // Comparing two masks; its API is what other extensions get from this one.
  return registerCompare(context, provider, log, labelChoices, cache);
}

export function deactivate(): void {
  // Documents (and their workers) are disposed by VS Code as their editors close.
}
