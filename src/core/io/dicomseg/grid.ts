// Places a SEG's frames in one volume grid. DICOM gives each frame the LPS position of its first
// pixel (ImagePositionPatient) and one orientation (PS3.3 C.7.6.2.1.1): pixel (column c, row r) is at
// position + c·Δcol·rowDir + r·Δrow·colDir, with PixelSpacing = [Δrow, Δcol]. The slice axis k is the
// normal rowDir × colDir; frames are sorted along it and each lands on slice round(distance / step),
// where step is SpacingBetweenSlices, else the smallest gap between distinct frame positions, else
// SliceThickness. Slices no frame lands on stay empty (a SEG need not store empty frames).
// The result is the same RAS+ voxel-to-world matrix a NIfTI gives: DICOM's LPS with x and y negated.
import { InputError } from '../../errors';
import type { Affine, Vec3 } from '../../volume';
import type { SegObject } from './dataset';

export interface SegGrid {
  readonly shape: Vec3;
  readonly affine: Affine;
  /** The slice index of each frame, in stored order. */
  readonly frameSlice: readonly number[];
}

type V3 = [number, number, number];

const dot = (a: readonly number[], b: readonly number[]): number => a[0]! * b[0]! + a[1]! * b[1]! + a[2]! * b[2]!;

function unitNormal(name: string, o: SegObject['orientation']): { row: V3; col: V3; normal: V3 } {
  const row: V3 = [o[0], o[1], o[2]];
  const col: V3 = [o[3], o[4], o[5]];
  const n: V3 = [row[1] * col[2] - row[2] * col[1], row[2] * col[0] - row[0] * col[2], row[0] * col[1] - row[1] * col[0]];
  const length = Math.hypot(...n);
  if (!(length > 0.99 && length < 1.01) || Math.abs(dot(row, col)) > 1e-3) {
    throw new InputError(`${name} has an Image Orientation Patient (${o.join(', ')}) whose directions are not two perpendicular unit vectors.`);
  }
  return { row, col, normal: [n[0] / length, n[1] / length, n[2] / length] };
}

/** Distinct values of a sorted list, merging those closer than `tolerance`. */
function distinct(sorted: readonly number[], tolerance: number): number[] {
  const out: number[] = [];
  for (const d of sorted) if (out.length === 0 || d - out[out.length - 1]! > tolerance) out.push(d);
  return out;
}

function sliceStep(seg: SegObject, levels: readonly number[]): number {
  if (seg.spacingBetweenSlices !== undefined) return seg.spacingBetweenSlices;
  let gap = Infinity;
  for (let i = 1; i < levels.length; i++) gap = Math.min(gap, levels[i]! - levels[i - 1]!);
  return Number.isFinite(gap) ? gap : (seg.sliceThickness ?? 1);
}

export function segGrid(seg: SegObject, maxVoxels: number): SegGrid {
  const { name } = seg;
  const { row, col, normal } = unitNormal(name, seg.orientation);
  const [rowSpacing, colSpacing] = seg.pixelSpacing;
  const along = seg.frames.map((f) => dot(f.position, normal));
  const inPlaneTolerance = 0.05 * Math.min(rowSpacing, colSpacing);
  const levels = distinct([...along].sort((a, b) => a - b), 1e-3);
  const step = sliceStep(seg, levels);
  const first = levels[0]!;
  const originFrame = along.indexOf(Math.min(...along));
  const origin = seg.frames[originFrame]!.position;
  const frameSlice = along.map((d, f) => {
    const k = Math.round((d - first) / step);
    if (Math.abs(d - first - k * step) > 0.05 * step) {
      throw new InputError(`${name} frame ${f + 1} lies ${(d - first).toFixed(3)} mm along the slice normal, not on the ${step} mm slice spacing of the others.`);
    }
    const p = seg.frames[f]!.position;
    const offset = [p[0] - origin[0] - k * step * normal[0], p[1] - origin[1] - k * step * normal[1], p[2] - origin[2] - k * step * normal[2]];
    if (Math.hypot(offset[0]!, offset[1]!, offset[2]!) > inPlaneTolerance) {
      throw new InputError(`${name} frame ${f + 1} is shifted within its plane relative to frame ${originFrame + 1}; frames on different grids are not read.`);
    }
    return k;
  });
  const slices = Math.max(...frameSlice) + 1;
  if (seg.columns * seg.rows * slices > maxVoxels) {
    throw new InputError(`${name} spans ${seg.columns}×${seg.rows}×${slices} voxels, more than the limit of ${maxVoxels}.`);
  }
  // Columns: i (column index) along rowDir, j (row index) along colDir, k along the normal; rows x
  // and y negated from LPS to RAS (+ 0 turns -0 into 0).
  const [dx, dy, dz] = [row.map((v) => v * colSpacing), col.map((v) => v * rowSpacing), normal.map((v) => v * step)] as [V3, V3, V3];
  const affine: Affine = [
    -dx[0] + 0, -dy[0] + 0, -dz[0] + 0, -origin[0] + 0,
    -dx[1] + 0, -dy[1] + 0, -dz[1] + 0, -origin[1] + 0,
    dx[2], dy[2], dz[2], origin[2],
    0, 0, 0, 1,
  ];
  return { shape: [seg.columns, seg.rows, slices], affine, frameSlice };
}
