// Draws one slice into a Uint32Array view of an ImageData, one pixel per voxel, in screen order.
// Pure (no DOM), so it runs in unit tests and benchmarks as is. The pane scales the result up with
// smoothing off, which keeps mask edges crisp at any zoom.
import type { VoxelArray } from '../core/volume';
import { OPAQUE_BLACK, packRgba, type LabelLut } from './lut';

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
  const { width, height, origin, stepX, stepY } = raster;
  const { lut, outline } = options;
  const scale = 255 / (options.window.high - options.window.low);
  const low = options.window.low;
  const table = background ? lut.blend : lut.onBlack;
  const other = background ? lut.blendOther : lut.onBlackOther;
  const unlisted = background ? lut.blendUnlisted : lut.onBlackUnlisted;
  const transparent = background ? 0 : OPAQUE_BLACK;
  for (let y = 0; y < height; y++) {
    let src = origin + y * stepY;
    let dst = y * width;
    for (let x = 0; x < width; x++, src += stepX, dst++) {
      const value = mask[src]!;
      let label = value === 0 ? transparent : (table[value] ?? other.get(value) ?? unlisted);
      if (outline && label !== transparent && isInterior(mask, value, src, x, y, raster)) label = transparent;
      if (!background) {
        out[dst] = label;
        continue;
      }
      const g = (background[src]! - low) * scale;
      const grey = g <= 0 ? 0 : g >= 255 ? 255 : g | 0;
      out[dst] = label === 0 ? GREYS[grey]! : mix(grey, label);
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

/** grey·(1−α) + colour·α per channel, α from the packed label's alpha byte. */
function mix(grey: number, label: number): number {
  const a = label >>> 24;
  if (a === 255) return label;
  const k = a / 255;
  const r = label & 255;
  const g = (label >>> 8) & 255;
  const b = (label >>> 16) & 255;
  return packRgba(grey + (r - grey) * k, grey + (g - grey) * k, grey + (b - grey) * k, 255);
}
