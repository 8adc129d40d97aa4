// One pass over both volumes, slice by slice along k, that keeps only what the surface distances
// need: for every label (and the foreground, any non-zero value) its voxel count and bounding box,
// its border voxels and its border corners with their neighbour codes (see borders.ts for what
// those are), in 3-D and, when asked, in 2-D within each slice along one axis. Each point depends
// only on its face neighbours (voxels) or the 2×2×2 voxels around it (corners), so a window of
// three slices is enough: memory follows the surfaces, not labels × volume, and a streamed file
// never has to be held whole. Points are global linear indices in k, j, i order, so each list comes
// out sorted; reduce.ts moves them into each label's padded box, where the numbers are computed
// exactly as on a padded mask of that box.

import type { Vec3, VoxelArray } from '../volume';
import { CodeList, IndexList } from './pointLists';

/** The surface points of one mask (a label or the foreground in one volume). */
export class MaskSurface {
  count = 0;
  readonly min: [number, number, number] = [Infinity, Infinity, Infinity];
  readonly max: [number, number, number] = [-Infinity, -Infinity, -Infinity];
  /** Border voxels (6 face neighbours; 4 in a one-slice volume), voxel-grid index. */
  readonly voxels = new IndexList();
  /** Border corners, corner-grid index ((nx + 1)·(ny + 1) per corner slice), and their codes. */
  readonly corners = new IndexList();
  readonly codes = new CodeList();
  /** The same within each slice along the per-slice axis: 4 in-plane neighbours, 2-D corners. */
  readonly sliceVoxels = new IndexList();
  readonly sliceCorners = new IndexList();
  readonly sliceCodes = new CodeList();

  include(i: number, j: number, k: number): void {
    this.count++;
    if (i < this.min[0]) this.min[0] = i;
    if (i > this.max[0]) this.max[0] = i;
    if (j < this.min[1]) this.min[1] = j;
    if (j > this.max[1]) this.max[1] = j;
    if (k < this.min[2]) this.min[2] = k;
    if (k > this.max[2]) this.max[2] = k;
  }
}

/** One volume's side of the pass: its surfaces by label value and its three-slice window. */
class VolumeSide {
  readonly byValue = new Map<number, MaskSurface>();
  readonly foreground = new MaskSurface();
  /** Slices k - 2, k - 1, k as they arrive (null before the first and past the last). */
  readonly window: (Float64Array | null)[] = [null, null, null];
  /** Per row of each window slice: whether it holds any non-zero voxel. */
  readonly rows: (Uint8Array | null)[] = [null, null, null];
  private lastValue = NaN;
  private lastSurface: MaskSurface | undefined;

  constructor(private readonly wanted: ReadonlySet<number> | null) {}

  /** The surface of label `value`, or undefined when it is not measured. */
  surfaceOf(value: number): MaskSurface | undefined {
    if (value === this.lastValue) return this.lastSurface;
    let s = this.byValue.get(value);
    if (s === undefined && (this.wanted === null || this.wanted.has(value))) {
      s = new MaskSurface();
      this.byValue.set(value, s);
    }
    this.lastValue = value;
    this.lastSurface = s;
    return s;
  }
}

export interface CollectOptions {
  /** Only these labels get their own surfaces (the foreground counts every non-zero value); all when absent. */
  readonly labels?: readonly number[];
  /** Also collect 2-D points within each slice along this array axis. */
  readonly perSliceAxis?: 0 | 1 | 2;
  /** Probability maps: foreground (value 1) where value >= this; null or absent for label values. */
  readonly refThreshold?: number | null;
  readonly predThreshold?: number | null;
}

/** What the pass found, per volume. */
export interface CollectedSurfaces {
  readonly shape: Vec3;
  readonly perSliceAxis: 0 | 1 | 2 | undefined;
  readonly ref: { readonly byValue: ReadonlyMap<number, MaskSurface>; readonly foreground: MaskSurface };
  readonly pred: { readonly byValue: ReadonlyMap<number, MaskSurface>; readonly foreground: MaskSurface };
}

