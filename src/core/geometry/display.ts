// How a volume's array axes land on a 2-D screen for each anatomical plane. Pure and browser-safe:
// the webview uses it to draw, the host to pick the array axis a plane slices along, tests to say
// where a known voxel must appear.
//
// Conventions (what radiology viewers do, e.g. ITK-SNAP, 3D Slicer):
// - axial: anterior up; coronal and sagittal: superior up;
// - axial and coronal, radiological: the patient's right on screen left; neurological: on screen right;
// - sagittal: anterior on screen left whatever the convention (the convention only concerns left/right).
// Slices are shown on the voxel grid without resampling: each screen axis is the array axis closest
// to the wanted anatomical direction, so an oblique affine is shown as its nearest orthogonal view.
import type { Affine, Vec3 } from '../volume';
import { axisOrientations } from './orientation';

export type Plane = 'axial' | 'coronal' | 'sagittal';
export const PLANES: readonly Plane[] = ['axial', 'coronal', 'sagittal'];
export type DisplayConvention = 'radiological' | 'neurological';
export type ArrayAxis = 0 | 1 | 2;

/** World axes of NIfTI's RAS+ space: 0 = toward Right, 1 = toward Anterior, 2 = toward Superior. */
type WorldAxis = 0 | 1 | 2;

export interface GridGeometry {
  readonly shape: Vec3;
  readonly spacing: Vec3;
  readonly affine: Affine;
}

/**
 * One plane of one volume on screen, in "slice image" pixels: x in [0, width) to the right,
 * y in [0, height) downward, one pixel per voxel. Zoom, pan and aspect are applied on top of this.
 */
export interface PlaneMapping {
  readonly plane: Plane;
  /** The array axis the slice index runs along, and how many slices there are. */
  readonly sliceAxis: ArrayAxis;
  readonly sliceCount: number;
  /** The array axis along screen x; flipX: its index decreases as x increases. */
  readonly xAxis: ArrayAxis;
  readonly flipX: boolean;
  readonly yAxis: ArrayAxis;
  readonly flipY: boolean;
  readonly width: number;
  readonly height: number;
  /** Physical size of one screen pixel (mm), for the aspect ratio of anisotropic voxels. */
  readonly pixelWidthMm: number;
  readonly pixelHeightMm: number;
  /** Anatomical letters at the screen edges, e.g. axial radiological: left R, right L, top A, bottom P. */
  readonly edges: { readonly left: string; readonly right: string; readonly top: string; readonly bottom: string };
}

const POSITIVE_LETTER = ['R', 'A', 'S'] as const;
const NEGATIVE_LETTER = ['L', 'P', 'I'] as const;

/** affine[row][col] of the row-major 4×4. */
function at(affine: Affine, row: number, col: number): number {
  return affine[row * 4 + col]!;
}

interface PlaneLayout {
  readonly slice: WorldAxis;
  readonly x: WorldAxis;
  /** Screen x increases toward +world (R/A/S) when true. */
  readonly xPositive: boolean;
  readonly y: WorldAxis;
  /** Screen y (downward) increases toward +world when true. Always false: anterior/superior up. */
  readonly yPositive: boolean;
}

function planeLayout(plane: Plane, convention: DisplayConvention): PlaneLayout {
  // Radiological: screen right is the patient's left, i.e. x grows toward -R.
  const towardRight = convention === 'neurological';
  switch (plane) {
    case 'axial':
      return { slice: 2, x: 0, xPositive: towardRight, y: 1, yPositive: false };
    case 'coronal':
      return { slice: 1, x: 0, xPositive: towardRight, y: 2, yPositive: false };
    case 'sagittal':
      return { slice: 0, x: 1, xPositive: false, y: 2, yPositive: false };
  }
}

function letter(world: WorldAxis, positive: boolean): string {
  return (positive ? POSITIVE_LETTER : NEGATIVE_LETTER)[world];
}

