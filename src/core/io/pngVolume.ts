// Stacks decoded PNG slices into one label volume of shape [width, height, slices]: i = column,
// j = row, k = slice. Greyscale values and palette indices are the labels; in colour images each
// distinct RGBA colour becomes a label 1..n in order of first appearance (k, then row, then
// column), with 0 for black and for fully transparent pixels.
//
// Geometry: PNG has no physical geometry. We use 1 mm voxels at the origin with i toward the left
// and j toward posterior, i.e. the affine diag(-1, -1, 1) ("LPS", affineSource 'png'). That is the
// identity of ITK/DICOM's LPS space, which is how ITK-based tools read a PNG, and it shows the image
// as it looks in a radiological axial view (row 0 at the top, column 0 on the left).
import { InputError } from '../errors';
import { makeGeometry } from '../geometry/orientation';
import type { Affine, DataType, Volume, VolumeHeader, VoxelArray } from '../volume';
import type { DecodedMaskPng } from './pngDecode';

export const PNG_AFFINE: Affine = [-1, 0, 0, 0, 0, -1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1];

type Rgba = readonly [number, number, number, number];

function describe(s: DecodedMaskPng): string {
  return `${s.kind} ${s.depth}-bit`;
}

/** Every slice must match the first in size and kind, so labels mean the same thing throughout. */
function checkConsistent(slices: readonly DecodedMaskPng[]): void {
  const first = slices[0]!;
  for (const s of slices) {
    if (s.width !== first.width || s.height !== first.height) {
      throw new InputError(`${s.name} is ${s.width}×${s.height} pixels but ${first.name} is ${first.width}×${first.height}; all slices must have the same size.`);
    }
    const sameDepth = s.kind === 'grey' ? (s.depth === 16) === (first.depth === 16) : true;
    if (s.kind !== first.kind || !sameDepth) {
      throw new InputError(`${s.name} is a ${describe(s)} PNG but ${first.name} is ${describe(first)}; all slices must be the same kind.`);
    }
  }
}

function stackValues(slices: readonly DecodedMaskPng[], pixels: number, wide: boolean): VoxelArray {
  const out = wide ? new Uint16Array(pixels * slices.length) : new Uint8Array(pixels * slices.length);
  slices.forEach((s, k) => out.set(s.values!, k * pixels));
  return out;
}

function paletteColours(slices: readonly DecodedMaskPng[]): Map<number, Rgba> {
  const colours = new Map<number, Rgba>();
  for (const s of slices) {
    for (const index of new Set(s.values!)) {
      const colour = s.palette?.[index];
      if (index !== 0 && colour && !colours.has(index)) colours.set(index, colour);
    }
  }
  return new Map([...colours].sort((a, b) => a[0] - b[0]));
}

/** Colour images: assigns labels by first appearance; 16-bit colours are reported scaled to 8 bits. */
function colourLabels(slices: readonly DecodedMaskPng[], pixels: number): { data: VoxelArray; colours: Map<number, Rgba> } {
  const labels = new Uint32Array(pixels * slices.length);
  const byKey = new Map<string | number, number>();
  const colours = new Map<number, Rgba>();
  const wide = slices[0]!.depth === 16;
  slices.forEach((s, k) => {
    const rgba = s.rgba!;
    for (let p = 0; p < pixels; p++) {
      const [r, g, b, a] = [rgba[4 * p]!, rgba[4 * p + 1]!, rgba[4 * p + 2]!, rgba[4 * p + 3]!];
      if (a === 0 || (r === 0 && g === 0 && b === 0)) continue;
      const key = wide ? `${r},${g},${b},${a}` : ((r << 16) | (g << 8) | b) + a * 16777216;
      let label = byKey.get(key);
      if (label === undefined) {
        label = byKey.size + 1;
        byKey.set(key, label);
        colours.set(label, wide ? [r >> 8, g >> 8, b >> 8, a >> 8] : [r, g, b, a]);
      }
      labels[k * pixels + p] = label;
    }
  });
  const data = byKey.size <= 255 ? Uint8Array.from(labels) : byKey.size <= 65535 ? Uint16Array.from(labels) : labels;
  return { data, colours };
}

export function stackPngSlices(source: string, format: 'png' | 'png-series', slices: readonly DecodedMaskPng[]): Volume {
  checkConsistent(slices);
  const first = slices[0]!;
  const pixels = first.width * first.height;
  let data: VoxelArray;
  let labelColours: Map<number, Rgba> | undefined;
  if (first.kind === 'colour') {
    ({ data, colours: labelColours } = colourLabels(slices, pixels));
  } else {
    data = stackValues(slices, pixels, first.depth === 16);
    if (first.kind === 'palette') labelColours = paletteColours(slices);
  }
  const dataType: DataType = data instanceof Uint8Array ? 'uint8' : data instanceof Uint16Array ? 'uint16' : 'uint32';
  const header: VolumeHeader = {
    source,
    format,
    dataType,
    geometry: makeGeometry([first.width, first.height, slices.length], PNG_AFFINE, 'png'),
    scaling: { slope: 1, inter: 0 },
    volumes: 1,
    volumeIndex: 0,
    ...(labelColours ? { labelColours } : {}),
    ...(first.kind === 'colour' ? { labelsByColour: true } : {}),
  };
  return { header, data };
}
