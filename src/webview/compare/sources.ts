// What the comparison's panes draw (PaneSource, see ../paneSource.ts): one mask of the pair in its
// label colours over the background, or the TP/FP/FN classes of the chosen label. Both read the same
// SliceStore, whose slices hold the reference as `mask` and the prediction as `prediction`.
import type { CompareRole, LabelChoice } from '../../protocol/compare';
import type { Plane } from '../../protocol/viewer';
import type { PaneSource } from '../paneSource';
import type { LabelLut } from '../lut';
import { renderLabelSlice, type SliceRaster } from '../renderer';
import type { DecodedSlice, SliceStore } from '../sliceStore';
import { LABEL_READING, classifyOverlap, type MaskReading, type OverlapCounts } from './overlap';

export interface Appearance {
  readonly lut: LabelLut;
  readonly outline: boolean;
  readonly window: { readonly low: number; readonly high: number };
}

/** Shared by the sources: fetches through the store and counts appearance changes. */
abstract class StoreSource implements PaneSource {
  private currentVersion = 0;

  constructor(protected readonly store: SliceStore, protected appearance: Appearance) {}

  get version(): number {
    return this.currentVersion;
  }

  setAppearance(appearance: Appearance): void {
    this.appearance = appearance;
    this.invalidate();
  }

  /** The same slice would now be drawn differently (new data, label, reading). */
  invalidate(): void {
    this.currentVersion++;
  }

  slice(plane: Plane, index: number): DecodedSlice | undefined {
    const slice = this.store.get(plane, index);
    if (!slice) this.store.want(plane, index);
    return slice;
  }

  abstract render(out: Uint32Array, raster: SliceRaster, slice: DecodedSlice): void;
}

/** The reference or the prediction, in label colours. */
export class MaskSource extends StoreSource {
  constructor(store: SliceStore, appearance: Appearance, private readonly role: CompareRole) {
    super(store, appearance);
  }

  render(out: Uint32Array, raster: SliceRaster, slice: DecodedSlice): void {
    const mask = this.role === 'reference' ? slice.mask : slice.prediction;
    if (!mask) throw new Error('the host sent a comparison slice without the prediction');
    renderLabelSlice(out, raster, mask, slice.background, this.appearance);
  }
}

/**
 * Classifies slices for the chosen label, remembering the last result so the overlay pane and the
 * readout's counts share one pass over the slice.
 */
export class SliceOverlap {
  private label: LabelChoice = null;
  private reading: MaskReading = LABEL_READING;
  private lastSlice: DecodedSlice | undefined;
  private lastClasses = new Uint8Array(0);
  private lastCounts: OverlapCounts = { tp: 0, fp: 0, fn: 0 };

  configure(label: LabelChoice, reading: MaskReading): void {
    this.label = label;
    this.reading = reading;
    this.lastSlice = undefined;
  }

  classify(slice: DecodedSlice): { classes: Uint8Array; counts: OverlapCounts } {
    if (slice !== this.lastSlice) {
      const size = slice.width * slice.height;
      if (this.lastClasses.length !== size) this.lastClasses = new Uint8Array(size);
      if (!slice.prediction) throw new Error('the host sent a comparison slice without the prediction');
      this.lastCounts = classifyOverlap(this.lastClasses, slice.mask, slice.prediction, this.label, this.reading);
      this.lastSlice = slice;
    }
    return { classes: this.lastClasses, counts: this.lastCounts };
  }
}

/** TP / FP / FN of the chosen label, over the background; the LUT maps the class values 1..3 to colours. */
export class OverlaySource extends StoreSource {
  constructor(store: SliceStore, appearance: Appearance, private readonly overlap: SliceOverlap) {
    super(store, appearance);
  }

  render(out: Uint32Array, raster: SliceRaster, slice: DecodedSlice): void {
    const { classes } = this.overlap.classify(slice);
    renderLabelSlice(out, raster, classes, slice.background, this.appearance);
  }
}
