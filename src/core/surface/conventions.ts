// Peers disagree on what a surface is, how HD95 takes its percentile and what ASSD averages
// (see shared docs, dice.md). We fix one convention per metric, name the peer it matches, and put
// this object in every result so a number never travels without its definition.

/** Boundary metrics of one label (or the foreground) in mm; nsd is a fraction in [0, 1]. */
export interface SurfaceValues {
  /** Hausdorff distance. Infinity when exactly one mask is empty; null when both are. */
  readonly hd: number | null;
  /** Percentile Hausdorff distance at the requested percentile (95 by default). */
  readonly hd95: number | null;
  /** Average symmetric surface distance. */
  readonly assd: number | null;
  /** Normalised surface Dice at `toleranceMm`: 0 when exactly one mask is empty; null when both are. */
  readonly nsd: number | null;
  readonly toleranceMm: number;
}

export interface SurfaceConventions {
  readonly surface: string;
  readonly edge: string;
  readonly hd: string;
  readonly hd95: string;
  readonly assd: string;
  readonly nsd: string;
  readonly empty: string;
  readonly percentile: number;
  readonly toleranceMm: number;
}

export function surfaceConventions(percentile: number, toleranceMm: number): SurfaceConventions {
  return {
    surface:
      'border voxels: mask XOR its erosion by the face-connected element (6 neighbours in 3-D, 4 in 2-D); ' +
      'distances between voxel centres in mm (MONAI get_mask_edges default, MedPy); ' +
      'a volume of one slice along k is a 2-D image and measured in 2-D',
    edge:
      'outside the array is background, so mask voxels on the array edge are border voxels ' +
      '(scipy binary_erosion border_value=0, as MONAI and MedPy use it)',
    hd: 'max of the two directed maximum distances (MONAI HausdorffDistanceMetric, directed=False)',
    hd95:
      `max of the two directed ${percentile}th percentiles, linear interpolation between ranks ` +
      '(numpy percentile / torch.quantile default; MONAI HausdorffDistanceMetric percentile, Metrics Reloaded)',
    assd:
      'mean of all distances of both directions pooled (MONAI SurfaceDistanceMetric symmetric=True, MedPy 0.5.2 assd); ' +
      'not the mean of the two directed means (MedPy <= 0.4)',
    nsd:
      'surface Dice at tolerance: surfels on the voxel-corner grid weighted by area (2-D: contour length), ' +
      'distance <= tolerance counts (DeepMind surface-distance compute_surface_dice_at_tolerance; ' +
      'MONAI compute_surface_dice use_subvoxels=True)',
    empty: 'one mask empty: hd, hd95, assd = Infinity ("inf" in JSON), nsd = 0; both empty: all null',
    percentile,
    toleranceMm,
  };
}
