// The plane a volume was most likely acquired in: the one whose slices are the finest. A sagittal
// spine MR (0.6×0.6 mm in-plane, 3.3 mm between slices) cut axially shows strips 17 voxels wide; a
// reviewer wants its sagittal slices, where the structures and the errors can be seen. So the plane
// chosen is the one that slices along the array axis with the largest voxel spacing. Near-isotropic
// volumes (no axis over 1.25 times the finest) have no acquisition plane to speak of and keep the
// radiological default, axial; ties between planes go axial, coronal, sagittal.
import { PLANES, type ArrayAxis, type Plane } from './display';
import { planeAxis } from './orientation';
import type { Geometry, Vec3 } from '../volume';

/** Spacing ratios up to this count as isotropic (1 mm × 1 mm × 1.2 mm is not a slab acquisition). */
const ISOTROPIC_RATIO = 1.25;

export function acquisitionPlane(spacing: Vec3, sliceAxisOf: (plane: Plane) => ArrayAxis): Plane {
  const finest = Math.min(...spacing);
  let best: Plane = 'axial';
  let bestSpacing = spacing[sliceAxisOf('axial')];
  for (const plane of PLANES) {
    const s = spacing[sliceAxisOf(plane)];
    if (s > bestSpacing) [best, bestSpacing] = [plane, s];
  }
  return finest > 0 && bestSpacing / finest > ISOTROPIC_RATIO ? best : 'axial';
}

/** The plane asked for, with 'auto' made the acquisition plane of `geometry` (the reference's). */
export function resolvePlane(geometry: Pick<Geometry, 'affine' | 'spacing'>, requested: Plane | 'auto'): Plane {
  return requested === 'auto' ? acquisitionPlane(geometry.spacing, (p) => planeAxis(geometry, p)) : requested;
}
