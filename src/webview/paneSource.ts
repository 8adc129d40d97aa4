// What a pane draws, kept apart from how a pane shows it: a pane asks its source for the slice at
// (plane, index) and lets the source render it. The mask viewer's source draws labels over the
// background; a comparison view adds panes whose sources draw the prediction, or TP/FP/FN from two
// masks, without touching the pane.
import type { Plane } from '../protocol/viewer';
import type { LabelLut } from './lut';
import { renderLabelSlice, type SliceRaster } from './renderer';
import type { DecodedSlice, SliceStore } from './sliceStore';

export interface PaneSource {
  /** The slice if it is here; otherwise asks for it and returns undefined. */
  slice(plane: Plane, index: number): DecodedSlice | undefined;
  /** Draws a slice into `out` (raster.width × raster.height pixels). */
  render(out: Uint32Array, raster: SliceRaster, slice: DecodedSlice): void;
  /** Changes whenever the same slice would be drawn differently (colours, opacity, window …). */
  readonly version: number;
}

export interface LabelAppearance {
  readonly lut: LabelLut;
  readonly outline: boolean;
  readonly window: { readonly low: number; readonly high: number };
}

/** Labels of one mask over its background (or black). */
export class LabelMaskSource implements PaneSource {
  private currentVersion = 0;

  constructor(
    private readonly store: SliceStore,
    private appearance: LabelAppearance,
  ) {}

  get version(): number {
    return this.currentVersion;
  }

  setAppearance(appearance: LabelAppearance): void {
    this.appearance = appearance;
    this.currentVersion++;
  }

  /** The slices themselves changed (new mask or background): redraw even the same index. */
  invalidate(): void {
    this.currentVersion++;
  }

  slice(plane: Plane, index: number): DecodedSlice | undefined {
    const slice = this.store.get(plane, index);
    if (!slice) this.store.want(plane, index);
    return slice;
  }

  render(out: Uint32Array, raster: SliceRaster, slice: DecodedSlice): void {
    renderLabelSlice(out, raster, slice.mask, slice.background, this.appearance);
  }
}
