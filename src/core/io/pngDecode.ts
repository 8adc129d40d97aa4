// Decodes one PNG (with fast-png) into one sample per pixel for greyscale and palette images, or
// RGBA samples for colour images, after checking the signature and size before decoding.
import { decode, hasPngSignature, type DecodedPng } from 'fast-png';
import { InputError } from '../errors';

export type PngKind = 'grey' | 'palette' | 'colour';

export interface DecodedMaskPng {
  readonly name: string;
  readonly width: number;
  readonly height: number;
  readonly kind: PngKind;
  /** Bits per sample: 1, 2, 4, 8 or 16. */
  readonly depth: number;
  /** grey/palette: one value per pixel (grey value or palette index; 0 where grey+alpha is transparent). */
  readonly values?: Uint8Array | Uint16Array;
  /** colour: 4 samples (R, G, B, A) per pixel, alpha = max when the file has none. */
  readonly rgba?: Uint8Array | Uint16Array;
  /** palette: RGBA colour of each palette index (alpha 255 unless the file has tRNS). */
  readonly palette?: readonly (readonly [number, number, number, number])[];
}

const INDEXED_COLOUR_TYPE = 3;
const CHANNELS_OF_COLOUR_TYPE: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };
/** zlib (deflate) never expands more than 1032:1, so a PNG cannot hold more raw pixel bytes than this. */
const MAX_DEFLATE_RATIO = 1032;

/** Size and colour type from the IHDR chunk, read before decoding so absurd sizes are refused first. */
export function pngHeader(name: string, bytes: Uint8Array): { width: number; height: number; colourType: number } {
  if (!hasPngSignature(bytes) || bytes.length < 33) throw new InputError(`${name} is not a PNG file (no PNG signature and header).`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const width = view.getUint32(16);
  const height = view.getUint32(20);
  const depth = bytes[24]!;
  const colourType = bytes[25]!;
  const channels = CHANNELS_OF_COLOUR_TYPE[colourType];
  if (channels === undefined) throw new InputError(`${name} has an invalid PNG colour type ${colourType}.`);
  // Each row is a filter byte plus its packed samples; refuse sizes the file could never hold.
  const rawBytes = height * (1 + Math.ceil((width * channels * depth) / 8));
  if (rawBytes > bytes.length * MAX_DEFLATE_RATIO) {
    throw new InputError(`${name} claims ${width}×${height} pixels, more than a ${bytes.length}-byte PNG can hold; it is truncated or corrupt.`);
  }
  return { width, height, colourType };
}

/** Unpacks 1/2/4-bit samples (rows padded to whole bytes) into one byte per pixel. */
function unpackSamples(packed: ArrayLike<number>, width: number, height: number, depth: number): Uint8Array {
  const out = new Uint8Array(width * height);
  const rowBytes = Math.ceil((width * depth) / 8);
  const mask = (1 << depth) - 1;
  for (let row = 0; row < height; row++) {
    for (let col = 0; col < width; col++) {
      const bit = col * depth;
      const byte = packed[row * rowBytes + (bit >> 3)]!;
      out[row * width + col] = (byte >> (8 - depth - (bit & 7))) & mask;
    }
  }
  return out;
}

function decodeOrThrow(name: string, bytes: Uint8Array): DecodedPng {
  try {
    return decode(bytes);
  } catch (e) {
    const why = (e instanceof Error ? e.message : String(e)).replace(/[:.\s]+$/, '');
    throw new InputError(`${name} is a truncated or corrupt PNG (${why}).`);
  }
}

export function decodeMaskPng(name: string, bytes: Uint8Array, maxPixels: number): DecodedMaskPng {
  const { width, height, colourType } = pngHeader(name, bytes);
  if (width === 0 || height === 0 || width * height > maxPixels) {
    throw new InputError(`${name} claims ${width}×${height} pixels, which is empty or more than the limit of ${maxPixels}.`);
  }
  const png = decodeOrThrow(name, bytes);
  const pixels = width * height;
  const { channels, depth } = png;
  const expected = depth < 8 ? Math.ceil((width * depth) / 8) * height : pixels * channels;
  if (png.data.length < expected) throw new InputError(`${name} is truncated: its image data is shorter than ${width}×${height} pixels.`);
  // A PLTE chunk in an RGB file is only a display suggestion: the colour type says what the samples are.
  if (colourType === INDEXED_COLOUR_TYPE) {
    const palette = (png.palette ?? []).map((c) => [c[0] ?? 0, c[1] ?? 0, c[2] ?? 0, c[3] ?? 255] as const);
    const values = depth < 8 ? unpackSamples(png.data, width, height, depth) : Uint8Array.from(png.data.subarray(0, pixels));
    return { name, width, height, kind: 'palette', depth, values, palette };
  }
  if (channels === 1 || channels === 2) {
    if (depth < 8) return { name, width, height, kind: 'grey', depth, values: unpackSamples(png.data, width, height, depth) };
    const values = depth === 16 ? new Uint16Array(pixels) : new Uint8Array(pixels);
    for (let p = 0; p < pixels; p++) {
      const transparent = channels === 2 && png.data[2 * p + 1] === 0;
      values[p] = transparent ? 0 : png.data[channels * p]!;
    }
    return { name, width, height, kind: 'grey', depth, values };
  }
  const maxSample = depth === 16 ? 65535 : 255;
  const rgba = depth === 16 ? new Uint16Array(pixels * 4) : new Uint8Array(pixels * 4);
  for (let p = 0; p < pixels; p++) {
    for (let c = 0; c < 3; c++) rgba[4 * p + c] = png.data[channels * p + c]!;
    rgba[4 * p + 3] = channels === 4 ? png.data[4 * p + 3]! : maxSample;
  }
  return { name, width, height, kind: 'colour', depth, rgba };
}
