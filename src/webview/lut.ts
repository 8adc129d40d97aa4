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
  return { blend, onBlack, blendOther, onBlackOther, blendUnlisted: none.blend, onBlackUnlisted: none.onBlack };
}