/** The list pair a point goes into: the 3-D lists or the per-slice ones. */
type Lists = 'volume' | 'slice';

export class SurfaceCollector {
  private readonly ref: VolumeSide;
  private readonly pred: VolumeSide;
  private readonly planar: boolean;
  private k = 0;
  /** Scratch for one corner's voxels: no array per corner (a label image has millions of corners). */
  private readonly eight = new Float64Array(8);
  private readonly four = new Float64Array(4);

  constructor(
    private readonly shape: Vec3,
    private readonly options: CollectOptions = {},
  ) {
    const wanted = options.labels === undefined ? null : new Set(options.labels);
    this.ref = new VolumeSide(wanted);
    this.pred = new VolumeSide(wanted);
    // One slice (a PNG, a single-slice NIfTI) is a 2-D image and is measured as one (surfaceMetrics.ts).
    this.planar = shape[2] === 1;
  }

  /** Slices [kStart, kStart + kCount) of both volumes, i fastest; kStart must be the next slice. */
  add(kStart: number, kCount: number, ref: VoxelArray, pred: VoxelArray): void {
    if (kStart !== this.k) throw new Error(`Surface slices must arrive in order: got k = ${kStart}, expected ${this.k}.`);
    const plane = this.shape[0] * this.shape[1];
    for (let dk = 0; dk < kCount; dk++) {
      const k = kStart + dk;
      this.push(this.ref, ref.subarray(dk * plane, (dk + 1) * plane), this.options.refThreshold ?? null);
      this.push(this.pred, pred.subarray(dk * plane, (dk + 1) * plane), this.options.predThreshold ?? null);
      this.k = k + 1;
      // Slice k completes corner slice k (between slices k - 1 and k) and voxel slice k - 1.
      for (const side of [this.ref, this.pred]) {
        this.cornerSlice(side, k);
        if (k >= 1) this.voxelSlice(side, k - 1);
      }
    }
  }

  /** After the last slice: the last voxel slice and corner slice, then the points. */
  finish(): CollectedSurfaces {
    const nz = this.shape[2];
    if (this.k !== nz) throw new Error(`Surface pass ended at k = ${this.k} of ${nz}.`);
    for (const side of [this.ref, this.pred]) {
      shiftWindow(side, null, null);
      this.cornerSlice(side, nz);
      this.voxelSlice(side, nz - 1);
      side.window.fill(null);
    }
    return {
      shape: this.shape,
      perSliceAxis: this.options.perSliceAxis,
      ref: { byValue: this.ref.byValue, foreground: this.ref.foreground },
      pred: { byValue: this.pred.byValue, foreground: this.pred.foreground },
    };
  }

  private push(side: VolumeSide, slice: VoxelArray, threshold: number | null): void {
    const [nx, ny] = this.shape;
    // Reuse the plane that leaves the window.
    const plane = side.window[0] ?? new Float64Array(nx * ny);
    const rows = side.rows[0] ?? new Uint8Array(ny);
    for (let j = 0; j < ny; j++) {
      let any = 0;
      for (let o = j * nx, end = o + nx; o < end; o++) {
        const v = threshold === null ? slice[o] : slice[o] >= threshold ? 1 : 0;
        plane[o] = v;
        if (v !== 0) any = 1;
      }
      rows[j] = any;
    }
    shiftWindow(side, plane, rows);
  }

