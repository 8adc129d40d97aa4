// compareSources / compareVolumes: check the grids, put the prediction in the reference's voxel
// order (streaming when the orientation allows, whole-volume otherwise), run the counting pass and
// summarise. The object returned is the CLI's --json output and the worker's reply.
import { InputError } from '../errors';
import { resolvePlane } from '../geometry/acquisitionPlane';
import { alignGrids } from '../geometry/align';
import { linearPart, det3 } from '../geometry/matrix';
import { planeAxis } from '../geometry/orientation';
import { reorientToReference, type Aligned } from '../geometry/reorient';
import type { VolumeSource } from '../io/api';
import { hasWorldGeometry, type Geometry, type Slab, type Volume, type VolumeHeader } from '../volume';
import { planLabelColours, remapLabelSlabs, type LabelColourPlan } from './colourLabels';
import { countingPass, type PassControl, type PassCounts } from './countingPass';
import { openSegmentLayers } from '../io/segmentLayers';
import { countSegments, OVERLAPPING_SEGMENTS } from './segmentCompare';
import { keepsSlabOrder, remappedSlabs } from './slabRemap';
import { sliceVoxelAreaMm2 } from './severity';
import { foregroundSlices, summarise } from './summarise';
import type { CompareOptions, ComparisonResult, GeometryAlignment, Plane, RunControl, VolumeDescription } from './types';
import { conventions, resolveOptions } from './options';

interface Plan {
  readonly alignment: GeometryAlignment;
  readonly note: string;
  /** How to bring the prediction into the reference's layout; null = voxel by voxel as stored. */
  readonly reorient: Aligned | null;
}

const dims = (g: Geometry): string => g.shape.join('×');

function planGrids(ref: VolumeHeader, pred: VolumeHeader, ignoreGeometry: boolean): Plan {
  const a = alignGrids(ref.geometry, pred.geometry);
  if (ignoreGeometry) {
    if (ref.geometry.shape.some((n, axis) => n !== pred.geometry.shape[axis])) {
      throw new InputError(`${pred.source} has shape ${dims(pred.geometry)} but ${ref.source} has ${dims(ref.geometry)}; voxel-by-voxel comparison needs equal shapes.`);
    }
    const why =
      a.kind === 'identical' ? 'the grids are identical anyway.'
      : a.kind === 'reoriented' ? 'note that the files store the same grid in different axis orders, which a comparison without --ignore-geometry would have reoriented.'
      : `the grids differ: ${lowerFirst(a.reason)}`;
    return { alignment: 'ignored', note: `Geometry ignored on request: voxels compared by array index; ${why}`, reorient: null };
  }
  if (a.kind === 'mismatch') {
    // A grid that differs because a declared transform was unusable says so, or the refusal would puzzle.
    const why = [ref, pred].flatMap((h) => (h.geometry.geometryWarning === undefined ? [] : [` (${h.source}: ${lowerFirst(h.geometry.geometryWarning.replace(/\.$/, ''))})`])).join('');
    throw new InputError(`${pred.source} is not on the grid of ${ref.source}: ${lowerFirst(a.reason).replace(/\.$/, '')}${why}.`);
  }
  if (a.kind === 'identical' && a.unchecked !== undefined) return { alignment: 'unchecked', note: a.unchecked, reorient: null };
  if (a.kind === 'identical') return { alignment: 'identical', note: 'Both files share one voxel grid.', reorient: null };
  return {
    alignment: 'reoriented',
    note: `The prediction (${pred.geometry.orientation}) stores the reference's grid (${ref.geometry.orientation}) in another axis order or direction; it was compared in the reference's voxel order, and slice indices are the reference's.`,
    reorient: a,
  };
}

const lowerFirst = (s: string): string => s.charAt(0).toLowerCase() + s.slice(1);

const voxelMl = (g: Geometry): number | null => (hasWorldGeometry(g) ? Math.abs(det3(linearPart(g.affine))) / 1000 : null);

