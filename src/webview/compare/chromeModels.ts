// What the toolbar, the strip and the metrics panel show, derived from the comparison's state and
// metrics in one place, so each widget only renders what it is given.
import type { CompareLabel, CompareSettings, CompareVolumes, ComparisonResult, ReadingCounts, SurfaceComparisonResult, SurfaceStatus } from '../../protocol/compare';
import { hasSurface, surfaceOf } from '../../core/report/surfaceText';
import { sliceStrides, voxelToScreen, voxelToWorld, type PlaneMapping } from '../../core/geometry/display';
import type { Vec3 } from '../../core/volume';
import { PLANES, type BackgroundInfo, type Plane } from '../../protocol/viewer';
import type { DecodedSlice, SliceStore } from '../sliceStore';
import type { CursorValues } from './cursorReadout';
import type { Appearances } from './appearances';
import type { CompareToolbarModel, LabelOption } from './compareToolbar';
import type { CompareViewState } from './compareState';
import type { StripModel } from './diceStrip';
import { worstLabelsOf } from './stripModes';
import { comparedSegmentsNote } from '../segmentLayersNote';
import { choiceTitle, flaggedCount, formatDice, metricsFor } from './metricsModel';
import type { PanelModel, PanelSlice } from './metricsPanel';
import type { SurfaceModel } from './surfaceSection';
import { diceOf, type OverlapClass } from './overlap';
import type { SliceOverlap } from './sources';

export interface ComparisonView {
  readonly volumes: CompareVolumes | undefined;
  readonly result: ComparisonResult | SurfaceComparisonResult | undefined;
  /** Where the boundary metrics stand; their values are in `result` once computed. */
  readonly surface: SurfaceStatus;
  /** While both files are read (until the metrics arrive): the slices counted so far. */
  readonly readingCounts: ReadingCounts | undefined;
  /** The strip's slice before the panes show (no cursor yet). */
  readonly readingSlice: number;
  readonly labels: readonly CompareLabel[];
  readonly settings: CompareSettings;
  readonly background: BackgroundInfo | null;
  readonly state: CompareViewState;
  readonly appearances: Appearances;
  readonly overlap: SliceOverlap;
  readonly store: SliceStore;
  mapping(plane: Plane): PlaneMapping | undefined;
  flatPlane(): Plane | undefined;
}

export interface ShownSlice {
  readonly plane: Plane;
  readonly index: number;
  readonly slice: DecodedSlice | undefined;
}

function labelOptions(result: ComparisonResult | undefined, labels: readonly CompareLabel[]): LabelOption[] {
  if (!result) return [{ choice: null, text: 'Foreground' }];
  return [
    { choice: null, text: `Foreground · Dice ${formatDice(result.foreground.dice)}` },
    ...result.labels.map((l) => ({ choice: l.label, text: `${choiceTitle(l.label, labels)} · Dice ${formatDice(l.dice)}` })),
  ];
}

export function toolbarModel(c: ComparisonView): CompareToolbarModel {
  return {
    plane: c.state.plane,
    planes: c.flatPlane() ? [c.flatPlane()!] : PLANES,
    mode: c.state.mode,
    label: c.state.label,
    labels: labelOptions(c.result, c.labels),
    opacity: c.appearances.opacity(),
    outline: c.appearances.outline(),
    hasBackground: c.background !== null,
    window: c.appearances.effectiveWindow(),
    crosshair: c.state.crosshair,
    hasMetrics: c.result !== undefined,
    navigateSelectedLabelOnly: c.settings.navigateSelectedLabelOnly,
  };
}

export function stripModel(c: ComparisonView): StripModel | undefined {
  const reading = c.readingCounts;
  // Counted while reading: the foreground of the slices read so far. The plane's slices lie along
  // k then, so the cursor's k is the strip's slice.
  if (reading?.kind === 'filling') {
    return {
      plane: reading.plane, labelTitle: 'Foreground', slices: reading.slices, total: reading.sliceCount,
      threshold: c.settings.threshold, current: c.state.cursor && c.volumes ? c.state.cursor[2] : c.readingSlice, mode: 'foreground',
    };
  }
  const result = c.result;
  if (!result) return undefined;
  const mode = c.state.stripMode;
  const common = { plane: result.plane, threshold: c.settings.threshold, current: c.state.cursor ? c.state.cursor[result.axis] : undefined, mode };
  if (mode === 'worstLabel') {
    const worst = worstLabelsOf(result);
    const titles = new Map<number | null, string>();
    const titleOf = (label: number | null): string => {
      let t = titles.get(label);
      if (t === undefined) {
        t = label === null ? `no label ${result.minErrorMm2 > 0 ? `with ${result.minErrorMm2} mm² wrong` : 'wrong'}, foreground` : choiceTitle(label, c.labels);
        titles.set(label, t);
      }
      return t;
    };
    return { ...common, labelTitle: 'worst label per slice', slices: worst.slices, sliceLabels: worst.labels.map(titleOf) };
  }
  const choice = mode === 'foreground' ? null : c.state.label;
  const metrics = metricsFor(result, choice);
  if (!metrics) return undefined;
  return { ...common, labelTitle: choiceTitle(choice, c.labels), slices: metrics.slices };
}

