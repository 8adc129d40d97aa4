// Commands of the viewer: pairing a background image, and internal hooks the integration tests use
// to see what the real webview drew (they are not contributed, so they never show in the palette).
import * as vscode from 'vscode';
import type { VolumeCache, VolumeCacheState } from './volumeCache';
import { dialogFilters } from '../core/formats/formatTable';
import type { Vec3 } from '../core/volume';
import type { LabelNamesInfo, Plane } from '../protocol/viewer';
import type { MaskDocument } from './viewer/maskDocument';
import type { ViewerProvider } from './viewer/viewerProvider';
import type { ProbeResult, RenderedReport } from './viewer/viewerPanel';
import { liveWorkerCount } from './worker/volumeWorker';

export interface TestState {
  readonly liveWorkers: number;
  /** Held volumes and how often each file was read from disk. */
  readonly volumeCache: VolumeCacheState;
  readonly documents: readonly {
    readonly uri: string;
    readonly state: 'loading' | 'error' | 'ready';
    readonly message?: string;
    readonly background?: string;
    readonly backgroundProblem?: string;
    readonly labels?: readonly { readonly value: number; readonly voxelCount: number; readonly name?: string }[];
    /** Where the names came from and the warning, as the legend shows them. */
    readonly labelNames?: LabelNamesInfo;
    readonly panels: readonly { readonly rendered: RenderedReport | undefined; readonly starts: number }[];
  }[];
}

export function registerCommands(context: vscode.ExtensionContext, provider: ViewerProvider, cache: VolumeCache): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('maskInspector.setBackground', (maskUri?: vscode.Uri, backgroundUri?: vscode.Uri) =>
      setBackground(provider, maskUri, backgroundUri),
    ),
    vscode.commands.registerCommand('maskInspector.clearBackground', (maskUri?: vscode.Uri) => {
      const document = targetDocument(provider, maskUri);
      if (document) provider.clearBackground(document);
    }),
    vscode.commands.registerCommand('maskInspector._testState', (): TestState => testState(provider, cache)),
    vscode.commands.registerCommand(
      'maskInspector._testProbe',
      (uri: vscode.Uri, plane: Plane, index: number, voxels: Vec3[]): Promise<ProbeResult> => {
        const panel = provider.panelsOf(uri)[0];
        if (!panel) throw new Error(`no viewer is open on ${uri.toString()}`);
        return panel.probe(plane, index, voxels);
      },
    ),
  );
}

async function setBackground(provider: ViewerProvider, maskUri?: vscode.Uri, backgroundUri?: vscode.Uri): Promise<void> {
  const document = targetDocument(provider, maskUri);
  if (!document) {
    void vscode.window.showInformationMessage('Open a mask in Mask Inspector first, then set its background image.');
    return;
  }
  const chosen = backgroundUri ?? (await pickBackground(document));
  if (chosen) await provider.setBackground(document, chosen);
}

async function pickBackground(document: MaskDocument): Promise<vscode.Uri | undefined> {
  const picked = await vscode.window.showOpenDialog({
    title: `Background image for ${document.fileName}`,
    openLabel: 'Set Background',
    defaultUri: vscode.Uri.joinPath(document.uri, '..'),
    canSelectMany: false,
    filters: dialogFilters('Images'),
  });
  return picked?.[0];
}

/** The document for a URI (editor-title menus pass the editor's resource), else the active viewer's. */
function targetDocument(provider: ViewerProvider, uri?: vscode.Uri): MaskDocument | undefined {
  if (uri instanceof vscode.Uri) return provider.documentOf(uri);
  return provider.activePanel?.document;
}

function testState(provider: ViewerProvider, cache: VolumeCache): TestState {
  return {
    liveWorkers: liveWorkerCount(),
    volumeCache: cache.state(),
    documents: [...provider.documents].map((d) => {
      const state = d.state;
      return {
        uri: d.uri.toString(),
        state: state.kind,
        ...(state.kind === 'error' ? { message: state.message } : {}),
        ...(d.backgroundUri ? { background: d.backgroundUri.toString() } : {}),
        ...(d.backgroundProblem ? { backgroundProblem: d.backgroundProblem } : {}),
        ...(state.kind === 'ready' ? { labels: state.info.labels.map(({ value, voxelCount, name }) => ({ value, voxelCount, ...(name ? { name } : {}) })) } : {}),
        ...(state.kind === 'ready' ? { labelNames: state.labelNames } : {}),
        panels: provider.panelsOf(d.uri).map((p) => ({ rendered: p.lastRendered, starts: p.starts })),
      };
    }),
  };
}
