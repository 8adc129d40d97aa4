// Reads a DICOM Segmentation (SEG) object with dcmjs and checks, attribute by attribute, what the
// volume builder needs: the Segmentation Image Module (PS3.3 C.8.20: type, segments, maximum
// fractional value), the image pixel description and the multi-frame functional groups (C.7.6.16:
// each frame's plane position, plane orientation, pixel measures and referenced segment, taken from
// the per-frame item, else from the shared one). Anything a person can fix is one InputError
// sentence naming the file; dcmjs's own console warnings are silenced.
import { InputError } from '../../errors';
import type { Vec3 } from '../../volume';
import type * as Dcmjs from 'dcmjs';
import { functionalGroups, numberList, numberOf, sequenceItems, textOf, type FunctionalGroups, type Item } from './attributes';

export const SEGMENTATION_STORAGE = '1.2.840.10008.5.1.4.1.1.66.4';
/** Uncompressed transfer syntaxes: implicit VR little endian, explicit VR little endian. */
const NATIVE_SYNTAXES = new Set(['1.2.840.10008.1.2', '1.2.840.10008.1.2.1']);

export interface SegSegment {
  readonly number: number;
  readonly label: string;
  /** RecommendedDisplayCIELabValue, DICOM-scaled (0..65535 each). */
  readonly cielab?: readonly [number, number, number];
}

export interface SegFrame {
  /** ImagePositionPatient of the frame's first pixel, LPS mm. */
  readonly position: Vec3;
  readonly segment: number;
}

export interface SegObject {
  readonly name: string;
  readonly type: 'BINARY' | 'FRACTIONAL';
  readonly rows: number;
  readonly columns: number;
  readonly bitsAllocated: 1 | 8;
  /** FRACTIONAL: the stored value meaning 1.0. */
  readonly maxFractional: number;
  readonly segments: readonly SegSegment[];
  readonly frames: readonly SegFrame[];
  /** ImageOrientationPatient: row direction (toward increasing column) then column direction, LPS. */
  readonly orientation: readonly [number, number, number, number, number, number];
  /** PixelSpacing: [between rows, between columns] mm. */
  readonly pixelSpacing: readonly [number, number];
  readonly sliceThickness: number | undefined;
  readonly spacingBetweenSlices: number | undefined;
  readonly pixelData: Uint8Array;
}

/** Part 10 files: a 128-byte preamble, then "DICM". */
export function hasDicomPreamble(bytes: Uint8Array): boolean {
  return bytes.length >= 132 && bytes[128] === 0x44 && bytes[129] === 0x49 && bytes[130] === 0x43 && bytes[131] === 0x4d;
}

function dcmjs(): typeof Dcmjs {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use: ~1.4 MB a NIfTI-only run should not evaluate
  const lib = require('dcmjs') as typeof Dcmjs;
  // dcmjs writes its validation warnings (e.g. implicit-VR pixel data read as OW) to the console;
  // what matters to a person comes from our checks, as one sentence.
  lib.log.setLevel('silent');
  for (const child of Object.values(lib.log.getLoggers())) child.setLevel('silent');
  return lib;
}

function parse(name: string, bytes: Uint8Array): { meta: Item; ds: Item } {
  if (!hasDicomPreamble(bytes)) throw new InputError(`${name} is not a DICOM file (no "DICM" after the 128-byte preamble).`);
  const lib = dcmjs();
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  let file;
  try {
    file = lib.data.DicomMessage.readFile(buffer);
  } catch (e) {
    const why = e instanceof Error ? e.message.replace(/\.$/, '') : String(e);
    throw new InputError(`${name} is a damaged DICOM file (the reader stopped with: ${why}).`);
  }
  return { meta: lib.data.DicomMetaDictionary.naturalizeDataset(file.meta), ds: lib.data.DicomMetaDictionary.naturalizeDataset(file.dict) };
}

function checkSegmentation(name: string, meta: Item, ds: Item): 'BINARY' | 'FRACTIONAL' {
  const sopClass = textOf(ds, 'SOPClassUID') ?? textOf(meta, 'MediaStorageSOPClassUID');
  if (sopClass !== SEGMENTATION_STORAGE) {
    const modality = textOf(ds, 'Modality');
    throw new InputError(`${name} is a DICOM ${modality ? `${modality} ` : ''}object, not a DICOM Segmentation (SEG).`);
  }
  const syntax = textOf(meta, 'TransferSyntaxUID') ?? '';
  if (!NATIVE_SYNTAXES.has(syntax)) {
    throw new InputError(`${name} stores its frames compressed (transfer syntax ${syntax}); only uncompressed DICOM SEG is read.`);
  }
  const type = textOf(ds, 'SegmentationType');
  if (type !== 'BINARY' && type !== 'FRACTIONAL') {
    throw new InputError(`${name} is a ${type ?? 'untyped'} segmentation; only BINARY and FRACTIONAL DICOM SEG are read.`);
  }
  return type;
}

