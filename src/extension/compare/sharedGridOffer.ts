// When two open mask viewers hold masks on the same voxel grid (identical, or the same grid in
// another axis order), offer once to compare them. The offer is remembered per pair in global
// state; "Don't Ask Again" turns it off (the maskInspector.offerComparison setting).
import * as vscode from 'vscode';
import { alignGrids } from '../../core/geometry/align';
import type { VolumeInfo } from '../../protocol/viewer';
import { SECTION } from '../settings';
import type { MaskDocument } from '../viewer/maskDocument';
import type { ViewerProvider } from '../viewer/viewerProvider';
import { fileNameOf } from './comparison';
import type { ComparisonManager } from './comparisonManager';

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
        const [ref, pred] = [ready[a]!, ready[b]!];
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

  // A viewer's document reports its volume through the messages it sends its webviews.
  const watchDocuments = (): void => {
    for (const document of provider.documents) {
      if (watched.has(document)) continue;
      watched.set(document, document.subscribe((msg) => {
        if (msg.type === 'volume') void check();
      }));
    }
    for (const [document, subscription] of watched) {
      if (!provider.documents.has(document)) {
        subscription.dispose();
        watched.delete(document);
      }
    }
  };

  watchDocuments();
  return vscode.Disposable.from(
    vscode.window.tabGroups.onDidChangeTabs(() => {
      watchDocuments();
      void check();
    }),
    new vscode.Disposable(() => {
      for (const subscription of watched.values()) subscription.dispose();
    }),
  );
}

/** Identical grids, or one grid stored in another axis order or direction (the comparison reorients). */
function sameGrid(a: VolumeInfo, b: VolumeInfo): boolean {
  return alignGrids(a, b).kind !== 'mismatch';
}

function isCompared(manager: ComparisonManager, a: vscode.Uri, b: vscode.Uri): boolean {
  const pair = new Set([a.toString(), b.toString()]);
  return manager.all.some((m) => pair.has(m.comparison.reference.toString()) && pair.has(m.comparison.prediction.toString()));
}
