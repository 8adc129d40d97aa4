// A TotalSegmentator-like reference/prediction pair for the tests of problem ranking: 24 organs of
// very different sizes on anisotropic CT voxels (0.8 × 0.8 × 2.5 mm), where the prediction has one
// real error (half of the right kidney missing in a few slices), one small real error (the
// gallbladder one voxel thinner in two slices) and scattered one- to seven-voxel differences across
// many labels — the noise that ranked above the kidney when problems were ordered by Dice alone.
// The generator records where it put each difference, so tests check the ranking against what was
// done to the masks, not against the metrics engine.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { writeNiftiGz } from '../../src/core/io/niftiWriter';
import { seededRandom } from '../../src/core/phantom/random';
import type { Affine, Vec3 } from '../../src/core/volume';

export const MANY_LABEL_SHAPE: Vec3 = [96, 96, 40];
export const MANY_LABEL_SPACING: Vec3 = [0.8, 0.8, 2.5];
/** mm² of one voxel in an axial slice. */
export const AXIAL_VOXEL_MM2 = MANY_LABEL_SPACING[0] * MANY_LABEL_SPACING[1];

interface Organ {
  readonly label: number;
  readonly name: string;
  /** Centre (voxels) and radii (voxels) of an ellipsoid. */
  readonly centre: Vec3;
  readonly radii: Vec3;
}

/** TotalSegmentator v2 numbers and names for the organs drawn (a subset of its 117 classes). */
const ORGANS: readonly Omit<Organ, 'centre' | 'radii'>[] = [
  { label: 1, name: 'spleen' }, { label: 2, name: 'kidney_right' }, { label: 3, name: 'kidney_left' },
  { label: 4, name: 'gallbladder' }, { label: 5, name: 'liver' }, { label: 6, name: 'stomach' },
  { label: 7, name: 'pancreas' }, { label: 8, name: 'adrenal_gland_right' }, { label: 9, name: 'adrenal_gland_left' },
  { label: 10, name: 'lung_upper_lobe_left' }, { label: 11, name: 'lung_lower_lobe_left' }, { label: 12, name: 'lung_upper_lobe_right' },
  { label: 13, name: 'lung_middle_lobe_right' }, { label: 14, name: 'lung_lower_lobe_right' }, { label: 15, name: 'esophagus' },
  { label: 16, name: 'trachea' }, { label: 17, name: 'thyroid_gland' }, { label: 18, name: 'small_bowel' },
  { label: 19, name: 'duodenum' }, { label: 20, name: 'colon' }, { label: 21, name: 'urinary_bladder' },
  { label: 22, name: 'prostate' }, { label: 23, name: 'kidney_cyst_left' }, { label: 24, name: 'kidney_cyst_right' },
];

export const KIDNEY_RIGHT = 2;
export const GALLBLADDER = 4;

export interface ManyLabelPair {
  readonly shape: Vec3;
  readonly affine: Affine;
  readonly reference: Uint8Array;
  readonly prediction: Uint8Array;
  readonly names: ReadonlyMap<number, string>;
  /** Axial slices where half of the right kidney is missing from the prediction. */
  readonly kidneyHalfMissing: readonly number[];
  /** Axial slices where the gallbladder is one voxel thinner in the prediction. */
  readonly gallbladderThinner: readonly number[];
  /** (label, axial slice) of every scattered difference of at most 7 voxels. */
  readonly noise: readonly { readonly label: number; readonly index: number; readonly voxels: number }[];
}

const at = (i: number, j: number, k: number): number => i + MANY_LABEL_SHAPE[0] * (j + MANY_LABEL_SHAPE[1] * k);

function organs(): Organ[] {
  // Six columns by four rows across the slice, sizes from an adrenal gland (2 voxels across) to a
  // liver; the right kidney is one of the large ones, centred in z.
  const size = (label: number): Vec3 => {
    if (label === 5) return [7, 7, 14];
    if (label === KIDNEY_RIGHT) return [7, 6, 9];
    if (label === GALLBLADDER) return [4.5, 4.5, 5];
    if (label === 8 || label === 9) return [1.5, 1.5, 3];
    return [2 + (label % 5), 2 + ((label * 3) % 4), 4 + (label % 9)];
  };
  return ORGANS.map((o, n) => ({
    ...o,
    centre: [8 + (n % 6) * 16, 12 + Math.floor(n / 6) * 24, 20],
    radii: size(o.label),
  }));
}