function describe(h: VolumeHeader, kind: VolumeDescription['kind']): VolumeDescription {
  const g = h.geometry;
  const volume = h.volumes > 1 ? { volume: { index: h.volumeIndex, of: h.volumes } } : {};
  const world = hasWorldGeometry(g);
  return {
    path: h.source, shape: g.shape, spacing: world ? g.spacing : null, orientation: world ? g.orientation : 'voxel grid',
    geometry: g.affineSource, dataType: h.dataType, kind, ...volume,
    ...(h.segmentLayers !== undefined && { segmentLayers: h.segmentLayers }),
  };
}

/**
 * The sentences a result carries about geometry: each file's unusable transform (from the reader),
 * and what that leaves unmeasured. Shared with the surface metrics, which add their own.
 */
export function geometryWarnings(ref: VolumeHeader, pred: VolumeHeader, plane: string): string[] {
  const warnings: string[] = [];
  for (const h of [ref, pred]) if (h.geometry.geometryWarning !== undefined) warnings.push(`${h.source}: ${h.geometry.geometryWarning}`);
  const without = [ref, pred].filter((h) => !hasWorldGeometry(h.geometry)).map((h) => h.source);
  if (without.length > 0) warnings.push(`${without.join(' and ')} ${without.length === 1 ? 'has' : 'have'} no usable geometry: ${without.length === 1 ? 'its' : 'their'} mL (refMl/predMl) are null.`);
  if (!hasWorldGeometry(ref.geometry)) warnings.push(`The ${plane} plane cannot be found from ${ref.source}'s affine, so its slices are taken along array axis ${'ijk'[planeAxis(ref.geometry, plane as Plane)]} as if the file were stored RAS.`);
  return warnings;
}

/** What each reader noted about its file (an ignored measurement frame, the layer read), one sentence each. */
function fileNotes(ref: VolumeHeader, pred: VolumeHeader): string[] {
  return [ref, pred].flatMap((h) => (h.notes ?? []).map((n) => `${h.source}: ${n}.`));
}

async function* wholeVolume(volume: Volume): AsyncGenerator<Slab> {
  yield { kStart: 0, kCount: volume.header.geometry.shape[2], data: volume.data };
}

/** The prediction's slabs in the reference's voxel layout (streamed when the orientation allows). */
async function inReferenceOrder(pred: VolumeSource, plan: Plan, refGeometry: Geometry): Promise<AsyncIterable<Slab>> {
  if (plan.reorient === null) return pred.slabs();
  if (keepsSlabOrder(plan.reorient)) return remappedSlabs(pred.slabs(), plan.reorient, refGeometry.shape, pred.header.geometry.shape);
  return wholeVolume(reorientToReference(await pred.readAll(), refGeometry, plan.reorient));
}

interface Counted {
  readonly counts: PassCounts;
  readonly labelPlan: LabelColourPlan;
  /** The headers that describe the files as compared (every segment of a layered file). */
  readonly refHeader: VolumeHeader;
  readonly predHeader: VolumeHeader;
}

async function countLabelMasks(ref: VolumeSource, pred: VolumeSource, plan: Plan, axis: 0 | 1 | 2, o: ReturnType<typeof resolveOptions>, control: PassControl): Promise<Counted> {
  const refGeometry = ref.header.geometry;
  let predSlabs = await inReferenceOrder(pred, plan, refGeometry);
  const labelPlan = planLabelColours(ref.header, pred.header);
  if (labelPlan.predRemap) predSlabs = remapLabelSlabs(predSlabs, labelPlan.predRemap);
  const counts = await countingPass(
    {
      ref: ref.slabs(), pred: predSlabs, shape: refGeometry.shape, axis,
      probThreshold: o.probThreshold, refPath: ref.header.source, predPath: pred.header.source,
    },
    control,
  );
  return { counts, labelPlan, refHeader: ref.header, predHeader: pred.header };
}

