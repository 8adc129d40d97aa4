// Draws one k-slice of the phantom at a time. Each blob crosses a row of the slice in one run of
// voxels whose ends come from the ellipsoid equation, so a slice costs a few fills per organ and row
// instead of a test per voxel: a 512×512×1000 phantom is drawn in seconds.
import { BODY, type Blob } from './anatomy';
import { seededRandom } from './random';

export interface SliceGrid {
  readonly nx: number;
  readonly ny: number;
  readonly nz: number;
}

/** Array index -> normalised coordinate in [-1, 1] at the voxel centre. */
const centre = (index: number, n: number): number => ((index + 0.5) / n) * 2 - 1;

/** Paints the blobs (ascending label order wins on overlap, as listed) into a zeroed slice. */
export function drawLabelSlice(blobs: readonly Blob[], grid: SliceGrid, k: number, out: Uint8Array, binary: boolean): void {
  const { nx, ny } = grid;
  const w = centre(k, grid.nz);
  for (const b of blobs) {
    const dw = (w - b.centre[2]) / b.radii[2];
    if (dw <= -1 || dw >= 1) continue;
    if (b.skipW && w >= b.skipW[0] && w <= b.skipW[1]) continue;
    const label = binary ? 1 : b.relabelAbove && w > b.relabelAbove.w ? b.relabelAbove.label : b.label;
    for (let j = 0; j < ny; j++) {
      const v = centre(j, ny);
      const dv = (v - b.centre[1]) / b.radii[1];
      const q = 1 - dw * dw - dv * dv;
      if (q <= 0) continue;
      const half = b.radii[0] * Math.sqrt(q);
      const u0 = b.centre[0] - half * (1 + b.wobble * Math.sin(9 * v + 5 * w + b.phase));
      const u1 = b.centre[0] + half * (1 + b.wobble * Math.cos(7 * v - 6 * w + b.phase));
      fillRun(out, j * nx, nx, u0, u1, label);
    }
  }
}

function fillRun(out: Uint8Array | Int16Array, rowStart: number, nx: number, u0: number, u1: number, value: number): void {
  const i0 = Math.max(0, Math.ceil(((u0 + 1) / 2) * nx - 0.5));
  const i1 = Math.min(nx - 1, Math.floor(((u1 + 1) / 2) * nx - 0.5));
  if (i1 >= i0) out.fill(value, rowStart + i0, rowStart + i1 + 1);
}

/** Hounsfield-like values per label: soft organs, contrast-enhanced kidneys and aorta. */
const ORGAN_HU = [0, 60, 48, 160, 160, 220, 8];
let noiseTable: Int16Array | null = null;
/** Made on first use: the CLI loads this module for every command, and compare never needs it. */
function noise(): Int16Array {
  if (noiseTable === null) {
    const random = seededRandom(12345);
    noiseTable = Int16Array.from({ length: 65536 }, () => Math.round((random() + random() + random() - 1.5) * 30));
  }
  return noiseTable;
}

/** A CT-like slice: air, a body of soft tissue with a fat rim, a vertebra, the organs, and noise. */
export function drawImageSlice(labels: Uint8Array, grid: SliceGrid, k: number, out: Int16Array): void {
  const { nx, ny } = grid;
  out.fill(-1000);
  const [bu, bv] = BODY.radii;
  const { centre: sc, radius: sr } = BODY.spine;
  for (let j = 0; j < ny; j++) {
    const v = centre(j, ny);
    const q = 1 - (v / bv) ** 2;
    if (q > 0) {
      const half = bu * Math.sqrt(q);
      fillRun(out, j * nx, nx, -half, half, -90);
      fillRun(out, j * nx, nx, -half * 0.93, half * 0.93, 40);
    }
    const sq = sr * sr - (v - sc[1]) ** 2;
    if (sq > 0) fillRun(out, j * nx, nx, sc[0] - Math.sqrt(sq), sc[0] + Math.sqrt(sq), 650);
  }
  const shift = Math.imul(k, 7919);
  const table = noise();
  for (let n = 0; n < out.length; n++) {
    const label = labels[n];
    const base = label === 0 ? out[n] : ORGAN_HU[label] ?? 70;
    out[n] = base + table[(n + shift) & 0xffff];
  }
}
