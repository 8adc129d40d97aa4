// A synthetic reference/prediction pair with a CT-like background, and its ComparisonResult computed
// here with plain loops (independent of the webview, which only draws what it is given). The pair is
// RAS with 1 × 1 × 2.5 mm voxels, so "axial" slices run along k and where a voxel appears on screen
// follows from anatomy alone (radiological: x = W−1−i, anterior up: y = H−1−j).
import type { ComparisonResult, LabelMetrics, OverlapMetrics, SliceMetrics } from '../../src/core/metrics/types';
import { flag } from '../../src/core/metrics/summarise';
import { surfaceMetrics, withSurface, type SurfaceComparisonResult } from '../../src/core/surface';
import type { Affine, Vec3 } from '../../src/core/volume';
import type { Axis } from '../../src/protocol/viewer';
import { voxelIndex, type TestVolume } from './fakeHost';

export const SHAPE: Vec3 = [48, 40, 20];
export const SPACING: Vec3 = [1, 1, 2.5];
const AFFINE: Affine = [1, 0, 0, -24, 0, 1, 0, -20, 0, 0, 2.5, -25, 0, 0, 0, 1];
export const NAMES = new Map([[1, 'liver'], [2, 'spleen']]);

interface Box { readonly label: number; readonly i: [number, number]; readonly j: [number, number]; readonly k: [number, number] }

/**
 * Reference: liver i 8–23, j 10–29, k 4–15; spleen i 30–39, j 12–21, k 6–11.
 * Prediction: liver shifted 2 voxels toward R and missing slice 4 (i 10–25, k 5–15); spleen shifted
 * 2 toward A and running on to slice 13 (j 14–23, k 6–13). So slice 4 is Dice 0 for the liver (FN
 * only), slices 12–13 are Dice 0 for the spleen (FP only), and slices 0–3 and 16–19 are empty (n/a).
 */
export const REFERENCE_BOXES: readonly Box[] = [
  { label: 1, i: [8, 24], j: [10, 30], k: [4, 16] },
  { label: 2, i: [30, 40], j: [12, 22], k: [6, 12] },
];
export const PREDICTION_BOXES: readonly Box[] = [
  { label: 1, i: [10, 26], j: [10, 30], k: [5, 16] },
  { label: 2, i: [30, 40], j: [14, 24], k: [6, 14] },
];

function paint(boxes: readonly Box[]): Uint8Array {
  const out = new Uint8Array(SHAPE[0] * SHAPE[1] * SHAPE[2]);
  for (const b of boxes) {
    for (let k = b.k[0]; k < b.k[1]; k++) {
      for (let j = b.j[0]; j < b.j[1]; j++) {
        for (let i = b.i[0]; i < b.i[1]; i++) out[voxelIndex(SHAPE, [i, j, k])] = b.label;
      }
    }
  }
  return out;
}

/** A body-like ellipse (soft tissue, 40 HU) in air (−1000 HU) with a brighter organ where the liver is. */
function backgroundImage(): Int16Array {
  const out = new Int16Array(SHAPE[0] * SHAPE[1] * SHAPE[2]);
  for (let k = 0; k < SHAPE[2]; k++) {
    for (let j = 0; j < SHAPE[1]; j++) {
      for (let i = 0; i < SHAPE[0]; i++) {
        const inside = ((i - 23.5) / 22) ** 2 + ((j - 19.5) / 17) ** 2 <= 1;
        const organ = i >= 7 && i < 27 && j >= 9 && j < 31;
        out[voxelIndex(SHAPE, [i, j, k])] = !inside ? -1000 : organ ? 90 + ((i * 7 + j * 3) % 20) : 30 + ((i * 5 + j * 11 + k) % 25);
      }
    }
  }
  return out;
}

const SLICE_AXES = { axial: 2, coronal: 1, sagittal: 0 } as const;

export function testPair(): { reference: TestVolume; prediction: TestVolume } {
  const common = { shape: SHAPE, spacing: SPACING, affine: AFFINE, orientation: 'RAS', sliceAxes: SLICE_AXES, names: NAMES };
  return {
    reference: { ...common, fileName: 'case01_gt.nii.gz', mask: paint(REFERENCE_BOXES), background: backgroundImage() },
    prediction: { ...common, fileName: 'case01_pred.nii.gz', mask: paint(PREDICTION_BOXES) },
  };
}

