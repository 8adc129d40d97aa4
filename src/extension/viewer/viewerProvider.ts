// The read-only custom editor for masks. One document per file (shared by split editors), one
// worker thread per document: a volume lives in exactly one thread, and closing the last editor of
// a file terminates that thread, which returns all of its memory at once (a pool would have to
// evict volumes by hand and would let one slow decode delay other files' slices).
import * as vscode from 'vscode';
import { watchFiles } from '../fileWatch';
import { join } from 'node:path';
import { EDITOR_VIEW_TYPES } from '../../core/formats/formatTable';
import { VolumeWorker } from '../worker/volumeWorker';
import { viewerHtml } from './html';
import type { LabelNameChoices } from './labelChoice';
import type { VolumeCache } from '../volumeCache';
import { MaskDocument } from './maskDocument';
import { ViewerPanel } from './viewerPanel';

export const VIEW_TYPE = EDITOR_VIEW_TYPES.default;
/**
 * The same editor for formats offered only through "Open With…" (the format table's 'option' rows,
 * e.g. PNG, so PNGs keep the image preview).
 */
export const OPTION_VIEW_TYPE = EDITOR_VIEW_TYPES.option;

const PAIRING_KEY = 'maskInspector.backgroundFor:';

export class ViewerProvider implements vscode.CustomReadonlyEditorProvider<MaskDocument> {
  readonly panels = new Set<ViewerPanel>();
  readonly documents = new Set<MaskDocument>();
  private active: ViewerPanel | undefined;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly log: (message: string) => void,
    private readonly labelChoices: LabelNameChoices,
    private readonly cache: VolumeCache,
  ) {}

  static register(context: vscode.ExtensionContext, log: (message: string) => void, labelChoices: LabelNameChoices, cache: VolumeCache): ViewerProvider {
    const provider = new ViewerProvider(context, log, labelChoices, cache);
    const options = { supportsMultipleEditorsPerDocument: true, webviewOptions: { retainContextWhenHidden: false } };
    context.subscriptions.push(
      vscode.window.registerCustomEditorProvider(VIEW_TYPE, provider, options),
      vscode.window.registerCustomEditorProvider(OPTION_VIEW_TYPE, provider, options),
    );
    return provider;
  }

  /** The focused viewer, else the last one focused (commands run from the palette move focus). */
  get activePanel(): ViewerPanel | undefined {
    return this.active && this.panels.has(this.active) ? this.active : undefined;
  }

  openCustomDocument(uri: vscode.Uri): MaskDocument {
    const worker = new VolumeWorker(join(this.context.extensionPath, 'dist', 'worker.js'));
    // Reloads when the file (or a data file its header names) changes on disk, e.g. a new prediction.
    const watcher = watchFiles([uri], () => void document.load());
    const document: MaskDocument = new MaskDocument(uri, worker, {
      newWorker: () => new VolumeWorker(join(this.context.extensionPath, 'dist', 'worker.js')),
      log: this.log,
      labelChoice: (uri) => this.labelChoices.get(uri),
      cache: this.cache,
      onDispose: () => {
        watcher.dispose();
        this.documents.delete(document);
      },
    });
    this.documents.add(document);
    void document.load().then(() => this.restoreBackground(document));
    return document;
  }

  resolveCustomEditor(document: MaskDocument, webviewPanel: vscode.WebviewPanel): void {
    const extensionUri = this.context.extensionUri;
    // The webview may load only the extension's build output and static assets.
    webviewPanel.webview.options = {
      enableScripts: true,
      localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media')],
    };
    const panel = new ViewerPanel(document, webviewPanel, {
      log: this.log,
      pickBackground: (doc) => void vscode.commands.executeCommand('maskInspector.setBackground', doc.uri),
      clearBackground: (doc) => this.clearBackground(doc),
    });
    this.panels.add(panel);
    if (webviewPanel.active) this.active = panel;
    webviewPanel.onDidChangeViewState((e) => {
      if (e.webviewPanel.active) this.active = panel;
    });
    webviewPanel.onDidDispose(() => {
      this.panels.delete(panel);
      panel.dispose();
    });
    const webview = webviewPanel.webview;
    webview.html = viewerHtml({
      cspSource: webview.cspSource,
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview.js')).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', 'viewer.css')).toString(),
      title: document.fileName,
    });
  }

  panelsOf(uri: vscode.Uri): ViewerPanel[] {
    return [...this.panels].filter((p) => p.document.uri.toString() === uri.toString());
  }

  documentOf(uri: vscode.Uri): MaskDocument | undefined {
    return [...this.documents].find((d) => d.uri.toString() === uri.toString());
  }

  /** Pairs and remembers (per mask, in workspace state) a background image. */
  async setBackground(document: MaskDocument, background: vscode.Uri): Promise<void> {
    await this.context.workspaceState.update(PAIRING_KEY + document.uri.toString(), background.toString());
    await document.setBackground(background);
  }

  clearBackground(document: MaskDocument): void {
    void this.context.workspaceState.update(PAIRING_KEY + document.uri.toString(), undefined);
    document.clearBackground();
  }

  private async restoreBackground(document: MaskDocument): Promise<void> {
    const remembered = this.context.workspaceState.get<string>(PAIRING_KEY + document.uri.toString());
    if (remembered && document.state.kind === 'ready' && !document.backgroundUri) {
      await document.setBackground(vscode.Uri.parse(remembered));
    }
  }
}