export function planeMapping(grid: GridGeometry, plane: Plane, convention: DisplayConvention): PlaneMapping {
  const dirs = axisOrientations(grid.affine);
  const axisAlong = (world: WorldAxis): ArrayAxis => dirs.findIndex((d) => d.worldAxis === world) as ArrayAxis;
  const layout = planeLayout(plane, convention);
  const sliceAxis = axisAlong(layout.slice);
  const xAxis = axisAlong(layout.x);
  const yAxis = axisAlong(layout.y);
  return {
    plane,
    sliceAxis,
    sliceCount: grid.shape[sliceAxis],
    xAxis,
    flipX: dirs[xAxis].positive !== layout.xPositive,
    yAxis,
    flipY: dirs[yAxis].positive !== layout.yPositive,
    width: grid.shape[xAxis],
    height: grid.shape[yAxis],
    pixelWidthMm: grid.spacing[xAxis],
    pixelHeightMm: grid.spacing[yAxis],
    edges: {
      left: letter(layout.x, !layout.xPositive),
      right: letter(layout.x, layout.xPositive),
      top: letter(layout.y, !layout.yPositive),
      bottom: letter(layout.y, layout.yPositive),
    },
  };
}

/** Where voxel (i, j, k) is drawn: integer slice-image pixel (x, y) on slice `slice`. */
export function voxelToScreen(m: PlaneMapping, voxel: Vec3): { x: number; y: number; slice: number } {
  const a = voxel[m.xAxis];
  const b = voxel[m.yAxis];
  return {
    x: m.flipX ? m.width - 1 - a : a,
    y: m.flipY ? m.height - 1 - b : b,
    slice: voxel[m.sliceAxis],
  };
}

/**
 * The voxel under slice-image position (x, y) (fractional, pixel centres at +0.5) on `slice`, or
 * undefined outside the image.
 */
export function screenToVoxel(m: PlaneMapping, x: number, y: number, slice: number): Vec3 | undefined {
  const px = Math.floor(x);
  const py = Math.floor(y);
  if (px < 0 || py < 0 || px >= m.width || py >= m.height || slice < 0 || slice >= m.sliceCount) return undefined;
  const voxel = [0, 0, 0];
  voxel[m.xAxis] = m.flipX ? m.width - 1 - px : px;
  voxel[m.yAxis] = m.flipY ? m.height - 1 - py : py;
  voxel[m.sliceAxis] = slice;
  return [voxel[0]!, voxel[1]!, voxel[2]!];
}

/** World position (mm, RAS+) of a voxel centre (or any fractional voxel coordinate). */
export function voxelToWorld(affine: Affine, voxel: Vec3): Vec3 {
  const w = [0, 1, 2].map(
    (row) => at(affine, row, 0) * voxel[0] + at(affine, row, 1) * voxel[1] + at(affine, row, 2) * voxel[2] + at(affine, row, 3),
  );
  return [w[0]!, w[1]!, w[2]!];
}

/**
 * Slices travel as 2-D arrays in the volume's own order: the two in-plane array axes ascending, the
 * lower one fastest (sliceAxis 2 → i + j·ni; 1 → i + k·ni; 0 → j + k·nj). This says where screen
 * pixel (x, y) sits in such an array: index = origin + x·stepX + y·stepY.
 */
export function sliceStrides(m: PlaneMapping): { origin: number; stepX: number; stepY: number } {
  const fastAxisIsX = m.xAxis < m.yAxis;
  const fastLength = fastAxisIsX ? m.width : m.height;
  const strideOfX = fastAxisIsX ? 1 : fastLength;
  const strideOfY = fastAxisIsX ? fastLength : 1;
  const origin = (m.flipX ? (m.width - 1) * strideOfX : 0) + (m.flipY ? (m.height - 1) * strideOfY : 0);
  return { origin, stepX: m.flipX ? -strideOfX : strideOfX, stepY: m.flipY ? -strideOfY : strideOfY };
}
