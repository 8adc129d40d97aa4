// Comparing files whose segments overlap (see io/segmentLayers.ts): either file may be stored in
// layers, the other may be a plain label mask. Labels are matched as for any pair (by name when both
// files name their labels, else by number, see colourLabels.ts), then each side's layers are read in
// step and every segment is counted as its own binary mask (segmentCounting.ts).
import { InputError } from '../errors';
import type { VolumeSource } from '../io/api';
import type { SegmentLayers } from '../io/segmentLayers';
import type { Slab, VolumeHeader } from '../volume';
import { planLabelColours, type LabelColourPlan } from './colourLabels';
import type { PassControl, PassCounts } from './countingPass';
import { segmentCountingPass, type LayerLabels, type SegmentSide } from './segmentCounting';

export const OVERLAPPING_SEGMENTS =
  'A segmentation whose segments overlap (stored in layers) is compared segment by segment: each segment is its own binary mask, so a voxel of two segments counts for both, and the foreground is any segment. Segments are matched by name when both files name their labels (a note lists any that are numbered differently), else by label number; a file in layers numbers its segments by their label values when those are unique, else 1, 2, … in the order the file lists them.';

interface SegmentInput {
  readonly ref: VolumeSource;
  readonly pred: VolumeSource;
  readonly refLayers: SegmentLayers | undefined;
  readonly predLayers: SegmentLayers | undefined;
  readonly axis: 0 | 1 | 2;
  readonly opts: PassControl;
  /** A prediction-grid source's slabs in the reference's voxel layout. */
  readonly predInReferenceOrder: (source: VolumeSource) => Promise<AsyncIterable<Slab>>;
}

function refuseFloat(h: VolumeHeader, other: VolumeHeader): void {
  if (h.dataType === 'float32' || h.dataType === 'float64') {
    throw new InputError(`${h.source} holds ${h.dataType} values; ${other.source} has segments that overlap, which are compared with label masks only.`);
  }
}

/** A layer's table with the prediction's renumbering folded in. */
function renumbered(labels: LayerLabels | null, remap: ReadonlyMap<number, number> | null): LayerLabels | null {
  if (remap === null) return labels;
  if (labels === null) {
    const table = new Uint32Array(Math.max(0, ...remap.keys()) + 1).map((_, v) => v);
    for (const [from, to] of remap) table[from] = to;
    return { table, passThrough: true };
  }
  return { table: labels.table.map((label) => remap.get(label) ?? label), passThrough: labels.passThrough };
}

export async function countSegments(input: SegmentInput): Promise<{ counts: PassCounts; labelPlan: LabelColourPlan; refHeader: VolumeHeader; predHeader: VolumeHeader }> {
  const { ref, pred, refLayers, predLayers } = input;
  if (input.opts.onSlices) {
    throw new InputError(`Surface distances are measured on one label mask per file, but ${(refLayers ?? predLayers)!.header.source} has segments that overlap; choose one layer with --volume N.`);
  }
  const refHeader = refLayers?.header ?? ref.header;
  const predHeader = predLayers?.header ?? pred.header;
  if (!refLayers) refuseFloat(refHeader, predHeader);
  if (!predLayers) refuseFloat(predHeader, refHeader);
  const labelPlan = planLabelColours(refHeader, predHeader);
  const refSide: SegmentSide = refLayers
    ? { layers: refLayers.layers.map((l) => l.slabs()), labels: refLayers.labelOf.map((table) => ({ table, passThrough: false })) }
    : { layers: [ref.slabs()], labels: [null] };
  const predSources = predLayers ? predLayers.layers : [pred];
  const predSide: SegmentSide = {
    layers: await Promise.all(predSources.map((s) => input.predInReferenceOrder(s))),
    labels: predLayers
      ? predLayers.labelOf.map((table) => renumbered({ table, passThrough: false }, labelPlan.predRemap))
      : [renumbered(null, labelPlan.predRemap)],
  };
  const counts = await segmentCountingPass(
    { ref: refSide, pred: predSide, shape: ref.header.geometry.shape, axis: input.axis, refPath: ref.header.source, predPath: pred.header.source },
    { onProgress: input.opts.onProgress, signal: input.opts.signal, onFinished: input.opts.onFinished },
  );
  return { counts, labelPlan, refHeader, predHeader };
}
