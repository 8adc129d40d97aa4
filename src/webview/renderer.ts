// Draws one slice into a Uint32Array view of an ImageData, one pixel per voxel, in screen order.
// Pure (no DOM), so it runs in unit tests and benchmarks as is. The pane scales the result up with
// smoothing off, which keeps mask edges crisp at any zoom. Two loops (over black, over a background)
// keep each one monomorphic and free of per-pixel branches it does not need.
import type { VoxelArray } from '../core/volume';
import { OPAQUE_BLACK, mixOverGrey, packRgba, type LabelLut } from './lut';

/** Where screen pixel (x, y) sits in the slice array: origin + x·stepX + y·stepY (see sliceStrides). */
export interface SliceRaster {
  readonly width: number;
  readonly height: number;
  readonly origin: number;
  readonly stepX: number;
  readonly stepY: number;
}

export interface LabelRenderOptions {
  readonly lut: LabelLut;
  /** Outline: only label voxels with a differently-labelled 4-neighbour in the plane are drawn. */
  readonly outline: boolean;
  /** Intensity window, used when a background slice is given. */
  readonly window: { readonly low: number; readonly high: number };
}

/** 256 opaque greys, so windowing ends in a table read. */
const GREYS = Uint32Array.from({ length: 256 }, (_, g) => packRgba(g, g, g, 255));

/** Renders mask labels over the windowed background (or over black) into `out` (width × height). */
export function renderLabelSlice(
  out: Uint32Array,
  raster: SliceRaster,
  mask: VoxelArray,
  background: VoxelArray | undefined,
  options: LabelRenderOptions,
): void {
  if (background) renderOverBackground(out, raster, mask, background, options);
  else renderOverBlack(out, raster, mask, options);
}

function renderOverBlack(out: Uint32Array, raster: SliceRaster, mask: VoxelArray, options: LabelRenderOptions): void {
  const { width, height, origin, stepX, stepY } = raster;
  const { onBlack: table, onBlackOther: other, onBlackUnlisted: unlisted } = options.lut;
  const outline = options.outline;
  for (let y = 0; y < height; y++) {
    let src = origin + y * stepY;
    let dst = y * width;
    for (let x = 0; x < width; x++, src += stepX, dst++) {
      const value = mask[src]!;
      if (value === 0) {
        out[dst] = OPAQUE_BLACK;
        continue;
      }
      const colour = table[value] ?? other.get(value) ?? unlisted;
      out[dst] = outline && colour !== OPAQUE_BLACK && isInterior(mask, value, src, x, y, raster) ? OPAQUE_BLACK : colour;
    }
  }
}

function renderOverBackground(out: Uint32Array, raster: SliceRaster, mask: VoxelArray, background: VoxelArray, options: LabelRenderOptions): void {
  const { width, height, origin, stepX, stepY } = raster;
  const { blend, blendOther: other, blendUnlisted: unlisted, overGrey } = options.lut;
  const tableMax = overGrey ? blend.length - 1 : -1;
  const outline = options.outline;
  const low = options.window.low;
  const scale = 255 / (options.window.high - options.window.low);
  for (let y = 0; y < height; y++) {
    let src = origin + y * stepY;
    let dst = y * width;
    for (let x = 0; x < width; x++, src += stepX, dst++) {
      const g = (background[src]! - low) * scale;
      const grey = g <= 0 ? 0 : g >= 255 ? 255 : g | 0;
      const value = mask[src]!;
      if (value === 0) {
        out[dst] = GREYS[grey]!;
        continue;
      }
      const premixed = value <= tableMax && value > 0 && (value | 0) === value;
      const colour = premixed ? blend[value]! : (blend[value] ?? other.get(value) ?? unlisted);
      if (colour === 0 || (outline && isInterior(mask, value, src, x, y, raster))) out[dst] = GREYS[grey]!;
      else out[dst] = premixed ? overGrey![(value << 8) | grey]! : mixOverGrey(grey, colour);
    }
  }
}

/** A label voxel whose 4 in-plane neighbours all hold the same value (the slice edge counts as different). */
function isInterior(mask: VoxelArray, value: number, src: number, x: number, y: number, r: SliceRaster): boolean {
  return (
    x > 0 && x < r.width - 1 && y > 0 && y < r.height - 1 &&
    mask[src - r.stepX] === value && mask[src + r.stepX] === value &&
    mask[src - r.stepY] === value && mask[src + r.stepY] === value
  );
}
