// How the comparison's panes look: label colours for the two masks (the same colour for a label
// value in both, so they can be matched by eye), the TP/FP/FN colours for the overlay, opacity,
// fill/outline and the background window. Rebuilt as LUTs only when one of those changes.
import type { CompareLabel, CompareSettings, CompareVolumes } from '../../protocol/compare';
import type { BackgroundInfo, Rgba } from '../../protocol/viewer';
import { DEFAULT_OVERLAY_HEX, hexToRgba } from '../../core/overlayColours';
import { UNLISTED_COLOUR } from '../labelColours';
import { buildLabelLut, type LabelColourEntry } from '../lut';
import { paletteColour } from '../palette';
import { fromLowHigh, windowBounds, type WindowSetting } from '../windowLevel';
import type { CompareViewState } from './compareState';
import { FN, FP, TP } from './overlap';
import type { Appearance } from './sources';

/** Until the host's settings arrive; the same colours as the extension's defaults. */
/** Values coloured from the palette while a comparison's labels are still being counted. */
const COUNTING_PALETTE_VALUES = 255;

export const DEFAULT_COMPARE_SETTINGS: CompareSettings = {
  displayConvention: 'radiological',
  overlayOpacity: 0.5,
  outlineMode: 'filled',
  overlayColours: {
    tp: hexToRgba(DEFAULT_OVERLAY_HEX.truePositive),
    fp: hexToRgba(DEFAULT_OVERLAY_HEX.falsePositive),
    fn: hexToRgba(DEFAULT_OVERLAY_HEX.falseNegative),
  },
  threshold: 0.8,
  hd95LimitMm: null,
  navigateSelectedLabelOnly: false,
};

export interface AppearanceInputs {
  readonly volumes: CompareVolumes | undefined;
  readonly labels: readonly CompareLabel[];
  readonly settings: CompareSettings;
  readonly background: BackgroundInfo | null;
  readonly state: CompareViewState;
}

export class Appearances {
  constructor(private readonly inputs: AppearanceInputs) {}

  /** The opacity setting (or the person's choice), as the toolbar shows it. */
  opacity(): number {
    return this.inputs.state.opacity ?? this.inputs.settings.overlayOpacity;
  }

  /**
   * The opacity colours are drawn with: the setting over a background image, full colour over
   * black, where a dimmed colour would show nothing more and no longer match the key's swatches.
   */
  private drawnOpacity(): number {
    return this.inputs.background ? this.opacity() : 1;
  }

  outline(): boolean {
    return this.inputs.state.outline ?? this.inputs.settings.outlineMode === 'outline';
  }

  /** The background window in effect; null without a background. */
  effectiveWindow(): WindowSetting | null {
    const b = this.inputs.background;
    if (!b) return null;
    return this.inputs.state.window ?? fromLowHigh(b.autoWindow.low, b.autoWindow.high, 'auto');
  }

  /** Label colours of both masks: every value either holds, coloured by the host's label data or the palette. */
  mask(): Appearance {
    const { volumes, labels } = this.inputs;
    const values = new Set<number>();
    for (const info of volumes ? [volumes.reference, volumes.prediction] : []) for (const l of info.labels) values.add(l.value);
    for (const l of labels) values.add(l.value);
    // While the files are read their labels are still being counted: every value up to 255 takes
    // its palette colour (label files' colours come with the final descriptions), larger ones the
    // unlisted grey, so the slices read so far show their voxels rather than nothing.
    if (volumes?.labelsCounting) for (let v = 1; v <= COUNTING_PALETTE_VALUES; v++) values.add(v);
    const entries: LabelColourEntry[] = [...values].map((value) => ({ value, colour: this.labelColour(value) }));
    const truncated = volumes !== undefined && (volumes.labelsCounting === true || volumes.reference.labelsTruncated || volumes.prediction.labelsTruncated);
    return { lut: buildLabelLut(entries, new Set(), this.drawnOpacity(), truncated ? UNLISTED_COLOUR : undefined), ...this.common() };
  }

  /** A label's colour in both masks: the host's (label file, data), else the palette's for its value. */
  labelColour(value: number): Rgba {
    return this.inputs.labels.find((l) => l.value === value)?.colour ?? paletteColour(value);
  }

  /** TP/FP/FN colours for the overlay's class values; hidden classes draw nothing. */
  overlay(): Appearance {
    const c = this.inputs.settings.overlayColours;
    const entries: LabelColourEntry[] = [{ value: TP, colour: c.tp }, { value: FP, colour: c.fp }, { value: FN, colour: c.fn }];
    return { lut: buildLabelLut(entries, new Set(this.inputs.state.hiddenClasses), this.drawnOpacity()), ...this.common() };
  }

  private common(): Omit<Appearance, 'lut'> {
    const w = this.effectiveWindow();
    return { outline: this.outline(), window: w ? windowBounds(w) : { low: 0, high: 1 } };
  }
}
