// Defaults, validation and the plain-language statement of every convention the numbers follow;
// the statement travels inside each result so a number is never separated from its definition.
import { PLANES } from '../geometry/display';
import { InputError } from '../errors';
import type { CompareOptions, ComparisonResult, Plane } from './types';

export interface ResolvedOptions {
  readonly plane: Plane | 'auto';
  readonly threshold: number;
  readonly minErrorMm2: number;
  readonly probThreshold: number;
  readonly smooth: number;
  readonly ignoreGeometry: boolean;
}

/**
 * minErrorMm2 = 10: at the 0.7–1 mm in-plane spacing of abdominal CT that is 10–20 voxels, above
 * the few-voxel disagreements annotators and models leave at organ borders (stray voxels of 0.5–1
 * mm² each), and below the 12.6 mm² cross-section of a 4 mm structure, so a small lesion or a thin
 * organ missing from a slice is still flagged. Checked on a real model output (panoptica's spine
 * example, test/fixtures/real/): the pairs it drops are the few-voxel ends of thin structures.
 */
export const DEFAULTS = { plane: 'auto', threshold: 0.8, minErrorMm2: 10, probThreshold: 0.5, smooth: 0 } as const;

export function resolveOptions(opts: CompareOptions): ResolvedOptions {
  const plane = opts.plane ?? DEFAULTS.plane;
  const threshold = opts.threshold ?? DEFAULTS.threshold;
  const minErrorMm2 = opts.minErrorMm2 ?? DEFAULTS.minErrorMm2;
  const probThreshold = opts.probThreshold ?? DEFAULTS.probThreshold;
  const smooth = opts.smooth ?? DEFAULTS.smooth;
  if (plane !== 'auto' && !PLANES.includes(plane)) throw new InputError(`The plane must be auto or one of ${PLANES.join(', ')}, not "${String(plane)}".`);
  if (!Number.isFinite(threshold)) throw new InputError(`The flagging threshold must be a number, not ${threshold}.`);
  if (!(minErrorMm2 >= 0 && Number.isFinite(minErrorMm2))) throw new InputError(`The minimum error area must be a number of mm² >= 0, not ${minErrorMm2}.`);
  if (!(probThreshold > 0 && probThreshold <= 1)) {
    throw new InputError(`The probability threshold must be greater than 0 and at most 1, not ${probThreshold}.`);
  }
  if (!(smooth >= 0 && Number.isFinite(smooth))) throw new InputError(`The smoothing term must be a number >= 0, not ${smooth}.`);
  return { plane, threshold, minErrorMm2, probThreshold, smooth, ignoreGeometry: opts.ignoreGeometry ?? false };
}

/** `plane`: the plane used (what 'auto' became for this reference); absent for many cases (batch), each with its own. */
export function conventions(o: ResolvedOptions, plane?: Plane): ComparisonResult['conventions'] {
  const normal = plane ?? (o.plane === 'auto' ? 'chosen plane' : o.plane);
  return {
    emptyMasks:
      'Dice and IoU are null when neither mask has the label (in the volume or in the slice): never flagged, left out of every mean. Reference empty with a non-empty prediction gives 0.',
    smoothing:
      o.smooth === 0
        ? 'No smoothing: Dice = 2TP/(2TP+FP+FN), IoU = TP/(TP+FP+FN).'
        : `Smoothed with s = ${o.smooth}: Dice = (2TP+s)/(2TP+FP+FN+s), IoU = (TP+s)/(TP+FP+FN+s), wherever at least one mask is non-empty (both empty stays null).`,
    plane:
      `Slices are taken along the reference file's array axis closest to the ${normal} normal (from its affine, so RAS, LPS and oblique files agree); a slice index is the 0-based voxel index along that axis.${o.plane === 'auto' ? ` The ${plane ? `${plane} plane was` : 'plane of each case is'} chosen as the reference's acquisition plane: the plane slicing along its coarsest voxel axis, axial when no axis is over 1.25 times the finest.` : ''}`,
    probabilityMaps:
      `A float volume with values in [0, 1] that are not all 0 or 1 is a probability map: foreground where value >= ${o.probThreshold} (label 1). softDice = 2Σpg/(Σp+Σg) and softDiceSquared = 2Σpg/(Σp²+Σg²) use the raw prediction p against the binarised reference g.`,
    means:
      'meanDice is the mean of the volume Dice over labels where it is defined; meanSliceDice is the mean of the per-slice Dice over slices where it is defined. Both differ from the volume Dice, which pools the counts of all slices.',
    ranking:
      `A slice (of a label or the foreground) is flagged when its Dice < ${o.threshold} and its error area errorMm2 = (FP + FN) × the in-plane area of one voxel of the slice plane (sliceVoxelAreaMm2) is at least ${o.minErrorMm2} mm²${o.minErrorMm2 === 0 ? ' (no noise floor)' : ''}. flagged is ordered by severity = errorMm2 × (1 − Dice), largest first; ties by Dice ascending, then the foreground, then labels ascending, then slice index.`,
  };
}
