// The public API activate() returns (for other extensions and tests):
//   const api = vscode.extensions.getExtension('mask-inspector.mask-inspector')!.exports;
//   await api.compare(referenceUri, predictionUri);   // resolves when the metrics are shown
//   api.activeComparison();                           // what the focused (or last focused) one shows
import * as vscode from 'vscode';
import { hasSurface, surfaceOf } from '../../core/report/surfaceText';
import type { Plane } from '../../protocol/viewer';
import type { ComparisonManager } from './comparisonManager';
import { sliceDice } from './navigation';

/** Boundary metrics of one label (or the foreground), in mm; Infinity when exactly one mask is empty, null when both are. */
export interface ActiveSurface {
  readonly hd: number | null;
  readonly hd95: number | null;
  readonly assd: number | null;
  /** Normalised surface Dice at `toleranceMm`. */
  readonly nsd: number | null;
  readonly toleranceMm: number;
  /** 2-D HD95 within each slice along `axis`, in index order. */
  readonly sliceHd95: (number | null)[];
}

export interface ActiveComparison {
  readonly reference: vscode.Uri;
  readonly prediction: vscode.Uri;
  /** The plane the per-slice metrics are taken in, and the reference's array axis it slices along. */
  readonly plane: Plane;
  readonly axis: 0 | 1 | 2;
  /** The label shown; null = the foreground (any non-zero value). */
  readonly label: number | null;
  /** The slice shown (0-based index along `axis`). */
  readonly slice: number;
  /** Volume Dice of `label`; null when neither mask has it. */
  readonly volumeDice: number | null;
  /** Per-slice Dice of `label` in index order; null where neither mask has it in that slice. */
  readonly sliceDice: (number | null)[];
  /** Once computed (maskInspector.surfaceMetrics, after the Dice metrics): `label`'s boundary metrics. */
  readonly surface?: ActiveSurface;
}

export interface MaskInspectorApi {
  /**
   * Opens (or brings forward) a comparison; resolves when its metrics are ready (the surface
   * distances too, when maskInspector.surfaceMetrics is on), rejects with its error.
   */
  compare(reference: vscode.Uri, prediction: vscode.Uri): Promise<void>;
  /** The focused comparison (or the last focused one still open) once its metrics are ready. */
  activeComparison(): ActiveComparison | undefined;
}

export function createApi(manager: ComparisonManager): MaskInspectorApi {
  return {
    async compare(reference, prediction) {
      const { entry, ready } = manager.compare(reference, prediction);
      await ready;
      const state = entry.comparison.state;
      if (state.kind === 'error') throw new Error(state.message);
    },
    activeComparison() {
      const active = manager.active;
      const result = active?.comparison.result;
      if (!active || !result) return undefined;
      const { label, index } = active.panel.shown;
      const metrics = label === null ? result.foreground : result.labels.find((l) => l.label === label);
      const measured = hasSurface(result) ? (label === null ? result.foreground : result.labels.find((l) => l.label === label)) : undefined;
      const surface: ActiveSurface | undefined = measured && {
        hd: measured.hd,
        hd95: measured.hd95,
        assd: measured.assd,
        nsd: measured.nsd,
        toleranceMm: measured.toleranceMm,
        sliceHd95: measured.slices.map((s) => surfaceOf(s)?.hd95 ?? null),
      };
      return {
        reference: active.comparison.reference,
        prediction: active.comparison.prediction,
        plane: result.plane,
        axis: result.axis,
        label,
        slice: index,
        volumeDice: metrics?.dice ?? null,
        sliceDice: sliceDice(result, label),
        ...(surface ? { surface } : {}),
      };
    },
  };
}
