// Exact Euclidean distance transform, evaluated only where it is needed.
//
// Separable and linear time (Felzenszwalb & Huttenlocher, "Distance Transforms of Sampled
// Functions", 2012), with anisotropic spacing:
// 1. along k: features are binary, so the 1-D transform of a k-line is the step count to its
//    nearest feature. Surface features are sparse, so instead of a volume of counts we keep each
//    line's feature positions (a CSR index built in one pass over the features) and read the count
//    from a cursor that only moves forward, since slices are visited in increasing k;
// 2. along i (contiguous), one k-slice at a time: the lower envelope of the parabolas
//    (s·(i − i'))² + f(i'), in Float64 squared mm, into a slice-sized buffer that stays in cache;
// 3. along j, only at the queries in that slice (see evaluateAtQueries).
// Surface metrics read the transform only at the other mask's surface points (the queries), so
// passes 2 and 3 run lazily: only on slices holding a query, only on the rows that pass 3 reaches
// from a query, and only over the columns between the slice's leftmost and rightmost query.

import type { Vec3 } from '../volume';

/** What marks a feature: cells whose value v has isFeature[v] === 1. */
export interface FeatureGrid {
  readonly cells: Uint8Array;
  readonly isFeature: Uint8Array;
}

/** The workspace's scratch slots and their users (a list in use must not share a slot with another). */
export const SCRATCH = {
  /** pair.ts surfaceValues: the two directed distance lists (f64), a corner set's slots (u32). */
  refToPred: 0,
  predToRef: 1,
  cornerSetSlots: 0,
  /** reduce.ts volumeValues: each mask's points moved into the box (u32) and their areas (f64). */
  refVoxels: 1,
  refCorners: 2,
  predVoxels: 3,
  predCorners: 4,
  refAreas: 2,
  predAreas: 3,
} as const;

/** Buffers reused across calls, grown on demand, so a six-label run allocates about once. */
export class EdtWorkspace {
  lineStart = new Int32Array(0);
  lineCursor = new Int32Array(0);
  featureK = new Int32Array(0);
  slice = new Float64Array(0);
  rowDone = new Uint8Array(0);
  envelopeAt = new Float64Array(0);
  envelopeF = new Float64Array(0);
  envelopeStart = new Float64Array(0);
  /**
   * Scratch lists for the lists a pair is measured from and with (its points in the box, its two
   * directed distance lists, a corner set's slots): a label image measures thousands of small
   * pairs (and a pair per slice of each), and a fresh typed array per list made allocation and
   * garbage collection most of the work. Each slot holds one list at a time; SCRATCH names who
   * uses which.
   */
  private readonly f64s: Float64Array[] = [];
  private readonly u32s: Uint32Array[] = [];

  /** Scratch Float64 list `slot` of `length` (old contents), valid until that slot is asked for again. */
  f64(slot: number, length: number): Float64Array {
    const have = this.f64s[slot];
    if (have === undefined || have.length < length) this.f64s[slot] = new Float64Array(Math.max(length, 2 * (have?.length ?? 0)));
    return this.f64s[slot]!.subarray(0, length);
  }

  /** Scratch Uint32 list `slot` of `length` (old contents), valid until that slot is asked for again. */
  u32(slot: number, length: number): Uint32Array {
    const have = this.u32s[slot];
    if (have === undefined || have.length < length) this.u32s[slot] = new Uint32Array(Math.max(length, 2 * (have?.length ?? 0)));
    return this.u32s[slot]!.subarray(0, length);
  }

  reserve(dims: Vec3, features: number): void {
    const [nx, ny] = dims;
    const plane = nx * ny;
    if (this.slice.length < plane) {
      this.slice = new Float64Array(plane);
      this.lineStart = new Int32Array(plane + 1);
      this.lineCursor = new Int32Array(plane);
    }
    if (this.featureK.length < features) this.featureK = new Int32Array(features);
    if (this.rowDone.length < ny) this.rowDone = new Uint8Array(ny);
    if (this.envelopeAt.length < nx) {
      this.envelopeAt = new Float64Array(nx);
      this.envelopeF = new Float64Array(nx);
      this.envelopeStart = new Float64Array(nx);
    }
  }
}

/**
 * Distance in mm from each query cell to the nearest feature cell. Both lists hold linear indices
 * of one grid of `dims` (i fastest), strictly increasing; the result follows the order of
 * `queries`, in `out` when given (as long as `queries`). Infinity for every query when there is no
 * feature. The grid must contain every feature: a box around both surfaces is enough.
 */
export function distancesAtQueries(
  features: Uint32Array,
  dims: Vec3,
  spacing: Vec3,
  queries: Uint32Array,
  work: EdtWorkspace,
  out: Float64Array = new Float64Array(queries.length),
): Float64Array {
  if (queries.length === 0) return out;
  if (features.length === 0) return out.fill(Infinity);
  work.reserve(dims, features.length);
  indexFeaturesByLine(features, dims, work);
  const [nx, ny] = dims;
  const plane = nx * ny;
  let q = 0;
  while (q < queries.length) {
    const k = Math.floor(queries[q] / plane);
    let end = q;
    let iFrom = nx;
    let iTo = -1;
    for (; end < queries.length && queries[end] < (k + 1) * plane; end++) {
      const i = queries[end] % nx;
      if (i < iFrom) iFrom = i;
      if (i > iTo) iTo = i;
    }
    const slice: SliceJob = { k, base: k * plane, nx, ny, iFrom, iTo, sk: spacing[2], si: spacing[0] };
    work.rowDone.fill(0, 0, ny);
    evaluateAtQueries(work, slice, spacing[1], queries, q, end, out);
    q = end;
  }
  return out;
}

