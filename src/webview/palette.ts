// Label colours. The first ones come from palettes designed to stay distinguishable with the common
// colour-vision deficiencies (Okabe & Ito 2008, then Paul Tol's "muted"); beyond those, hues are
// spread by the golden angle with alternating lightness so neighbouring label values still differ.
// A label's colour depends on its VALUE, not its rank, so label 3 has the same colour in every mask
// (a reference and a prediction side by side must agree).
import type { Rgba } from '../protocol/viewer';
import { hexToRgba } from '../core/overlayColours';

const OKABE_ITO: readonly string[] = ['#E69F00', '#56B4E9', '#009E73', '#F0E442', '#0072B2', '#D55E00', '#CC79A7'];
const TOL_MUTED: readonly string[] = ['#CC6677', '#332288', '#DDCC77', '#117733', '#88CCEE', '#882255', '#44AA99', '#999933', '#AA4499'];
const FIXED: readonly Rgba[] = [...OKABE_ITO, ...TOL_MUTED].map(hexToRgba);

/** HSL (h in degrees, s and l in 0..1) to RGB bytes. */
function hslToRgba(h: number, s: number, l: number): Rgba {
  const c = (1 - Math.abs(2 * l - 1)) * s;
  const hp = (((h % 360) + 360) % 360) / 60;
  const x = c * (1 - Math.abs((hp % 2) - 1));
  const [r, g, b] = hp < 1 ? [c, x, 0] : hp < 2 ? [x, c, 0] : hp < 3 ? [0, c, x] : hp < 4 ? [0, x, c] : hp < 5 ? [x, 0, c] : [c, 0, x];
  const m = l - c / 2;
  return [Math.round((r + m) * 255), Math.round((g + m) * 255), Math.round((b + m) * 255), 255];
}

const GOLDEN_ANGLE = 137.50776;

/** The palette colour of label `value` (value 1 gets the first colour). */
export function paletteColour(value: number): Rgba {
  // Non-integer or negative values (rare: float masks) still get a stable colour from a hash.
  const n = Number.isInteger(value) && value > 0 ? value - 1 : Math.abs(Math.round(value * 7919)) + FIXED.length;
  if (n < FIXED.length) return FIXED[n]!;
  const k = n - FIXED.length;
  return hslToRgba(20 + k * GOLDEN_ANGLE, 0.72, k % 2 === 0 ? 0.55 : 0.42);
}

/** CSS colour for swatches. */
export function cssColour([r, g, b]: Rgba): string {
  return `rgb(${r}, ${g}, ${b})`;
}