export async function compareSources(
  ref: VolumeSource,
  pred: VolumeSource,
  opts: CompareOptions & RunControl = {},
): Promise<ComparisonResult> {
  const o = resolveOptions(opts);
  const plan = planGrids(ref.header, pred.header, o.ignoreGeometry);
  const refGeometry = ref.header.geometry;
  const plane = resolvePlane(refGeometry, o.plane);
  const axis = planeAxis(refGeometry, plane);
  const [refLayers, predLayers] = await Promise.all([openSegmentLayers(ref), openSegmentLayers(pred)]);
  const finished = opts.onSlicesFinished;
  const control: PassControl = {
    onProgress: opts.onProgress, signal: opts.signal, onSlices: opts.onSlices,
    ...(finished && { onFinished: (table, count) => finished(count, (from, to) => foregroundSlices(table, from, to, o.smooth)) }),
  };
  const { counts, labelPlan: colourPlan, refHeader, predHeader } =
    refLayers || predLayers
      ? await countSegments({ ref, pred, refLayers, predLayers, axis, opts: control, predInReferenceOrder: (source) => inReferenceOrder(source, plan, refGeometry) })
      : await countLabelMasks(ref, pred, plan, axis, o, control);
  // Without a usable transform there are no millimetres: a voxel then counts as 1 mm² (the floor
  // and the severity become voxel counts), as the README says.
  const voxelAreaMm2 = hasWorldGeometry(refGeometry) ? sliceVoxelAreaMm2(refGeometry.affine, axis) : 1;
  const summary = summarise(counts.table, {
    smooth: o.smooth, threshold: o.threshold, minErrorMm2: o.minErrorMm2, voxelAreaMm2,
    refVoxelMl: voxelMl(refGeometry), predVoxelMl: voxelMl(pred.header.geometry),
  });
  const soft = counts.soft;
  const g = summary.foreground.refVoxels;
  return {
    reference: describe(refHeader, counts.refKind),
    prediction: describe(predHeader, counts.predKind),
    plane,
    axis,
    threshold: o.threshold,
    minErrorMm2: o.minErrorMm2,
    sliceVoxelAreaMm2: voxelAreaMm2,
    probThreshold: o.probThreshold,
    smooth: o.smooth,
    foreground: summary.foreground,
    labels: colourPlan.colours.size === 0 && colourPlan.names.size === 0 ? summary.labels
      : summary.labels.map((l) => {
        const colour = colourPlan.colours.get(l.label);
        const name = colourPlan.names.get(l.label);
        return { ...l, ...(colour !== undefined && { colour }), ...(name !== undefined && { name }) };
      }),
    meanDice: summary.meanDice,
    flagged: summary.flagged,
    ...(soft && {
      softDice: soft.p + g === 0 ? null : (2 * soft.pg) / (soft.p + g),
      softDiceSquared: soft.p2 + g === 0 ? null : (2 * soft.pg) / (soft.p2 + g),
    }),
    geometry: { alignment: plan.alignment, note: plan.note, reference: refGeometry.affineSource, prediction: pred.header.geometry.affineSource },
    warnings: [...geometryWarnings(ref.header, pred.header, plane), ...fileNotes(refHeader, predHeader), ...colourPlan.notes],
    conventions: refLayers || predLayers ? { ...conventions(o, plane), overlappingSegments: OVERLAPPING_SEGMENTS } : conventions(o, plane),
  };
}

/** The same comparison on volumes already in memory (the worker holds them for the viewer). */
export function compareVolumes(ref: Volume, pred: Volume, opts: CompareOptions & RunControl = {}): Promise<ComparisonResult> {
  const inMemory = (v: Volume): VolumeSource => ({ header: v.header, slabs: () => wholeVolume(v), readAll: () => Promise.resolve(v) });
  return compareSources(inMemory(ref), inMemory(pred), opts);
}