  /** Border voxels of slice k, the middle of the window (k - 1 at window[0], k + 1 at window[2]). */
  private voxelSlice(side: VolumeSide, k: number): void {
    const cur = side.window[1];
    const curRows = side.rows[1];
    if (cur === null || curRows === null) return;
    const prev = side.window[0];
    const next = side.window[2];
    const [nx, ny] = this.shape;
    const planar = this.planar;
    const axis = this.options.perSliceAxis;
    const fg = side.foreground;
    const base = k * nx * ny;
    for (let j = 0; j < ny; j++) {
      if (curRows[j] === 0) continue;
      for (let i = 0, o = j * nx; i < nx; i++, o++) {
        const v = cur[o];
        if (v === 0) continue;
        const xm = i > 0 ? cur[o - 1] : 0;
        const xp = i < nx - 1 ? cur[o + 1] : 0;
        const ym = j > 0 ? cur[o - nx] : 0;
        const yp = j < ny - 1 ? cur[o + nx] : 0;
        const zm = prev === null ? 0 : prev[o];
        const zp = next === null ? 0 : next[o];
        const own = side.surfaceOf(v);
        fg.include(i, j, k);
        own?.include(i, j, k);
        if (xm === v && xp === v && ym === v && yp === v && zm === v && zp === v) continue;
        const g = base + o;
        if (own !== undefined) {
          addVoxel(own, g, xm !== v || xp !== v, ym !== v || yp !== v, zm !== v || zp !== v, planar, axis);
        }
        addVoxel(fg, g, xm === 0 || xp === 0, ym === 0 || yp === 0, zm === 0 || zp === 0, planar, axis);
      }
    }
  }

  /**
   * Border corners of corner slice ck, between voxel slices ck - 1 (window[1]) and ck (window[2]):
   * 3-D corners, and the 2-D corners of the per-slice planes that meet there. Walks each corner
   * row keeping the previous column's four voxels, and skips corners whose eight voxels agree.
   */
  private cornerSlice(side: VolumeSide, ck: number): void {
    const lo = side.window[1];
    const hi = side.window[2];
    const loRows = side.rows[1];
    const hiRows = side.rows[2];
    if (lo === null && hi === null) return;
    const [nx, ny, nz] = this.shape;
    const cx = nx + 1;
    const cornerBase = ck * cx * (ny + 1);
    const axis = this.options.perSliceAxis;
    const planar = this.planar;
    const rowHas = (rows: Uint8Array | null, j: number): boolean => rows !== null && j >= 0 && j < ny && rows[j] === 1;
    for (let cj = 0; cj <= ny; cj++) {
      const loA = rowHas(loRows, cj - 1);
      const loB = rowHas(loRows, cj);
      const hiA = rowHas(hiRows, cj - 1);
      const hiB = rowHas(hiRows, cj);
      if (!loA && !loB && !hiA && !hiB) continue;
      const rowA = (cj - 1) * nx;
      const rowB = cj * nx;
      // Voxels (i, j - 1, k - 1), (i, j, k - 1), (i, j - 1, k), (i, j, k) of column i: a, b, c, d;
      // the previous column's are pa, pb, pc, pd.
      let pa = 0;
      let pb = 0;
      let pc = 0;
      let pd = 0;
      for (let ci = 0; ci <= nx; ci++) {
        const inside = ci < nx;
        const a = inside && loA ? lo![rowA + ci] : 0;
        const b = inside && loB ? lo![rowB + ci] : 0;
        const c = inside && hiA ? hi![rowA + ci] : 0;
        const d = inside && hiB ? hi![rowB + ci] : 0;
        if (a === b && a === c && a === d && a === pa && a === pb && a === pc && a === pd) continue;
        const g = cornerBase + cj * cx + ci;
        if (!planar) {
          // Code-bit order: the voxel at (d0, d1, d2) sets bit 7 - (4·d0 + 2·d1 + d2) (surfelTable.ts).
          const v = this.eight;
          v[0] = pa;
          v[1] = pc;
          v[2] = pb;
          v[3] = pd;
          v[4] = a;
          v[5] = c;
          v[6] = b;
          v[7] = d;
          this.corner3d(side, g, v);
        }
        // 2-D codes: bit 3 - (2·d0 + d1) for the pixel at (d0, d1) along the plane's two axes.
        if (axis === 0 && inside) this.corner2d(side, g, a, c, b, d, 'slice');
        if (axis === 1 && cj < ny) this.corner2d(side, g, pb, pd, b, d, 'slice');
        if (ck < nz) {
          if (axis === 2) this.corner2d(side, g, pc, pd, c, d, 'slice');
          if (planar) this.corner2d(side, g, pc, pd, c, d, 'volume');
        }
        pa = a;
        pb = b;
        pc = c;
        pd = d;
      }
    }
  }

