// A background image must sample the mask's grid: identically, or the same grid stored in another
// axis order / direction (then slices are read through an index map, no resampled copy is made).
// Anything else is refused with what differs; the mask stays displayed.
import { InputError } from '../core/errors';
import { alignGrids } from '../core/geometry/align';
import { predictionIndexMap } from '../core/geometry/reorient';
import type { VolumeHeader } from '../core/volume';
import type { VoxelIndexMap } from './slice';

export function alignBackground(
  mask: VolumeHeader,
  background: VolumeHeader,
): { readonly map: VoxelIndexMap; readonly alignment: 'identical' | 'reoriented' } {
  const alignment = alignGrids(mask.geometry, background.geometry);
  if (alignment.kind === 'mismatch') {
    throw new InputError(`${fileName(background.source)} is not on the grid of ${fileName(mask.source)}: ${inViewerTerms(alignment.reason)}`);
  }
  const { offset, stride } = predictionIndexMap(alignment, background.geometry.shape);
  return { map: { offset, strides: stride }, alignment: alignment.kind };
}

/** The core compares a "reference" with a "prediction"; here they are the mask and its background. */
function inViewerTerms(reason: string): string {
  return reason
    .replace(/\breference\b/g, 'mask')
    .replace(/\bprediction's\b/g, "background's")
    .replace(/\bprediction\b/g, 'background');
}

function fileName(source: string): string {
  return source.slice(Math.max(source.lastIndexOf('/'), source.lastIndexOf('\\')) + 1);
}