function segmentsOf(name: string, ds: Item): SegSegment[] {
  const items = sequenceItems(ds, 'SegmentSequence');
  if (items.length === 0) throw new InputError(`${name} lists no segments (Segment Sequence is empty).`);
  return items.map((item) => {
    const number = numberOf(item, 'SegmentNumber');
    if (number === undefined || !Number.isInteger(number) || number < 1) throw new InputError(`${name} has a segment without a valid Segment Number.`);
    const lab = numberList(item, 'RecommendedDisplayCIELabValue');
    const label = textOf(item, 'SegmentLabel') ?? `Segment ${number}`;
    return { number, label, ...(lab?.length === 3 ? { cielab: [lab[0]!, lab[1]!, lab[2]!] as const } : {}) };
  });
}

function framesOf(name: string, groups: FunctionalGroups, frameCount: number, segments: readonly SegSegment[]): SegFrame[] {
  const known = new Set(segments.map((s) => s.number));
  const frames: SegFrame[] = [];
  for (let f = 0; f < frameCount; f++) {
    const position = numberList(groups(f, 'PlanePositionSequence'), 'ImagePositionPatient');
    if (position?.length !== 3) {
      throw new InputError(`${name} gives no position for frame ${f + 1} (no Image Position Patient in its Plane Position Sequence), so its frames cannot be placed in a volume.`);
    }
    const segment = numberOf(groups(f, 'SegmentIdentificationSequence'), 'ReferencedSegmentNumber');
    if (segment === undefined || !known.has(segment)) {
      throw new InputError(`${name} frame ${f + 1} refers to segment ${segment ?? '(none)'}, which its Segment Sequence does not list.`);
    }
    frames.push({ position: [position[0]!, position[1]!, position[2]!], segment });
  }
  return frames;
}

/** The one orientation and pixel measures every frame shares (the SEG reader builds one grid). */
function planeOf(name: string, groups: FunctionalGroups, frameCount: number): Pick<SegObject, 'orientation' | 'pixelSpacing' | 'sliceThickness' | 'spacingBetweenSlices'> {
  const orientation = numberList(groups(0, 'PlaneOrientationSequence'), 'ImageOrientationPatient');
  if (orientation?.length !== 6) throw new InputError(`${name} gives no Image Orientation Patient, so its frames cannot be placed in a volume.`);
  const measures = groups(0, 'PixelMeasuresSequence');
  const spacing = numberList(measures, 'PixelSpacing');
  if (spacing?.length !== 2 || !(spacing[0]! > 0 && spacing[1]! > 0)) throw new InputError(`${name} gives no valid Pixel Spacing.`);
  for (let f = 1; f < frameCount; f++) {
    const other = numberList(groups(f, 'PlaneOrientationSequence'), 'ImageOrientationPatient');
    if (other && other.some((v, i) => Math.abs(v - orientation[i]!) > 1e-4)) {
      throw new InputError(`${name} frame ${f + 1} has another orientation than frame 1; a SEG whose frames are not parallel is not read.`);
    }
  }
  const positive = (v: number | undefined): number | undefined => (v !== undefined && v > 0 ? v : undefined);
  return {
    orientation: orientation as unknown as SegObject['orientation'],
    pixelSpacing: [spacing[0]!, spacing[1]!],
    sliceThickness: positive(numberOf(measures, 'SliceThickness')),
    spacingBetweenSlices: positive(numberOf(measures, 'SpacingBetweenSlices')),
  };
}

function pixelDataOf(name: string, ds: Item, needed: number): Uint8Array {
  const value = ds['PixelData'];
  const first = Array.isArray(value) ? (value as unknown[])[0] : value;
  const data = first instanceof ArrayBuffer ? new Uint8Array(first) : ArrayBuffer.isView(first) ? new Uint8Array(first.buffer, first.byteOffset, first.byteLength) : undefined;
  if (!data || data.length < needed) {
    throw new InputError(`${name}'s pixel data ends early: its frames need ${needed} bytes but the file holds ${data?.length ?? 0}.`);
  }
  return data;
}

/** Parses and checks a DICOM SEG held in memory. */
export function readSegObject(name: string, bytes: Uint8Array): SegObject {
  const { meta, ds } = parse(name, bytes);
  const type = checkSegmentation(name, meta, ds);
  const rows = numberOf(ds, 'Rows') ?? 0;
  const columns = numberOf(ds, 'Columns') ?? 0;
  const frameCount = numberOf(ds, 'NumberOfFrames') ?? 1;
  if (!(rows > 0 && columns > 0 && frameCount > 0)) throw new InputError(`${name} has no frames (Rows, Columns or Number of Frames is 0).`);
  const bits = numberOf(ds, 'BitsAllocated');
  const expectedBits = type === 'BINARY' ? 1 : 8;
  if (bits !== expectedBits) throw new InputError(`${name} is a ${type} SEG with ${bits} bits allocated; the standard requires ${expectedBits}.`);
  const maxFractional = type === 'FRACTIONAL' ? (numberOf(ds, 'MaximumFractionalValue') ?? 0) : 1;
  if (!(maxFractional > 0)) throw new InputError(`${name} is a FRACTIONAL SEG without a Maximum Fractional Value.`);
  const segments = segmentsOf(name, ds);
  const groups = functionalGroups(ds);
  const frames = framesOf(name, groups, frameCount, segments);
  const needed = Math.ceil((rows * columns * frameCount * expectedBits) / 8);
  return {
    name, type, rows, columns, bitsAllocated: expectedBits, maxFractional, segments, frames,
    ...planeOf(name, groups, frameCount),
    pixelData: pixelDataOf(name, ds, needed),
  };
}
