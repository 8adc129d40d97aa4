// Synthetic test anatomy stored in different ways. The anatomy lives on a canonical grid (x toward
// the patient's Right, y toward Anterior, z toward Superior); each storage (RAS, LPS, permuted) is
// a permutation/flip of that grid with the affine that keeps every voxel at the same world position.
// So every storage must look the same on screen, and where a voxel must appear follows from anatomy
// alone (see expectedScreen), not from the code under test.
import type { Affine, Vec3 } from '../../src/core/volume';
import type { Axis, Plane } from '../../src/protocol/viewer';
import { voxelIndex, type TestVolume } from './fakeHost';

/** Where each array axis comes from: canonical axis (0 x→R, 1 y→A, 2 z→S) and whether it runs the other way. */
export interface Storage {
  readonly name: string;
  readonly axes: readonly [{ canonical: Axis; flip: boolean }, { canonical: Axis; flip: boolean }, { canonical: Axis; flip: boolean }];
}

export const RAS: Storage = { name: 'RAS', axes: [{ canonical: 0, flip: false }, { canonical: 1, flip: false }, { canonical: 2, flip: false }] };
export const LPS: Storage = { name: 'LPS', axes: [{ canonical: 0, flip: true }, { canonical: 1, flip: true }, { canonical: 2, flip: false }] };
/** i runs toward Superior, j toward Left, k toward Posterior. */
export const SLP: Storage = { name: 'SLP', axes: [{ canonical: 2, flip: false }, { canonical: 0, flip: true }, { canonical: 1, flip: true }] };

export interface Anatomy {
  /** Canonical grid size along x (R), y (A), z (S), and voxel size in mm. */
  readonly size: Vec3;
  readonly spacing: Vec3;
  /** label at canonical voxel (x, y, z); 0 = background. */
  label(x: number, y: number, z: number): number;
  /** CT-like intensity (HU) at canonical voxel, for the background image. */
  intensity?(x: number, y: number, z: number): number;
  readonly names?: ReadonlyMap<number, string>;
}

/** Storage voxel (i, j, k) of canonical voxel c. */
export function toStorage(s: Storage, size: Vec3, c: Vec3): Vec3 {
  const v = s.axes.map(({ canonical, flip }) => (flip ? size[canonical] - 1 - c[canonical] : c[canonical]));
  return [v[0]!, v[1]!, v[2]!];
}

export function store(anatomy: Anatomy, s: Storage): TestVolume {
  const size = anatomy.size;
  const shape = s.axes.map(({ canonical }) => size[canonical]) as unknown as Vec3;
  const spacing = s.axes.map(({ canonical }) => anatomy.spacing[canonical]) as unknown as Vec3;
  const n = shape[0] * shape[1] * shape[2];
  const mask = new Uint8Array(n);
  const background = anatomy.intensity ? new Int16Array(n) : undefined;
  for (let z = 0; z < size[2]; z++) for (let y = 0; y < size[1]; y++) for (let x = 0; x < size[0]; x++) {
    const at = voxelIndex(shape, toStorage(s, size, [x, y, z]));
    mask[at] = anatomy.label(x, y, z);
    if (background) background[at] = anatomy.intensity!(x, y, z);
  }
  // Affine: column a moves one voxel along array axis a; world x/y/z = canonical index × spacing.
  const affine = Array.from({ length: 16 }, () => 0);
  affine[15] = 1;
  s.axes.forEach(({ canonical, flip }, a) => {
    const step = anatomy.spacing[canonical];
    affine[canonical * 4 + a] = flip ? -step : step;
    if (flip) affine[canonical * 4 + 3] += step * (size[canonical] - 1);
  });
  const letters = s.axes.map(({ canonical, flip }) => (flip ? 'LPI' : 'RAS')[canonical]).join('');
  const sliceAxisOf = (canonical: Axis): Axis => s.axes.findIndex((a) => a.canonical === canonical) as Axis;
  return {
    fileName: `${s.name.toLowerCase()}-phantom.nii.gz`, shape, spacing, affine: affine as unknown as Affine, orientation: letters,
    sliceAxes: { axial: sliceAxisOf(2), coronal: sliceAxisOf(1), sagittal: sliceAxisOf(0) },
    mask, ...(background ? { background } : {}), ...(anatomy.names ? { names: anatomy.names } : {}),
  };
}

