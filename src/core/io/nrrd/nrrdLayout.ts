// Turns a parsed NRRD header into what the reader needs: element type and byte order, encoding, the
// three spatial axes and their world geometry, the one non-spatial axis if any (a list of layers
// stored fastest, as Slicer writes overlapping segments, or volumes stored slowest, as in a time
// series), and where the data is. Every size check happens here, before anything is allocated.
//
// Geometry follows the NRRD spec: "space directions" gives, per axis, the vector (in the frame named
// by "space") from one sample to the next, or "none" for a non-spatial axis; "space origin" is the
// centre of the first sample. Without them, "spacings" (or 1) along the first three axes.
// "measurement frame" only says how vector/tensor values are oriented; a mask holds scalars, so it
// is ignored and the header's notes say so.
import { InputError } from '../../errors';
import type { Geometry, Vec3 } from '../../volume';
import type { ReadOptions } from '../api';
import type { SupportedDataType } from '../niftiDataTypes';
import { DEFAULT_MAX_VOXELS } from '../niftiLayout';
import type { DataFileList } from '../raster/dataFiles';
import { NRRD_TYPES } from '../raster/dataTypes';
import { headerGeometry, type SpaceFrame } from '../raster/headerGeometry';
import type { PieceCompression } from '../raster/rasterPieces';
import type { NrrdHeaderText } from './nrrdHeader';

export interface NrrdLayout {
  readonly dataType: SupportedDataType;
  readonly littleEndian: boolean;
  readonly compression: PieceCompression;
  readonly ascii: boolean;
  readonly geometry: Geometry;
  /** Values per sample along the non-spatial axis (layers or volumes) and which one is read. */
  readonly volumes: number;
  readonly volumeIndex: number;
  /** 'interleaved': the non-spatial axis is the fastest (Slicer's layers); 'stacked': the slowest. */
  readonly extraAxis: 'none' | 'interleaved' | 'stacked';
  /** Bytes of all the data (every layer or volume). */
  readonly totalBytes: number;
  readonly dataFiles: DataFileList;
  /** Bytes to skip in each data file (after decompression); -1: the data ends the file. */
  readonly byteSkip: number;
  readonly notes: readonly string[];
}

const FRAMES: Readonly<Record<string, SpaceFrame>> = {
  'right-anterior-superior': 'RAS',
  ras: 'RAS',
  'left-anterior-superior': 'LAS',
  las: 'LAS',
  'left-posterior-superior': 'LPS',
  lps: 'LPS',
  'scanner-xyz': 'RAS',
  '3d-right-handed': 'RAS',
};

function numbers(name: string, field: string, value: string): number[] {
  const out = value.trim().split(/\s+/).map(Number);
  if (out.some((v) => !Number.isFinite(v))) throw new InputError(`${name} has a "${field}" field that is not a list of numbers ("${value.slice(0, 60)}").`);
  return out;
}

/** "(1,0,0)" -> [1, 0, 0]; "none" -> undefined. */
function vectors(name: string, field: string, value: string): (number[] | undefined)[] {
  const tokens = value.trim().match(/\([^)]*\)|none/gi) ?? [];
  return tokens.map((token) => {
    if (token.toLowerCase() === 'none') return undefined;
    const v = token.slice(1, -1).split(',').map(Number);
    if (v.some((x) => !Number.isFinite(x))) throw new InputError(`${name} has a "${field}" vector that is not numbers: ${token}.`);
    return v;
  });
}

function compressionOf(name: string, encoding: string): { compression: PieceCompression; ascii: boolean } {
  switch (encoding.toLowerCase()) {
    case 'raw': return { compression: 'none', ascii: false };
    case 'gz':
    case 'gzip': return { compression: 'gzip', ascii: false };
    case 'txt':
    case 'text':
    case 'ascii': return { compression: 'none', ascii: true };
    case 'bz2':
    case 'bzip2': throw new InputError(`${name} uses bzip2 encoding, which is not read (save it with raw or gzip encoding).`);
    default: throw new InputError(`${name} uses the NRRD encoding "${encoding}", which is not read (raw, gzip and ascii are).`);
  }
}