function overlap(ref: Uint8Array, pred: Uint8Array, axis: Axis, label: number | null): OverlapMetrics {
  const inLabel = (v: number): boolean => (label === null ? v !== 0 : v === label);
  const counts = Array.from({ length: SHAPE[axis] }, () => ({ tp: 0, fp: 0, fn: 0 }));
  for (let k = 0; k < SHAPE[2]; k++) {
    for (let j = 0; j < SHAPE[1]; j++) {
      for (let i = 0; i < SHAPE[0]; i++) {
        const at = voxelIndex(SHAPE, [i, j, k]);
        const r = inLabel(ref[at]!);
        const p = inLabel(pred[at]!);
        const c = counts[[i, j, k][axis]!]!;
        if (r && p) c.tp++;
        else if (r) c.fn++;
        else if (p) c.fp++;
      }
    }
  }
  const dice = (c: { tp: number; fp: number; fn: number }): number | null => (2 * c.tp + c.fp + c.fn === 0 ? null : (2 * c.tp) / (2 * c.tp + c.fp + c.fn));
  const perSlice: SliceMetrics[] = counts.map((c, index) => ({ index, ...c, dice: dice(c) }));
  const total = counts.reduce((a, c) => ({ tp: a.tp + c.tp, fp: a.fp + c.fp, fn: a.fn + c.fn }), { tp: 0, fp: 0, fn: 0 });
  const defined = perSlice.filter((s) => s.dice !== null).map((s) => s.dice!);
  const voxelMl = (SPACING[0] * SPACING[1] * SPACING[2]) / 1000;
  const d = dice(total);
  return {
    ...total, dice: d, iou: d === null ? null : d / (2 - d),
    refVoxels: total.tp + total.fn, predVoxels: total.tp + total.fp,
    refMl: (total.tp + total.fn) * voxelMl, predMl: (total.tp + total.fp) * voxelMl,
    meanSliceDice: defined.length ? defined.reduce((a, b) => a + b, 0) / defined.length : null,
    slices: perSlice,
  };
}

const PLANE_AXIS = { axial: 2, coronal: 1, sagittal: 0 } as const;

/** The comparison along a plane (axial: k), as the metrics engine would report it. */
export function testResult(threshold = 0.8, plane: keyof typeof PLANE_AXIS = 'axial', minErrorMm2 = 0): ComparisonResult {
  const { reference, prediction } = testPair();
  const axis = PLANE_AXIS[plane];
  const foreground = overlap(reference.mask, prediction.mask, axis, null);
  const labels: LabelMetrics[] = [1, 2].map((label) => ({ label, ...overlap(reference.mask, prediction.mask, axis, label) }));
  const inPlane = [0, 1, 2].filter((a) => a !== axis).map((a) => SPACING[a]!);
  const voxelAreaMm2 = inPlane[0]! * inPlane[1]!;
  const flagged = flag(foreground, labels, { threshold, minErrorMm2, voxelAreaMm2 });
  const description = (path: string) => ({ path, shape: SHAPE, spacing: SPACING, orientation: 'RAS', geometry: 'sform' as const, dataType: 'uint8' as const, kind: 'labels' as const });
  const defined = labels.filter((l) => l.dice !== null).map((l) => l.dice!);
  return {
    reference: description(reference.fileName), prediction: description(prediction.fileName),
    plane, axis, threshold, minErrorMm2, sliceVoxelAreaMm2: voxelAreaMm2, probThreshold: 0.5, smooth: 0,
    foreground, labels, meanDice: defined.reduce((a, b) => a + b, 0) / defined.length, flagged,
    geometry: { alignment: 'identical', note: '', reference: 'sform', prediction: 'sform' },
    warnings: [],
    conventions: { emptyMasks: '', smoothing: '', plane: '', probabilityMaps: '', means: '', ranking: '' },
  };
}

/** testResult() with the boundary metrics of the pair merged in (the core's, 3-D and per slice), as the worker sends them. */
export function testSurfaceResult(toleranceMm = 1): SurfaceComparisonResult {
  const { reference, prediction } = testPair();
  const result = testResult();
  const volume = (mask: Uint8Array) => ({ data: mask, shape: SHAPE, spacing: SPACING });
  const surface = surfaceMetrics(volume(reference.mask), volume(prediction.mask), [1, 2], { toleranceMm, perSlice: { axis: result.axis } });
  return withSurface(result, surface);
}
