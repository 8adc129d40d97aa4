// A segmentation whose segments overlap, held in memory by a worker (viewer or comparison): every
// layer as read, plus one composite label volume for drawing (io/segmentLayers.ts). The composite
// is what the panes slice and what consumers that know nothing of layers see; the layers stay
// reachable through the source's segmentLayers, so the metrics count each segment in full. The
// legend's voxel counts are each segment's own, not what the composite shows of it.
import type { SegmentLayerAccess, VolumeSource } from '../core/io/api';
import { compositeSource, openSegmentLayers, segmentVoxelCounts, type SegmentLayers } from '../core/io/segmentLayers';
import type { Volume } from '../core/volume';
import { chunkedSource } from './compareSlabs';
import type { LabelCounts } from './labelCounts';

/** `source` itself, or for a file in layers: the composite in memory with its layers in memory too. */
export async function holdSegmentLayers(source: VolumeSource, checkBytes: (header: Volume['header'], layers: number) => void): Promise<VolumeSource> {
  const layered = await openSegmentLayers(source);
  if (!layered) return source;
  checkBytes(layered.layers[0]!.header, layered.layers.length + 1);
  const volumes: Volume[] = [];
  for (const layer of layered.layers) volumes.push(await layer.readAll());
  const inMemory: SegmentLayers = { ...layered, layers: volumes.map((v) => chunkedSource(v)) };
  const composite = await compositeSource(inMemory).readAll();
  return withSegmentLayers(chunkedSource(composite), { count: volumes.length, open: (index) => Promise.resolve(chunkedSource(volumes[index]!)) });
}

/** A source over a held volume, with its layers when it has them. */
export function withSegmentLayers(source: VolumeSource, layers: SegmentLayerAccess | undefined): VolumeSource {
  return layers ? { ...source, segmentLayers: layers } : source;
}

/** Each segment's voxels counted in its own layer, for the legend; undefined for a file not in layers. */
export async function segmentCounts(source: VolumeSource, renumber: ReadonlyMap<number, number> | null = null): Promise<LabelCounts | undefined> {
  const layered = await openSegmentLayers(source);
  if (!layered) return undefined;
  const counts = await segmentVoxelCounts(layered);
  const labels = [...counts].map(([value, voxelCount]) => ({ value: renumber?.get(value) ?? value, voxelCount })).sort((a, b) => a.value - b.value);
  return { labels, truncated: false };
}