/** The data file(s) of "data file:", expanding "fmt %d min max step" and taking LIST's names. */
function dataFilesOf(name: string, h: NrrdHeaderText): DataFileList {
  const value = h.fields.get('data file');
  if (value === undefined) return { kind: 'attached' };
  if (/^LIST\b/.test(value)) {
    if (h.listedFiles.length === 0) throw new InputError(`${name} says "data file: LIST" but lists no files after it.`);
    return { kind: 'files', names: h.listedFiles };
  }
  const parts = value.split(/\s+/);
  if (parts.length >= 4 && /%\d*d/.test(parts[0]!)) {
    const [min, max, step] = parts.slice(1, 4).map(Number);
    if (![min, max, step].every((v) => Number.isInteger(v)) || step === 0 || (max! - min!) / step! < 0 || Math.abs((max! - min!) / step!) > 1e6) {
      throw new InputError(`${name} has a "data file" pattern with an unusable range: "${value}".`);
    }
    const names: string[] = [];
    for (let i = min!; step! > 0 ? i <= max! : i >= max!; i += step!) {
      names.push(parts[0]!.replace(/%(0?)(\d*)d/, (_, zero: string, width: string) => String(i).padStart(Number(width || 0), zero ? '0' : ' ')));
    }
    return { kind: 'files', names };
  }
  return { kind: 'files', names: [value] };
}

export function planNrrd(name: string, h: NrrdHeaderText, opts: ReadOptions = {}): NrrdLayout {
  const f = (field: string): string | undefined => h.fields.get(field);
  const typeName = f('type');
  if (typeName === undefined) throw new InputError(`${name} has no "type" field in its NRRD header.`);
  const dataType = NRRD_TYPES.get(typeName.toLowerCase());
  if (!dataType) throw new InputError(`${name} has the NRRD type "${typeName}", which is not read (integer and floating-point types are).`);
  const dimension = Number(f('dimension'));
  if (!Number.isInteger(dimension) || dimension < 1 || dimension > 16) throw new InputError(`${name} has no usable "dimension" field (found ${JSON.stringify(f('dimension') ?? null)}).`);
  const sizesText = f('sizes');
  if (sizesText === undefined) throw new InputError(`${name} has no "sizes" field in its NRRD header.`);
  const sizes = numbers(name, 'sizes', sizesText);
  if (sizes.length !== dimension) throw new InputError(`${name} has ${sizes.length} sizes but a dimension of ${dimension}.`);
  const badSize = sizes.findIndex((s) => !Number.isSafeInteger(s) || s <= 0);
  if (badSize >= 0) throw new InputError(`${name} has an invalid size ${sizes[badSize]} along axis ${badSize} (sizes must be positive integers).`);

  const notes: string[] = [];
  const kinds = f('kinds')?.trim().split(/\s+/).map((k) => k.toLowerCase());
  const directionsText = f('space directions');
  const directions = directionsText === undefined ? undefined : vectors(name, 'space directions', directionsText);
  if (directions && directions.length !== dimension) throw new InputError(`${name} has ${directions.length} "space directions" for ${dimension} axes.`);
  // Spatial axes: those with a direction; else those whose kind is domain/space; else the first three.
  const spatialKinds = new Set(['domain', 'space', 'time']);
  let spatial: number[];
  if (directions) spatial = directions.flatMap((d, a) => (d ? [a] : []));
  else if (kinds && kinds.length === dimension) spatial = kinds.flatMap((k, a) => (spatialKinds.has(k) && k !== 'time' ? [a] : []));
  else spatial = sizes.map((_, a) => a).slice(0, Math.min(3, dimension));
  if (!directions && spatial.length > 3) spatial = spatial.slice(0, 3);
  if (spatial.length === 0 || spatial.length > 3) throw new InputError(`${name} has ${spatial.length} spatial axes; 1 to 3 are read.`);
  const extra = sizes.map((_, a) => a).filter((a) => !spatial.includes(a));
  if (extra.length > 1 || (extra.length === 1 && extra[0] !== 0 && extra[0] !== dimension - 1)) {
    throw new InputError(`${name} has ${extra.length} non-spatial axes (${extra.map((a) => kinds?.[a] ?? `axis ${a}`).join(', ')}); one, first or last, is read.`);
  }
  const extraAxis = extra.length === 0 ? 'none' : extra[0] === 0 ? 'interleaved' : 'stacked';
  const volumes = extra.length === 0 ? 1 : sizes[extra[0]!]!;
  const shape: Vec3 = [sizes[spatial[0]!]!, sizes[spatial[1]!] ?? 1, sizes[spatial[2]!] ?? 1];
  const voxels = shape[0] * shape[1] * shape[2];
  const maxVoxels = opts.maxVoxels ?? DEFAULT_MAX_VOXELS;
  if (voxels > maxVoxels) throw new InputError(`${name} claims ${shape.join('×')} = ${voxels} voxels per volume, more than the limit of ${maxVoxels}.`);
  const volumeIndex = opts.volumeIndex ?? 0;
  if (!Number.isInteger(volumeIndex) || volumeIndex < 0 || volumeIndex >= volumes) {
    throw new InputError(`${name} holds ${volumes} ${extraAxis === 'interleaved' ? 'layer' : 'volume'}(s), so index ${volumeIndex} does not exist.`);
  }

  const geometry = geometryOf(name, h, shape, spatial, directions, notes);
  const endian = f('endian')?.toLowerCase();
  if (endian !== undefined && endian !== 'little' && endian !== 'big') throw new InputError(`${name} has the endian "${endian}"; "little" or "big" is expected.`);
  if (f('line skip') !== undefined && Number(f('line skip')) !== 0) {
    throw new InputError(`${name} uses "line skip", which is not read (byte skip is).`);
  }
  const byteSkip = f('byte skip') === undefined ? 0 : Number(f('byte skip'));
  if (!Number.isSafeInteger(byteSkip) || byteSkip < -1) throw new InputError(`${name} has a "byte skip" of ${f('byte skip')}; a non-negative integer or -1 is expected.`);
  const encoding = f('encoding');
  if (encoding === undefined) throw new InputError(`${name} has no "encoding" field in its NRRD header.`);
  const { compression, ascii } = compressionOf(name, encoding);
  if (byteSkip === -1 && compression !== 'none') throw new InputError(`${name} has "byte skip: -1" with ${encoding} encoding; -1 is allowed only for raw data.`);
  if (f('measurement frame') !== undefined) notes.push('its measurement frame is ignored (it orients vector values; a mask holds scalars)');
  return {
    dataType,
    littleEndian: endian !== 'big',
    compression,
    ascii,
    geometry,
    volumes,
    volumeIndex,
    extraAxis,
    totalBytes: voxels * volumes * dataType.bytes,
    dataFiles: dataFilesOf(name, h),
    byteSkip,
    notes,
  };
}

