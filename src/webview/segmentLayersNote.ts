// The sentences a person sees when a segmentation's segments overlap (stored in layers): every
// segment is shown and counted, and where two overlap only one colour can be drawn, which the
// viewer and the comparison say rather than let a hidden segment pass unnoticed.
import type { VolumeInfo } from '../protocol/viewer';

/** The viewer's banner; undefined for a file not in layers. */
export function segmentLayersNote(info: Pick<VolumeInfo, 'segmentLayers' | 'labels'>): string | undefined {
  if (info.segmentLayers === undefined) return undefined;
  return `Overlapping segments: ${info.labels.length} segments stored in ${info.segmentLayers} layers, each its own label in the legend with its own voxel count. Where segments overlap, the smaller segment is drawn on top.`;
}

/** The comparison's Files row; undefined when neither file is in layers. */
export function comparedSegmentsNote(reference: Pick<VolumeInfo, 'segmentLayers'>, prediction: Pick<VolumeInfo, 'segmentLayers'>, warnings: readonly string[]): string | undefined {
  const sides = [['reference', reference], ['prediction', prediction]] as const;
  const layered = sides.filter(([, info]) => info.segmentLayers !== undefined).map(([side, info]) => `${side} in ${info.segmentLayers} layers`);
  if (layered.length === 0) return undefined;
  // The label matching's own sentences (numbered differently, matched by name).
  const matching = warnings.filter((w) => / so they were matched by name | were given numbers of their own /.test(w));
  return [`Segments overlap (${layered.join(', ')}): compared segment by segment, each in full; where segments overlap the panes draw the smaller one on top.`, ...matching].join(' ');
}
