// The voxel-to-world affine of a NIfTI header, chosen once for every reader by the NIfTI-1 rules:
// the sform when sform_code > 0 and it is usable, else the qform when qform_code > 0 and it is
// usable, else the voxel sizes in pixdim, else none: the file is shown and compared on its voxel
// grid only, and whatever needs millimetres is not measured (never NaN). A transform is usable when
// every number in it is finite and it is not singular. nibabel's get_best_affine checks the codes
// only; a NaN or all-zero sform written by a broken tool would make every volume and distance NaN.
// Pure: it takes the header fields, so the webview and tests can use it without a reader.
import type { Affine, Vec3 } from '../volume';
import { affineFrom, column, det3, linearPart, norm, type Mat3 } from './matrix';

/** The NIfTI-1/2 header fields that define the spatial transform. */
export interface NiftiTransformFields {
  readonly qformCode: number;
  readonly sformCode: number;
  /** pixdim[0..7]; pixdim[0] is qfac (±1), pixdim[1..3] the voxel size. */
  readonly pixdim: readonly number[];
  readonly quatern: Vec3;
  readonly qoffset: Vec3;
  /** srow_x, srow_y, srow_z, 4 values each. */
  readonly srow: readonly [readonly number[], readonly number[], readonly number[]];
}

export interface ChosenAffine {
  readonly affine: Affine;
  /** 'voxel': no usable transform; the affine is the identity, good for drawing the voxel grid only. */
  readonly source: 'sform' | 'qform' | 'pixdim' | 'voxel';
  /** Set when a transform the header declares was not usable: which field, and what was used instead. */
  readonly warning?: string;
}

/** A zero or non-finite voxel size makes the affine singular; NIfTI's reference code uses 1 there. */
function voxelSize(v: number | undefined): number {
  const size = Math.abs(v ?? 1);
  return Number.isFinite(size) && size > 0 ? size : 1;
}

/**
 * Rotation matrix of the unit quaternion (a, b, c, d) with a = sqrt(1 - b² - c² - d²), as in
 * nibabel's quat2mat. A slightly negative 1 - |bcd|² (float32 round-off) counts as a = 0.
 */
export function quaternionRotation(quatern: Vec3): Mat3 {
  const [b, c, d] = quatern;
  const a = Math.sqrt(Math.max(0, 1 - (b * b + c * c + d * d)));
  const n = a * a + b * b + c * c + d * d;
  if (n < 1e-12) return [1, 0, 0, 0, 1, 0, 0, 0, 1];
  const s = 2 / n;
  const [x, y, z] = [b * s, c * s, d * s];
  const [wx, wy, wz] = [a * x, a * y, a * z];
  const [xx, xy, xz] = [b * x, b * y, b * z];
  const [yy, yz, zz] = [c * y, c * z, d * z];
  return [
    1 - (yy + zz), xy - wz, xz + wy,
    xy + wz, 1 - (xx + zz), yz - wx,
    xz - wy, yz + wx, 1 - (xx + yy),
  ];
}

export function qformAffine(f: NiftiTransformFields): Affine {
  const r = quaternionRotation(f.quatern);
  // qfac = pixdim[0] flips the third axis; anything other than -1 means +1 (nibabel fixes it so).
  const qfac = f.pixdim[0] === -1 ? -1 : 1;
  const zooms = [voxelSize(f.pixdim[1]), voxelSize(f.pixdim[2]), voxelSize(f.pixdim[3]) * qfac];
  const m = r.map((v, idx) => v * zooms[idx % 3]!) as Mat3;
  return affineFrom(m, f.qoffset);
}

export function sformAffine(f: NiftiTransformFields): Affine {
  const [x, y, z] = f.srow;
  const row = (r: readonly number[], c: number): number => r[c] ?? 0;
  return [
    row(x, 0), row(x, 1), row(x, 2), row(x, 3),
    row(y, 0), row(y, 1), row(y, 2), row(y, 3),
    row(z, 0), row(z, 1), row(z, 2), row(z, 3),
    0, 0, 0, 1,
  ];
}

