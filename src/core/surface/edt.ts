// Exact Euclidean distance transform, evaluated only where it is needed.
//
// Separable and linear time (Felzenszwalb & Huttenlocher, "Distance Transforms of Sampled
// Functions", 2012): squared distances in mm along k first (features are binary, so that pass is a
// nearest-feature sweep), then along j and i, each as the lower envelope of parabolas
// (s·(x − p))² + f(p). Values stay squared mm in Float64 until the final square root, so anisotropic
// spacing is exact and no rounding accumulates between passes.
//
// Surface metrics only read the transform at the other mask's surface points (the queries), so the
// j pass runs only on k-slices that hold a query, and the last pass (along i, contiguous in memory)
// only on rows that hold one, evaluated only at the queries.

import type { Vec3 } from '../volume';

/** Buffers reused across calls, grown on demand, so a six-label run allocates about once. */
export class EdtWorkspace {
  values = new Float64Array(0);
  lineLast = new Int32Array(0);
  envelopeX = new Float64Array(0);
  envelopeF = new Float64Array(0);
  envelopeStart = new Float64Array(0);
  sliceHasQuery = new Uint8Array(0);

  reserve(dims: Vec3): void {
    const [nx, ny, nz] = dims;
    const n = nx * ny * nz;
    if (this.values.length < n) this.values = new Float64Array(n);
    if (this.lineLast.length < nx * ny) this.lineLast = new Int32Array(nx * ny);
    const line = Math.max(nx, ny, nz) + 1;
    if (this.envelopeX.length < line) {
      this.envelopeX = new Float64Array(line);
      this.envelopeF = new Float64Array(line);
      this.envelopeStart = new Float64Array(line);
    }
    if (this.sliceHasQuery.length < nz) this.sliceHasQuery = new Uint8Array(nz);
  }
}

/** What marks a feature: cells whose value v has isFeature[v] === 1. */
export interface FeatureGrid {
  readonly cells: Uint8Array;
  readonly isFeature: Uint8Array;
}

/**
 * Distance in mm from each query cell to the nearest feature cell, in the order of `queries`
 * (linear indices, i fastest, strictly increasing). Infinity for every query when there is no
 * feature. The grid must contain every feature: a box around both surfaces is enough, since
 * features outside it would not exist.
 */
export function distancesAtQueries(
  grid: FeatureGrid,
  dims: Vec3,
  spacing: Vec3,
  queries: Uint32Array,
  work: EdtWorkspace,
): Float64Array {
  work.reserve(dims);
  const out = new Float64Array(queries.length);
  if (queries.length === 0) return out;
  sweepAlongK(grid, dims, spacing[2], work);
  const [nx, ny, nz] = dims;
  const plane = nx * ny;
  const hasQuery = work.sliceHasQuery;
  hasQuery.fill(0, 0, nz);
  for (let q = 0; q < queries.length; q++) hasQuery[Math.floor(queries[q] / plane)] = 1;
  for (let k = 0; k < nz; k++) {
    if (hasQuery[k] === 0) continue;
    for (let i = 0; i < nx; i++) envelopeInPlace(work, k * plane + i, nx, ny, spacing[1]);
  }
  evaluateRowsAtQueries(work, nx, spacing[0], queries, out);
  return out;
}

/** Pass 1: squared mm to the nearest feature along k, as two sweeps over whole slices (contiguous). */
function sweepAlongK(grid: FeatureGrid, dims: Vec3, sk: number, work: EdtWorkspace): void {
  const [nx, ny, nz] = dims;
  const plane = nx * ny;
  const { cells, isFeature } = grid;
  const g = work.values;
  const last = work.lineLast;
  last.fill(-1, 0, plane);
  for (let k = 0; k < nz; k++) {
    const base = k * plane;
    for (let p = 0; p < plane; p++) {
      if (isFeature[cells[base + p]] === 1) last[p] = k;
      const l = last[p];
      if (l < 0) {
        g[base + p] = Infinity;
      } else {
        const d = (k - l) * sk;
        g[base + p] = d * d;
      }
    }
  }
  last.fill(-1, 0, plane);
  for (let k = nz - 1; k >= 0; k--) {
    const base = k * plane;
    for (let p = 0; p < plane; p++) {
      if (isFeature[cells[base + p]] === 1) last[p] = k;
      const l = last[p];
      if (l >= 0) {
        const d = (l - k) * sk;
        if (d * d < g[base + p]) g[base + p] = d * d;
      }
    }
  }
}

/**
 * Lower envelope of the parabolas (x − x_p)² + f_p over one line of `work.values`, skipping
 * infinite f (no feature reachable yet). Leaves the envelope in work.envelope* and returns its size;
 * envelopeStart[m] is where parabola m starts to be the lowest.
 */
function buildEnvelope(work: EdtWorkspace, start: number, stride: number, n: number, s: number): number {
  const g = work.values;
  const ex = work.envelopeX;
  const ef = work.envelopeF;
  const ez = work.envelopeStart;
  let m = -1;
  for (let q = 0; q < n; q++) {
    const fq = g[start + q * stride];
    if (fq === Infinity) continue;
    const xq = q * s;
    const cq = fq + xq * xq;
    let from = -Infinity;
    while (m >= 0) {
      const xp = ex[m];
      from = (cq - (ef[m] + xp * xp)) / (2 * (xq - xp));
      if (from > ez[m]) break;
      m--;
    }
    if (m < 0) from = -Infinity;
    m++;
    ex[m] = xq;
    ef[m] = fq;
    ez[m] = from;
  }
  return m + 1;
}

/** Pass 2: one line along j, replaced by its transform. */
function envelopeInPlace(work: EdtWorkspace, start: number, stride: number, n: number, s: number): void {
  const size = buildEnvelope(work, start, stride, n, s);
  if (size === 0) return; // all infinite: stays infinite
  const g = work.values;
  const ex = work.envelopeX;
  const ef = work.envelopeF;
  const ez = work.envelopeStart;
  let m = 0;
  for (let q = 0; q < n; q++) {
    const x = q * s;
    while (m + 1 < size && ez[m + 1] < x) m++;
    const d = x - ex[m];
    g[start + q * stride] = d * d + ef[m];
  }
}

/** Pass 3: along i, only on rows holding queries, read only at the queries; square root here. */
function evaluateRowsAtQueries(work: EdtWorkspace, nx: number, s: number, queries: Uint32Array, out: Float64Array): void {
  const ex = work.envelopeX;
  const ef = work.envelopeF;
  const ez = work.envelopeStart;
  let q = 0;
  while (q < queries.length) {
    const rowStart = queries[q] - (queries[q] % nx);
    const size = buildEnvelope(work, rowStart, 1, nx, s);
    let m = 0;
    for (; q < queries.length && queries[q] < rowStart + nx; q++) {
      if (size === 0) {
        out[q] = Infinity;
        continue;
      }
      const x = (queries[q] - rowStart) * s;
      while (m + 1 < size && ez[m + 1] < x) m++;
      const d = x - ex[m];
      out[q] = Math.sqrt(d * d + ef[m]);
    }
  }
}