export function manyLabelPair(seed = 9): ManyLabelPair {
  const [nx, ny, nz] = MANY_LABEL_SHAPE;
  const reference = new Uint8Array(nx * ny * nz);
  const drawn = organs();
  for (const o of drawn) {
    const [ci, cj, ck] = o.centre;
    const [ri, rj, rk] = o.radii;
    for (let k = Math.max(0, Math.floor(ck - rk)); k <= Math.min(nz - 1, Math.ceil(ck + rk)); k++) {
      for (let j = Math.max(0, Math.floor(cj - rj)); j <= Math.min(ny - 1, Math.ceil(cj + rj)); j++) {
        for (let i = Math.max(0, Math.floor(ci - ri)); i <= Math.min(nx - 1, Math.ceil(ci + ri)); i++) {
          if (((i - ci) / ri) ** 2 + ((j - cj) / rj) ** 2 + ((k - ck) / rk) ** 2 <= 1) reference[at(i, j, k)] = o.label;
        }
      }
    }
  }
  const prediction = reference.slice();

  // Half of the right kidney (the voxels right of its centre) missing in four central slices.
  const kidney = drawn.find((o) => o.label === KIDNEY_RIGHT)!;
  const kidneyHalfMissing = [18, 19, 20, 21];
  for (const k of kidneyHalfMissing) {
    for (let j = 0; j < ny; j++) for (let i = kidney.centre[0]; i < nx; i++) if (prediction[at(i, j, k)] === KIDNEY_RIGHT) prediction[at(i, j, k)] = 0;
  }

  // The gallbladder's border ring gone in two slices: a real but small error.
  const gallbladderThinner = [22, 23];
  for (const k of gallbladderThinner) {
    for (let j = 1; j < ny - 1; j++) {
      for (let i = 1; i < nx - 1; i++) {
        if (reference[at(i, j, k)] !== GALLBLADDER) continue;
        const border = [at(i - 1, j, k), at(i + 1, j, k), at(i, j - 1, k), at(i, j + 1, k)].some((n) => reference[n] !== GALLBLADDER);
        if (border) prediction[at(i, j, k)] = 0;
      }
    }
  }

  // Scattered differences of 1 to 7 voxels in most labels: a stray island of the label in a slice
  // where the reference has none of it (Dice 0), or one border voxel dropped.
  const random = seededRandom(seed);
  const noise: { label: number; index: number; voxels: number }[] = [];
  for (const o of drawn) {
    if (o.label === KIDNEY_RIGHT || o.label === GALLBLADDER || o.label % 4 === 0) continue;
    const outside = o.centre[2] + Math.ceil(o.radii[2]) + 2;
    const k = outside < nz ? outside : Math.floor(o.centre[2] - o.radii[2]) - 2;
    const voxels = 1 + Math.floor(random() * 7);
    const [i0, j0] = [o.centre[0] - 1, o.centre[1] - 1];
    for (let v = 0; v < voxels; v++) prediction[at(i0 + (v % 3), j0 + Math.floor(v / 3), k)] = o.label;
    noise.push({ label: o.label, index: k, voxels });
    // And one voxel dropped from the organ's central slice.
    const ck = o.centre[2];
    prediction[at(o.centre[0], o.centre[1], ck)] = 0;
    noise.push({ label: o.label, index: ck, voxels: 1 });
  }

  const affine: Affine = [
    MANY_LABEL_SPACING[0], 0, 0, -38, 0, MANY_LABEL_SPACING[1], 0, -38, 0, 0, MANY_LABEL_SPACING[2], -50, 0, 0, 0, 1,
  ];
  return {
    shape: MANY_LABEL_SHAPE, affine, reference, prediction,
    names: new Map(ORGANS.map((o) => [o.label, o.name])),
    kidneyHalfMissing, gallbladderThinner, noise,
  };
}

/** Writes reference.nii.gz and prediction.nii.gz (uint8) into `dir`; returns their paths. */
export async function writeManyLabelPair(dir: string, pair: ManyLabelPair = manyLabelPair()): Promise<{ reference: string; prediction: string }> {
  await mkdir(dir, { recursive: true });
  const header = { shape: pair.shape, affine: pair.affine, dataType: 'uint8' as const, description: 'mask-inspector many-label test pair' };
  const files = { reference: join(dir, 'reference.nii.gz'), prediction: join(dir, 'prediction.nii.gz') };
  await Promise.all([writeNiftiGz(files.reference, header, [pair.reference]), writeNiftiGz(files.prediction, header, [pair.prediction])]);
  return files;
}
