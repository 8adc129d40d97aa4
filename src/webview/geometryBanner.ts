// How the webviews treat a file whose geometry is not anatomical: a PNG (no anatomy by nature) or a
// NIfTI file whose transforms were all unusable (the core fell back to its voxel grid). Both are
// drawn as stored, without direction letters or world positions; the latter also gets a banner.
import type { VolumeInfo } from '../protocol/viewer';

/**
 * PNG masks and files without a usable geometry have no anatomy: no R/L/A/P letters, no world
 * position, shown as stored. A file without geometry is drawn on its voxel grid, as if stored RAS.
 */
export function hasAnatomy(info: Pick<VolumeInfo, 'affineSource'>): boolean {
  return info.affineSource !== 'png' && info.affineSource !== 'voxel';
}

/** The banner over a file whose geometry could not be used as declared; undefined when it could. */
export function geometryBannerText(info: Pick<VolumeInfo, 'affineSource' | 'geometryWarning'>): string | undefined {
  if (info.affineSource === 'voxel') {
    return `The geometry of this file is unusable, so it is shown on its voxel grid (no millimetres, no anatomical directions). ${info.geometryWarning ?? ''}`.trim();
  }
  return info.geometryWarning;
}
