// Label value -> packed pixel lookup, rebuilt when labels, visibility, opacity or palette change,
// so the per-pixel loop does one table read instead of colour maths.
import type { Rgba } from '../protocol/viewer';

// ImageData is RGBA bytes; a Uint32Array view over it reads them little-endian on every platform
// VS Code runs on (x64, arm64), so one pixel is A<<24 | B<<16 | G<<8 | R.

/** Packs RGBA bytes (0..255; fractions are truncated) as one pixel of an ImageData Uint32Array view. */
export function packRgba(r: number, g: number, b: number, a: number): number {
  return ((a << 24) | (b << 16) | (g << 8) | r) >>> 0;
}

export function unpackRgba(p: number): Rgba {
  return [p & 255, (p >>> 8) & 255, (p >>> 16) & 255, p >>> 24];
}

/** Integer label values up to this get a direct table slot; anything else goes through a Map. */
const MAX_TABLE_SIZE = 65536;

export interface LabelColourEntry {
  readonly value: number;
  readonly colour: Rgba;
}

/**
 * Two views of the same colours: `blend` holds the label colour with the overlay alpha in the A
 * byte (0 = draw nothing), for mixing over a background; `onBlack` holds the same colour already
 * mixed over black (opaque), the fast path when there is no background.
 */
export interface LabelLut {
  readonly blend: Uint32Array;
  readonly onBlack: Uint32Array;
  readonly blendOther: ReadonlyMap<number, number>;
  readonly onBlackOther: ReadonlyMap<number, number>;
  /** For non-zero values that are not listed labels (both views). */
  readonly blendUnlisted: number;
  readonly onBlackUnlisted: number;
  /**
   * Every table value already mixed over every grey level: overGrey[value·256 + grey], so drawing
   * over a background is one table read per pixel. Absent when the table is too long to be worth it.
   */
  readonly overGrey?: Uint32Array;
}

/** Pre-mixing costs (max value + 1) × 256 entries: up to 1 MiB, built in about a millisecond. */
const MAX_PREMIXED_VALUE = 1023;

/** grey·(1−α) + colour·α per channel, α from the packed colour's alpha byte; opaque result. */
export function mixOverGrey(grey: number, colour: number): number {
  const a = colour >>> 24;
  if (a === 255) return colour;
  if (a === 0) return packRgba(grey, grey, grey, 255);
  const k = a / 255;
  const r = colour & 255;
  const g = (colour >>> 8) & 255;
  const b = (colour >>> 16) & 255;
  return packRgba(grey + (r - grey) * k, grey + (g - grey) * k, grey + (b - grey) * k, 255);
}

function premix(blend: Uint32Array): Uint32Array {
  const table = new Uint32Array(blend.length * 256);
  for (let value = 0; value < blend.length; value++) {
    const colour = blend[value]!;
    for (let grey = 0; grey < 256; grey++) table[(value << 8) | grey] = mixOverGrey(grey, colour);
  }
  return table;
}

export const OPAQUE_BLACK = packRgba(0, 0, 0, 255);

/** `unlisted`: colour for non-zero values missing from `labels`; omitted = draw them as background. */
export function buildLabelLut(
  labels: readonly LabelColourEntry[], hidden: ReadonlySet<number>, opacity: number, unlisted?: Rgba,
): LabelLut {
  const clampedOpacity = Math.min(1, Math.max(0, opacity));
  const pack = ([r, g, b, a]: Rgba): { blend: number; onBlack: number } => {
    const alpha = Math.round(a * clampedOpacity);
    const k = alpha / 255;
    return {
      blend: alpha === 0 ? 0 : packRgba(r, g, b, alpha),
      onBlack: packRgba(Math.round(r * k), Math.round(g * k), Math.round(b * k), 255),
    };
  };
  const none = unlisted ? pack(unlisted) : { blend: 0, onBlack: OPAQUE_BLACK };
  const tableMax = labels.reduce(
    (max, l) => (Number.isInteger(l.value) && l.value >= 0 && l.value < MAX_TABLE_SIZE ? Math.max(max, l.value) : max),
    0,
  );
  const blend = new Uint32Array(tableMax + 1).fill(none.blend);
  const onBlack = new Uint32Array(tableMax + 1).fill(none.onBlack);
  blend[0] = 0;
  onBlack[0] = OPAQUE_BLACK;
  const blendOther = new Map<number, number>();
  const onBlackOther = new Map<number, number>();
  for (const { value, colour } of labels) {
    if (value === 0) continue;
    const packed = hidden.has(value) ? { blend: 0, onBlack: OPAQUE_BLACK } : pack(colour);
    if (Number.isInteger(value) && value >= 0 && value <= tableMax) {
      blend[value] = packed.blend;
      onBlack[value] = packed.onBlack;
    } else {
      blendOther.set(value, packed.blend);
      onBlackOther.set(value, packed.onBlack);
    }
  }
  return {
    blend, onBlack, blendOther, onBlackOther, blendUnlisted: none.blend, onBlackUnlisted: none.onBlack,
    ...(tableMax <= MAX_PREMIXED_VALUE ? { overGrey: premix(blend) } : {}),
  };
}