function geometryOf(name: string, h: NrrdHeaderText, shape: Vec3, spatial: readonly number[], directions: readonly (number[] | undefined)[] | undefined, notes: string[]): Geometry {
  const space = h.fields.get('space')?.toLowerCase();
  const frame: SpaceFrame = space === undefined ? 'RAS' : FRAMES[space.replace(/-time$/, '')] ?? unknownSpace(name, space);
  const originText = h.fields.get('space origin');
  const origin = originText === undefined ? [0, 0, 0] : (vectors(name, 'space origin', originText)[0] ?? [0, 0, 0]);
  let columns: Vec3[];
  if (directions) {
    columns = spatial.map((a) => {
      const d = directions[a]!;
      if (d.length !== 3) throw new InputError(`${name} has a ${d.length}-component space direction; 3-D space is read.`);
      return [d[0]!, d[1]!, d[2]!] as Vec3;
    });
  } else {
    const spacingText = h.fields.get('spacings');
    const spacings = spacingText === undefined ? [] : spacingText.trim().split(/\s+/).map(Number);
    columns = spatial.map((a, i) => {
      const s = Number.isFinite(spacings[a]) && spacings[a]! > 0 ? spacings[a]! : 1;
      return [i === 0 ? s : 0, i === 1 ? s : 0, i === 2 ? s : 0] as Vec3;
    });
    if (space === undefined) notes.push('it gives no space directions, so its axes are taken as right, anterior, superior');
  }
  while (columns.length < 3) columns.push(unitNormal(columns));
  if (origin.length !== 3) throw new InputError(`${name} has a ${origin.length}-component space origin; 3-D space is read.`);
  return headerGeometry(name, shape, [columns[0]!, columns[1]!, columns[2]!], [origin[0]!, origin[1]!, origin[2]!], frame);
}

/** A unit axis for a 1- or 2-D image placed in 3-D space: the normal of the others (or z). */
function unitNormal(columns: readonly Vec3[]): Vec3 {
  if (columns.length === 2) {
    const [a, b] = columns as [Vec3, Vec3];
    const n: Vec3 = [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
    const len = Math.hypot(...n);
    if (len > 0) return [n[0] / len, n[1] / len, n[2] / len];
  }
  const used = columns.map((c) => c.findIndex((v) => v !== 0));
  const free = [0, 1, 2].find((i) => !used.includes(i)) ?? 2;
  return [free === 0 ? 1 : 0, free === 1 ? 1 : 0, free === 2 ? 1 : 0];
}

function unknownSpace(name: string, space: string): never {
  throw new InputError(`${name} has the space "${space}", which is not read (right-anterior-superior, left-anterior-superior and left-posterior-superior are).`);
}
