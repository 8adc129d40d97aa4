// When two open mask viewers hold masks on the same voxel grid (identical, or the same grid in
// another axis order), offer once to compare them. The offer is remembered per pair in global
// state; "Don't Ask Again" turns it off (the maskInspector.offerComparison setting).
import * as vscode from 'vscode';
import { alignGrids } from '../../core/geometry/align';
import type { VolumeInfo } from '../../protocol/viewer';
import { SECTION } from '../settings';
import type { MaskDocument } from '../viewer/maskDocument';
import type { ViewerProvider } from '../viewer/viewerProvider';
import { fileNameOf } from '../maskFiles';
import type { ComparisonManager } from './comparisonManager';
import { openMaskUris } from './pickMasks';

const OFFERED_KEY = 'maskInspector.comparisonOffered';
/** Enough pairs to remember for a long time without the global state growing without bound. */
const MAX_REMEMBERED = 200;

export function registerSharedGridOffer(context: vscode.ExtensionContext, provider: ViewerProvider, manager: ComparisonManager): vscode.Disposable {
  const watched = new Map<MaskDocument, vscode.Disposable>();
  let offering = false;

  const check = async (): Promise<void> => {
    if (offering || !vscode.workspace.getConfiguration(SECTION).get<boolean>('offerComparison', true)) return;
    const ready = [...provider.documents].flatMap((d) => (d.state.kind === 'ready' ? [{ uri: d.uri, info: d.state.info }] : []));
    const offered = new Set(context.globalState.get<string[]>(OFFERED_KEY, []));
    for (let a = 0; a < ready.length; a++) {
      for (let b = a + 1; b < ready.length; b++) {
        const [ref, pred] = referenceFirst(ready[a]!, ready[b]!);
        const key = [ref.uri.toString(), pred.uri.toString()].sort().join('\n');
        if (offered.has(key) || !sameGrid(ref.info, pred.info) || isCompared(manager, ref.uri, pred.uri)) continue;
        offering = true;
        try {
          await context.globalState.update(OFFERED_KEY, [...offered, key].slice(-MAX_REMEMBERED));
          const answer = await vscode.window.showInformationMessage(
            `Mask Inspector: ${fileNameOf(ref.uri)} and ${fileNameOf(pred.uri)} are on the same voxel grid. Compare them (${fileNameOf(ref.uri)} as the reference)?`,
            'Compare',
            "Don't Ask Again",
          );
          if (answer === 'Compare') await manager.compare(ref.uri, pred.uri).ready;
          if (answer === "Don't Ask Again") await vscode.workspace.getConfiguration(SECTION).update('offerComparison', false, vscode.ConfigurationTarget.Global);
        } finally {
          offering = false;
        }
        return; // one offer at a time
      }
    }
  };

  // A viewer's document reports its volume through the messages it sends its webviews. VS Code
  // shows a tab before it asks the provider for the tab's document, so a new viewer tab is polled
  // for its document for a little while.
  const subscribe = (document: MaskDocument): void => {
    if (watched.has(document)) return;
    watched.set(document, document.subscribe((msg) => {
      if (msg.type === 'volume') void check();
    }));
    if (document.state.kind === 'ready') void check();
  };
  const track = (uri: vscode.Uri, attempts = 50): void => {
    const document = provider.documentOf(uri);
    if (document) subscribe(document);
    else if (attempts > 0) setTimeout(() => track(uri, attempts - 1), 200);
  };
  const forget = (): void => {
    for (const [document, subscription] of watched) {
      if (provider.documents.has(document)) continue;
      subscription.dispose();
      watched.delete(document);
    }
  };

  for (const uri of openMaskUris()) track(uri);
  return vscode.Disposable.from(
    vscode.window.tabGroups.onDidChangeTabs((e) => {
      for (const tab of e.opened) if (tab.input instanceof vscode.TabInputCustom) track(tab.input.uri);
      if (e.closed.length > 0) forget();
    }),
    new vscode.Disposable(() => {
      for (const subscription of watched.values()) subscription.dispose();
    }),
  );
}

const PREDICTION_NAME = /pred|infer|output|result/i;

/** The file whose name says it is a prediction goes second; otherwise the one opened first is the reference. */
function referenceFirst<T extends { readonly uri: vscode.Uri }>(a: T, b: T): [T, T] {
  const aPred = PREDICTION_NAME.test(fileNameOf(a.uri));
  const bPred = PREDICTION_NAME.test(fileNameOf(b.uri));
  return aPred && !bPred ? [b, a] : [a, b];
}

/** Identical grids, or one grid stored in another axis order or direction (the comparison reorients). */
function sameGrid(a: VolumeInfo, b: VolumeInfo): boolean {
  return alignGrids(a, b).kind !== 'mismatch';
}

function isCompared(manager: ComparisonManager, a: vscode.Uri, b: vscode.Uri): boolean {
  const pair = new Set([a.toString(), b.toString()]);
  return manager.all.some((m) => pair.has(m.comparison.reference.toString()) && pair.has(m.comparison.prediction.toString()));
}