/**
 * This slice's counts: from the metrics when the view is in the metrics' plane (what the strip and
 * the Problems panel say), otherwise counted here from the two slices on screen.
 */
function panelSlice(c: ComparisonView, shown: ShownSlice | undefined): PanelSlice | undefined {
  if (!shown) return undefined;
  const result = c.result;
  const fromMetrics = result && result.plane === shown.plane ? metricsFor(result, c.state.label)?.slices[shown.index] : undefined;
  if (fromMetrics) {
    const hd95 = surfaceOf(fromMetrics)?.hd95;
    return { plane: shown.plane, index: shown.index, counts: fromMetrics, dice: fromMetrics.dice, ...(hd95 !== undefined ? { hd95 } : {}) };
  }
  const counts = shown.slice?.prediction ? c.overlap.classify(shown.slice).counts : undefined;
  return { plane: shown.plane, index: shown.index, counts, dice: counts ? diceOf(counts) : undefined };
}

/** The chosen label's boundary metrics and τ, when the result has them. */
function surfaceModel(c: ComparisonView): SurfaceModel {
  const result = c.result;
  if (!result || !hasSurface(result)) return { status: c.surface, values: undefined, toleranceMm: undefined };
  const m = c.state.label === null ? result.foreground : result.labels.find((l) => l.label === c.state.label);
  return { status: c.surface, values: m && surfaceOf(m), toleranceMm: m?.toleranceMm };
}

/** The Files row about overlapping segments, when a file has them. */
function filesSegments(volumes: NonNullable<ComparisonView['volumes']>, result: ComparisonView['result']): { segments?: string } {
  const segments = comparedSegmentsNote(volumes.reference, volumes.prediction, result?.warnings ?? []);
  return segments === undefined ? {} : { segments };
}

export function panelModel(c: ComparisonView, shown: ShownSlice | undefined): PanelModel {
  const volume = c.result ? metricsFor(c.result, c.state.label) : undefined;
  const alignment = c.volumes?.alignment === 'reoriented' ? 'same voxels, another axis order (resampled by index)' : 'identical';
  return {
    colours: c.settings.overlayColours,
    hiddenClasses: new Set<OverlapClass>(c.state.hiddenClasses),
    labelTitle: choiceTitle(c.state.label, c.labels),
    slice: panelSlice(c, shown),
    volume,
    flagged: c.result && volume ? flaggedCount(c.result, c.state.label) : undefined,
    threshold: c.settings.threshold,
    hd95LimitMm: c.settings.hd95LimitMm,
    surface: surfaceModel(c),
    labelsCounting: c.volumes?.labelsCounting === true,
    files: c.volumes ? { reference: c.volumes.reference.fileName, prediction: c.volumes.prediction.fileName, alignment, ...filesSegments(c.volumes, c.result) } : undefined,
    labels: c.result ? [
      { choice: null, title: 'Foreground', dice: c.result.foreground.dice, colour: undefined },
      ...c.result.labels.map((l) => ({ choice: l.label, title: choiceTitle(l.label, c.labels), dice: l.dice, colour: c.appearances.labelColour(l.label) })),
    ] : [],
    label: c.state.label,
    labelOrder: c.state.labelOrder,
  };
}

/** What both masks (and the background) hold at the voxel under the pointer, or at the crosshair. */
export function cursorValues(c: ComparisonView, hovered: { plane: Plane; voxel: Vec3 } | undefined): CursorValues | undefined {
  const info = c.volumes?.reference;
  const cursor = c.state.cursor;
  const { plane, voxel } = hovered ?? { plane: c.state.plane, voxel: cursor };
  const m = c.mapping(plane);
  if (!info || !voxel || !m) return undefined;
  const slice = c.store.get(plane, voxel[m.sliceAxis]);
  const s = voxelToScreen(m, voxel);
  const strides = sliceStrides(m);
  const at = strides.origin + s.x * strides.stepX + s.y * strides.stepY;
  return {
    voxel, world: voxelToWorld(info.affine, voxel),
    reference: slice?.mask[at], prediction: slice?.prediction?.[at], intensity: slice?.background?.[at],
    where: hovered ? 'pointer' : 'crosshair',
  };
}
