// A segmentation whose segments overlap (Slicer .seg.nrrd with several layers, a DICOM SEG whose
// segments share voxels) is stored as several label volumes, "layers". A person wants every segment:
// each is its own label, with its name and colour. This module turns a source that offers its layers
// into that view:
//  - every segment gets one label number for the whole file: its label value when no two segments
//    share one (DICOM SEG's segment numbers), else its place in the file's segment list, 1, 2, …
//    (Slicer numbers segments in each layer from 1, so "tumour" and "organ" may both be 1);
//  - per layer, a table from stored value to that label (the metrics count each segment in full
//    from the layers, see metrics/segmentCounting.ts);
//  - one composite label volume for drawing, where the smaller segment is shown where segments
//    overlap, so a lesion inside an organ stays visible with the organ around it, whichever layer
//    each file put them in (that is the only lossy part, and the viewer says so).
// Layers are separate streams (one per layer, each picking its values out of the file), so memory
// stays one slab per layer while streaming; bit-packing segments would save memory only for the
// in-memory composite and would need a second counting kernel.
import type { Slab, SegmentInfo, Volume, VolumeHeader, VoxelArray } from '../volume';
import type { VolumeSource } from './api';
import { allocateVoxels } from './voxelDecoder';
import { alignedSlabs } from './alignedSlabs';

/** How the readers begin the note that says which single layer they read. */
const SINGLE_LAYER_NOTE = /^its (segments overlap|holds \d+ probability maps)/;

export interface SegmentLayers {
  /** Describes the whole file: every segment's name and colour by its label, segmentLayers set. */
  readonly header: VolumeHeader;
  /** Each layer as read from the file. */
  readonly layers: readonly VolumeSource[];
  /** Per layer: stored value -> label (0 = no segment); values past the end are no segment. */
  readonly labelOf: readonly Uint32Array[];
}

/** The label each segment gets in the whole file (see the top of this file). */
export function segmentLabels(segments: readonly SegmentInfo[]): number[] {
  const values = new Set(segments.map((s) => s.labelValue));
  return values.size === segments.length && segments.every((s) => s.labelValue > 0) ? segments.map((s) => s.labelValue) : segments.map((_, n) => n + 1);
}

/** The layers of `source` with every segment as its own label; undefined for any other file. */
export async function openSegmentLayers(source: VolumeSource): Promise<SegmentLayers | undefined> {
  const access = source.segmentLayers;
  if (!access || access.count < 2) return undefined;
  const layers: VolumeSource[] = [];
  for (let index = 0; index < access.count; index++) layers.push(await access.open(index));
  const first = layers[0]!.header;
  const segments = first.segments ?? [];
  const labels = segmentLabels(segments);
  const labelOf = layers.map((_, layer) => {
    const here = segments.map((s, n) => ({ s, label: labels[n]! })).filter(({ s }) => s.layer === layer && s.labelValue >= 0);
    const table = new Uint32Array(Math.max(0, ...here.map(({ s }) => s.labelValue)) + 1);
    for (const { s, label } of here) table[s.labelValue] = label;
    return table;
  });
  const renumbered = labels.some((label, n) => label !== segments[n]!.labelValue);
  const list = segments.map((s, n) => `${s.name} ${labels[n]}`).join(', ');
  const note =
    `its ${segments.length} segments overlap, so the file stores them in ${access.count} layers; each segment is its own label, counted in full` +
    (renumbered ? ` (numbered in the file's order: ${list})` : '');
  const header: VolumeHeader = {
    ...first,
    dataType: labels.length > 255 ? 'uint16' : 'uint8',
    volumes: 1,
    volumeIndex: 0,
    segmentLayers: access.count,
    labelNames: new Map(segments.map((s, n) => [labels[n]!, s.name])),
    labelColours: new Map(segments.flatMap((s, n) => (s.colour ? [[labels[n]!, s.colour] as const] : []))),
    notes: [...(first.notes ?? []).filter((n) => !SINGLE_LAYER_NOTE.test(n)), note],
  };
  return { header, layers, labelOf };
}

/** Writes the composite of one run of layer slices into `out`: of overlapping segments, the higher rank wins. */
function composite(layers: readonly VoxelArray[], labelOf: readonly Uint32Array[], rank: Float64Array, out: VoxelArray): void {
  out.fill(0);
  layers.forEach((data, layer) => {
    const table = labelOf[layer]!;
    for (let v = 0; v < data.length; v++) {
      const stored = data[v]!;
      if (stored === 0) continue;
      const label = stored < table.length ? table[stored]! : 0;
      if (label !== 0 && rank[label]! > rank[out[v]!]!) out[v] = label;
    }
  });
}

/** Per label: its drawing rank, higher for fewer voxels (ties: the later label); 0 has the lowest. */
async function drawingRanks(s: SegmentLayers): Promise<Float64Array> {
  const counts = await segmentVoxelCounts(s);
  const labels = [...(s.header.labelNames?.keys() ?? [])];
  const rank = new Float64Array(Math.max(0, ...labels) + 1).fill(-1);
  const bySize = labels.sort((a, b) => (counts.get(b) ?? 0) - (counts.get(a) ?? 0) || a - b);
  bySize.forEach((label, n) => (rank[label] = n));
  return rank;
}

/**
 * The composite label volume as a source (for drawing, and for consumers that know nothing of
 * layers). Streaming it reads the layers twice: once to size the segments, once to draw them.
 */
export function compositeSource(s: SegmentLayers): VolumeSource {
  const [ni, nj, nk] = s.header.geometry.shape;
  const sliceLength = ni * nj;
  const kind = s.header.dataType === 'uint8' ? 'Uint8Array' : 'Uint16Array';
  async function* slabs(): AsyncGenerator<Slab> {
    const rank = await drawingRanks(s);
    let out: VoxelArray = allocateVoxels(kind, 0);
    for await (const run of alignedSlabs(s.layers.map((l) => l.slabs()), sliceLength, nk)) {
      const length = run.kCount * sliceLength;
      if (out.length < length) out = allocateVoxels(kind, length);
      const view = out.subarray(0, length);
      composite(run.data, s.labelOf, rank, view);
      yield { kStart: run.kStart, kCount: run.kCount, data: view };
    }
  }
  const source: VolumeSource = {
    header: s.header,
    slabs,
    readAll: async (): Promise<Volume> => {
      const data = allocateVoxels(kind, sliceLength * nk);
      for await (const slab of slabs()) data.set(slab.data, slab.kStart * sliceLength);
      return { header: s.header, data };
    },
  };
  return source;
}

/** Voxels of each segment's label, counted in its own layer (so overlapped voxels count for both). */
export async function segmentVoxelCounts(s: SegmentLayers): Promise<Map<number, number>> {
  const counts = new Map<number, number>();
  for (const [layer, source] of s.layers.entries()) {
    const table = s.labelOf[layer]!;
    const byValue = new Float64Array(table.length);
    for await (const slab of source.slabs()) {
      for (let v = 0; v < slab.data.length; v++) {
        const stored = slab.data[v]!;
        if (stored !== 0 && stored < table.length) byValue[stored]!++;
      }
    }
    table.forEach((label, stored) => {
      if (label !== 0 && byValue[stored]! > 0) counts.set(label, (counts.get(label) ?? 0) + byValue[stored]!);
    });
  }
  return counts;
}