  /** A 3-D corner whose eight voxels (in code-bit order, in this.eight) do not all agree. */
  private corner3d(side: VolumeSide, g: number, voxels: Float64Array): void {
    let fgCode = 0;
    for (let b = 0; b < 8; b++) if (voxels[b] !== 0) fgCode |= 128 >> b;
    if (fgCode !== 0 && fgCode !== 255) addCorner(side.foreground, g, fgCode, 'volume');
    for (let b = 0; b < 8; b++) {
      const v = voxels[b];
      if (v === 0 || seenBefore(voxels, b)) continue; // each value once
      const own = side.surfaceOf(v);
      if (own === undefined) continue;
      let code = 0;
      for (let n = b; n < 8; n++) if (voxels[n] === v) code |= 128 >> n;
      if (code !== 255) addCorner(own, g, code, 'volume');
    }
  }

  /** A 2-D corner from its four pixels in code-bit order (bit 3 - (2·d0 + d1)). */
  private corner2d(side: VolumeSide, g: number, p0: number, p1: number, p2: number, p3: number, lists: Lists): void {
    if (p0 === p1 && p0 === p2 && p0 === p3) return;
    const fgCode = (p0 !== 0 ? 8 : 0) | (p1 !== 0 ? 4 : 0) | (p2 !== 0 ? 2 : 0) | (p3 !== 0 ? 1 : 0);
    if (fgCode !== 0 && fgCode !== 15) addCorner(side.foreground, g, fgCode, lists);
    const pixels = this.four;
    pixels[0] = p0;
    pixels[1] = p1;
    pixels[2] = p2;
    pixels[3] = p3;
    for (let b = 0; b < 4; b++) {
      const v = pixels[b];
      if (v === 0 || seenBefore(pixels, b)) continue;
      const own = side.surfaceOf(v);
      if (own === undefined) continue;
      let code = 0;
      for (let n = b; n < 4; n++) if (pixels[n] === v) code |= 8 >> n;
      addCorner(own, g, code, lists); // never 15: the four pixels differ
    }
  }
}

/** Whether values[b] already occurs before index b. */
function seenBefore(values: Float64Array, b: number): boolean {
  for (let n = 0; n < b; n++) if (values[n] === values[b]) return true;
  return false;
}

function shiftWindow(side: VolumeSide, plane: Float64Array | null, rows: Uint8Array | null): void {
  side.window[0] = side.window[1];
  side.window[1] = side.window[2];
  side.window[2] = plane;
  side.rows[0] = side.rows[1];
  side.rows[1] = side.rows[2];
  side.rows[2] = rows;
}

/**
 * A mask voxel with an outside neighbour along i (dx), j (dy) or k (dz): a 3-D border voxel unless
 * only dz holds in a planar volume; a 2-D border voxel of its per-slice plane when a neighbour
 * within that plane is outside.
 */
function addVoxel(s: MaskSurface, g: number, dx: boolean, dy: boolean, dz: boolean, planar: boolean, axis: 0 | 1 | 2 | undefined): void {
  if (dx || dy || (dz && !planar)) s.voxels.push(g);
  if (axis === undefined) return;
  const inPlane = axis === 0 ? dy || dz : axis === 1 ? dx || dz : dx || dy;
  if (inPlane) s.sliceVoxels.push(g);
}

function addCorner(s: MaskSurface, g: number, code: number, lists: Lists): void {
  if (lists === 'volume') {
    s.corners.push(g);
    s.codes.push(code);
  } else {
    s.sliceCorners.push(g);
    s.sliceCodes.push(code);
  }
}