/**
 * Where canonical voxel c must be drawn, by the conventions alone: axial anterior up, coronal and
 * sagittal superior up; radiological puts the patient's right on screen left (neurological: right);
 * sagittal puts anterior on screen left. col/row count slice-image pixels from the top-left;
 * widthMm/heightMm are the physical image size (aspect).
 */
export function expectedScreen(anatomy: Anatomy, plane: Plane, c: Vec3, convention: 'radiological' | 'neurological' = 'radiological') {
  const [nx, ny, nz] = anatomy.size;
  const [sx, sy, sz] = anatomy.spacing;
  const fromRight = nx - 1 - c[0];
  const fromLeft = c[0];
  const fromAnterior = ny - 1 - c[1];
  const fromSuperior = nz - 1 - c[2];
  const leftToRightOnScreen = convention === 'radiological' ? fromRight : fromLeft;
  switch (plane) {
    case 'axial': return { col: leftToRightOnScreen, row: fromAnterior, cols: nx, rows: ny, widthMm: nx * sx, heightMm: ny * sy };
    case 'coronal': return { col: leftToRightOnScreen, row: fromSuperior, cols: nx, rows: nz, widthMm: nx * sx, heightMm: nz * sz };
    case 'sagittal': return { col: fromAnterior, row: fromSuperior, cols: ny, rows: nz, widthMm: ny * sy, heightMm: nz * sz };
  }
}

/** Three single labelled voxels in a 12 × 10 × 8 grid of 1 × 1.5 × 2.5 mm voxels. */
export const DOTS: Anatomy & { readonly dots: readonly { c: Vec3; label: number }[] } = {
  size: [12, 10, 8],
  spacing: [1, 1.5, 2.5],
  dots: [
    { c: [2, 6, 5], label: 1 }, // patient's left, anterior, superior
    { c: [9, 2, 2], label: 2 }, // right, posterior, inferior
    { c: [5, 8, 6], label: 3 },
  ],
  label(x, y, z) {
    return this.dots.find((d) => d.c[0] === x && d.c[1] === y && d.c[2] === z)?.label ?? 0;
  },
  intensity(x, y, z) {
    return -100 + 10 * x + 7 * y + 3 * z;
  },
};

/** A body-like phantom for screenshots: CT-like background, organs as ellipsoids. */
export const PHANTOM: Anatomy = {
  size: [128, 112, 60],
  spacing: [1.5, 1.5, 3],
  names: new Map([[1, 'liver'], [2, 'right kidney'], [3, 'left kidney'], [4, 'spleen'], [5, 'tumour']]),
  label(x, y, z) {
    const inside = (cx: number, cy: number, cz: number, rx: number, ry: number, rz: number): boolean =>
      ((x - cx) / rx) ** 2 + ((y - cy) / ry) ** 2 + ((z - cz) / rz) ** 2 <= 1;
    // Canonical x grows toward the patient's right: the liver sits at high x, the spleen at low x.
    if (inside(86, 62, 36, 8, 7, 6)) return 5; // tumour inside the liver
    if (inside(88, 60, 36, 24, 20, 14)) return 1;
    if (inside(82, 36, 22, 9, 7, 10)) return 2; // right kidney
    if (inside(44, 36, 24, 9, 7, 10)) return 3; // left kidney
    if (inside(36, 52, 38, 11, 12, 9)) return 4; // spleen
    return 0;
  },
  intensity(x, y, z) {
    const bx = (x - 64) / 58;
    const by = (y - 54) / 44;
    const r = bx * bx + by * by;
    if (r > 1) return -1000; // air
    if (r > 0.85) return -90; // subcutaneous fat
    const spine = ((x - 64) / 8) ** 2 + ((y - 22) / 8) ** 2 <= 1;
    if (spine) return 700 + ((z * 37) % 200);
    const label = this.label(x, y, z);
    return [40, 60, 30, 30, 45, 20][label]! + ((x * 13 + y * 7 + z * 3) % 17) - 8;
  },
};