/** Passes 2 and 3 on one k-slice: where it starts, and the columns [iFrom, iTo] its queries are in. */
interface SliceJob {
  readonly k: number;
  readonly base: number;
  readonly nx: number;
  readonly ny: number;
  readonly iFrom: number;
  readonly iTo: number;
  readonly sk: number;
  readonly si: number;
}

/**
 * Pass 1 set-up: the k of every feature grouped by its (i, j) line, increasing within a line
 * (features arrive sorted by linear index, so by k), with each line's cursor at its first feature.
 */
function indexFeaturesByLine(features: Uint32Array, dims: Vec3, work: EdtWorkspace): void {
  const plane = dims[0] * dims[1];
  const start = work.lineStart;
  const cursor = work.lineCursor;
  const ks = work.featureK;
  start.fill(0, 0, plane + 1);
  for (let f = 0; f < features.length; f++) start[(features[f] % plane) + 1]++;
  for (let line = 0; line < plane; line++) start[line + 1] += start[line];
  cursor.set(start.subarray(0, plane));
  for (let f = 0; f < features.length; f++) {
    const line = features[f] % plane;
    ks[cursor[line]++] = Math.floor(features[f] / plane);
  }
  cursor.set(start.subarray(0, plane));
}

/** Pass 1 at one cell: steps along k from slice k to the nearest feature of `line`; -1 for none. */
function stepsToFeature(work: EdtWorkspace, line: number, k: number): number {
  const first = work.lineStart[line];
  const end = work.lineStart[line + 1];
  if (first === end) return -1;
  const ks = work.featureK;
  let c = work.lineCursor[line];
  while (c < end && ks[c] < k) c++;
  work.lineCursor[line] = c;
  const above = c < end ? ks[c] - k : Infinity;
  const below = c > first ? k - ks[c - 1] : Infinity;
  return Math.min(above, below);
}

/**
 * Pass 2 on row j of a slice, along i: the lower envelope of ((i − i')·s)² + f(i') over the i'
 * with a feature on their k-line, then its value at columns iFrom..iTo, into work.slice. Positions
 * stay integer indices and each offset is multiplied by s once, so a distance of whole steps comes
 * out exact (0.8 mm is 0.8, not 0.8000000000000114), as scipy's transform gives it.
 */
function transformRow(work: EdtWorkspace, slice: SliceJob, j: number): void {
  const { k, nx, sk, iFrom, iTo } = slice;
  const s = slice.si;
  const at = work.envelopeAt;
  const ef = work.envelopeF;
  const ez = work.envelopeStart;
  const out = work.slice;
  const s2 = s * s;
  const row = j * nx;
  let m = -1;
  for (let i = 0; i < nx; i++) {
    const count = stepsToFeature(work, row + i, k);
    if (count < 0) continue;
    const dk = count * sk;
    const f = dk * dk;
    // Where (in i) the new parabola starts to be lower than the top of the stack; pop those it hides.
    let from = -Infinity;
    while (m >= 0) {
      const p = at[m];
      from = ((f - ef[m]) / s2 + i * i - p * p) / (2 * (i - p));
      if (from > ez[m]) break;
      m--;
    }
    if (m < 0) from = -Infinity;
    m++;
    at[m] = i;
    ef[m] = f;
    ez[m] = from;
  }
  if (m < 0) {
    out.fill(Infinity, row + iFrom, row + iTo + 1);
    return;
  }
  let e = 0;
  for (let i = iFrom; i <= iTo; i++) {
    while (e < m && ez[e + 1] < i) e++;
    const d = (i - at[e]) * s;
    out[row + i] = d * d + ef[e];
  }
}

/**
 * Pass 3, along j, only at the queries [from, to) of one slice: min over j' of ((j − j')·s)² + g(j'),
 * searched outward from j and stopped once ((j − j')·s)² alone reaches the best value, since
 * g >= 0. Exact; near a surface, where most queries are, it reads a handful of rows, and a row gets
 * its pass 2 the first time it is read.
 */
function evaluateAtQueries(
  work: EdtWorkspace,
  slice: SliceJob,
  s: number,
  queries: Uint32Array,
  from: number,
  to: number,
  out: Float64Array,
): void {
  const g = work.slice;
  const done = work.rowDone;
  const { nx, ny } = slice;
  const row = (j: number): void => {
    if (done[j] === 1) return;
    transformRow(work, slice, j);
    done[j] = 1;
  };
  for (let q = from; q < to; q++) {
    const c = queries[q] - slice.base;
    const j = Math.floor(c / nx);
    row(j);
    let best = g[c];
    for (let d = 1; ; d++) {
      const step = d * s;
      const dd = step * step;
      if (dd >= best) break;
      const hasBelow = j - d >= 0;
      const hasAbove = j + d < ny;
      if (!hasBelow && !hasAbove) break;
      if (hasBelow) {
        row(j - d);
        if (dd + g[c - d * nx] < best) best = dd + g[c - d * nx];
      }
      if (hasAbove) {
        row(j + d);
        if (dd + g[c + d * nx] < best) best = dd + g[c + d * nx];
      }
    }
    out[q] = Math.sqrt(best);
  }
}