/**
 * Neither transform set: the NIfTI standard's "method 1", a diagonal of the voxel sizes with the
 * origin at voxel 0 (RAS orientation). nibabel differs here: it follows ANALYZE and returns an
 * x-flipped affine centred on the volume; we follow the NIfTI standard (as ITK and nifti_io do).
 */
export function pixdimAffine(f: NiftiTransformFields): Affine {
  const m: Mat3 = [voxelSize(f.pixdim[1]), 0, 0, 0, voxelSize(f.pixdim[2]), 0, 0, 0, voxelSize(f.pixdim[3])];
  return affineFrom(m, [0, 0, 0]);
}

/** Why a transform cannot be used, or undefined when it can: non-finite numbers, or a singular matrix. */
function affineProblem(affine: Affine): string | undefined {
  if (affine.some((v) => !Number.isFinite(v))) return 'holds non-finite numbers';
  const m = linearPart(affine);
  const scale = norm(column(m, 0)) * norm(column(m, 1)) * norm(column(m, 2));
  // |det| relative to the column lengths: 0 for parallel or zero columns, 1 for orthogonal ones.
  if (!(scale > 0) || !(Math.abs(det3(m)) / scale > 1e-6)) return 'is singular';
  return undefined;
}

function sformProblem(f: NiftiTransformFields): string | undefined {
  return affineProblem(sformAffine(f));
}

function qformProblem(f: NiftiTransformFields): string | undefined {
  if ([...f.quatern, ...f.qoffset].some((v) => !Number.isFinite(v))) return 'holds non-finite numbers (quatern_b/c/d, qoffset_x/y/z)';
  const sizes = f.pixdim.slice(1, 4);
  if (sizes.length < 3 || sizes.some((v) => !Number.isFinite(v) || v === 0)) return `has voxel sizes pixdim[1..3] = (${sizes.join(', ')}), not all finite and non-zero`;
  return undefined;
}

function pixdimProblem(f: NiftiTransformFields): string | undefined {
  const sizes = f.pixdim.slice(1, 4);
  if (sizes.length < 3 || sizes.some((v) => !Number.isFinite(v) || v <= 0)) return `the voxel sizes pixdim[1..3] = (${sizes.join(', ')}) are not all finite and positive`;
  return undefined;
}

const IDENTITY: Affine = [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1];

/**
 * The transform the NIfTI-1 rules pick among those usable, with a warning naming each declared
 * transform that was passed over. Never throws: a file with none usable is still a voxel grid.
 */
export function chooseNiftiAffine(f: NiftiTransformFields): ChosenAffine {
  const passedOver: string[] = [];
  if (f.sformCode > 0) {
    const problem = sformProblem(f);
    if (problem === undefined) return { affine: sformAffine(f), source: 'sform' };
    passedOver.push(`the sform (srow_x/y/z, sform_code ${f.sformCode}) ${problem}`);
  }
  if (f.qformCode > 0) {
    const problem = qformProblem(f);
    if (problem === undefined) return withWarning({ affine: qformAffine(f), source: 'qform' }, passedOver, 'the qform was used');
    passedOver.push(`the qform (qform_code ${f.qformCode}) ${problem}`);
  }
  const problem = pixdimProblem(f);
  if (problem === undefined) return withWarning({ affine: pixdimAffine(f), source: 'pixdim' }, passedOver, 'the voxel sizes in pixdim were used');
  passedOver.push(problem);
  return { affine: IDENTITY, source: 'voxel', warning: `${capitalise(passedOver.join('; '))}: no usable geometry, so only voxel metrics are given.` };
}

function withWarning(chosen: ChosenAffine, passedOver: readonly string[], instead: string): ChosenAffine {
  return passedOver.length === 0 ? chosen : { ...chosen, warning: `${capitalise(passedOver.join('; '))}, so ${instead}.` };
}

const capitalise = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
