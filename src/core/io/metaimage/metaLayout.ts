// Turns a MetaImage header into what the reader needs, following ITK's MetaImageIO: DimSize,
// ElementType, ElementSpacing (else ElementSize), Offset (or its synonyms Position, Origin), and
// TransformMatrix (or Rotation, Orientation) whose row a is axis a's direction, all in ITK's LPS
// world. AnatomicalOrientation only restates what TransformMatrix says (writers often leave it stale),
// so it is not used. BinaryDataByteOrderMSB (or ElementByteOrderMSB) gives the byte order;
// CompressedData = True means zlib, with CompressedDataSize stored bytes; HeaderSize bytes are
// skipped in each data file (-1: the data ends the file). A 4th dimension is read as volumes.
import { InputError } from '../../errors';
import type { Geometry, Vec3 } from '../../volume';
import type { ReadOptions } from '../api';
import type { SupportedDataType } from '../niftiDataTypes';
import { DEFAULT_MAX_VOXELS } from '../niftiLayout';
import type { DataFileList } from '../raster/dataFiles';
import { META_TYPES } from '../raster/dataTypes';
import { headerGeometry } from '../raster/headerGeometry';
import type { MetaHeaderText } from './metaHeader';

export interface MetaLayout {
  readonly dataType: SupportedDataType;
  readonly littleEndian: boolean;
  readonly compressed: boolean;
  readonly compressedSize: number | undefined;
  readonly ascii: boolean;
  readonly geometry: Geometry;
  readonly volumes: number;
  readonly volumeIndex: number;
  readonly totalBytes: number;
  readonly dataFiles: DataFileList;
  readonly headerSize: number;
}

const isTrue = (v: string | undefined): boolean => v !== undefined && /^true$/i.test(v.trim());

function numbers(name: string, key: string, value: string | undefined, count: number, fallback: number[]): number[] {
  if (value === undefined) return fallback;
  const out = value.trim().split(/\s+/).map(Number);
  if (out.length < count || out.some((v) => !Number.isFinite(v))) {
    throw new InputError(`${name} has a ${key} of "${value.slice(0, 60)}"; ${count} numbers are expected.`);
  }
  return out;
}

function dataFilesOf(name: string, h: MetaHeaderText): DataFileList {
  const value = h.fields.get('elementdatafile')!;
  if (/^LOCAL$/i.test(value)) return { kind: 'attached' };
  if (/^LIST\b/i.test(value)) {
    if (h.listedFiles.length === 0) throw new InputError(`${name} says "ElementDataFile = LIST" but lists no files after it.`);
    return { kind: 'files', names: h.listedFiles };
  }
  const parts = value.split(/\s+/);
  if (parts.length >= 4 && /%\d*d/.test(parts[0]!)) {
    const [min, max, step] = parts.slice(1, 4).map(Number);
    if (![min, max, step].every((v) => Number.isInteger(v)) || step! <= 0 || max! < min! || (max! - min!) / step! > 1e6) {
      throw new InputError(`${name} has an ElementDataFile pattern with an unusable range: "${value}".`);
    }
    const names: string[] = [];
    for (let i = min!; i <= max!; i += step!) names.push(parts[0]!.replace(/%(0?)(\d*)d/, (_, zero: string, width: string) => String(i).padStart(Number(width || 0), zero ? '0' : ' ')));
    return { kind: 'files', names };
  }
  return { kind: 'files', names: [value] };
}

export function planMeta(name: string, h: MetaHeaderText, opts: ReadOptions = {}): MetaLayout {
  const f = (key: string): string | undefined => h.fields.get(key.toLowerCase());
  const ndims = Number(f('NDims'));
  if (!Number.isInteger(ndims) || ndims < 2 || ndims > 4) throw new InputError(`${name} has NDims = ${f('NDims') ?? 'nothing'}; 2, 3 or 4 dimensions are read.`);
  const sizes = numbers(name, 'DimSize', f('DimSize'), ndims, []);
  if (sizes.length === 0) throw new InputError(`${name} has no DimSize line in its MetaImage header.`);
  const badSize = sizes.slice(0, ndims).findIndex((s) => !Number.isSafeInteger(s) || s <= 0);
  if (badSize >= 0) throw new InputError(`${name} has an invalid DimSize ${sizes[badSize]} along axis ${badSize}.`);
  const typeName = f('ElementType');
  const dataType = typeName === undefined ? undefined : META_TYPES.get(typeName.toUpperCase());
  if (!dataType) throw new InputError(`${name} has the ElementType ${typeName ?? '(none)'}, which is not read (MET_CHAR to MET_DOUBLE are).`);
  const channels = Number(f('ElementNumberOfChannels') ?? '1');
  if (channels !== 1) throw new InputError(`${name} has ${f('ElementNumberOfChannels')} channels per voxel; a mask has one.`);
  const shape: Vec3 = [sizes[0]!, sizes[1]!, ndims >= 3 ? sizes[2]! : 1];
  const volumes = ndims === 4 ? sizes[3]! : 1;
  const voxels = shape[0] * shape[1] * shape[2];
  const maxVoxels = opts.maxVoxels ?? DEFAULT_MAX_VOXELS;
  if (voxels > maxVoxels) throw new InputError(`${name} claims ${shape.join('×')} = ${voxels} voxels per volume, more than the limit of ${maxVoxels}.`);
  const volumeIndex = opts.volumeIndex ?? 0;
  if (!Number.isInteger(volumeIndex) || volumeIndex < 0 || volumeIndex >= volumes) {
    throw new InputError(`${name} holds ${volumes} volume(s), so volume index ${volumeIndex} does not exist.`);
  }
  const spatial = Math.min(ndims, 3);
  const spacing = numbers(name, 'ElementSpacing', f('ElementSpacing') ?? f('ElementSize'), spatial, [1, 1, 1]);
  const originText = f('Offset') ?? f('Position') ?? f('Origin');
  const origin = numbers(name, 'Offset', originText, spatial, [0, 0, 0]);
  const identity = ndims === 2 ? [1, 0, 0, 1] : [1, 0, 0, 0, 1, 0, 0, 0, 1, ...(ndims === 4 ? [0, 0, 0, 0, 0, 0, 0] : [])];
  const matrix = numbers(name, 'TransformMatrix', f('TransformMatrix') ?? f('Rotation') ?? f('Orientation'), ndims * ndims, identity);
  const columns: Vec3[] = [0, 1, 2].map((a) => {
    if (a >= spatial) return [0, 0, spacing[2] ?? 1] as Vec3;
    const row = matrix.slice(a * ndims, a * ndims + Math.min(ndims, 3));
    const s = spacing[a]!;
    return [(row[0] ?? 0) * s, (row[1] ?? 0) * s, (row[2] ?? 0) * s] as Vec3;
  });
  if (spatial === 2) columns[2] = [0, 0, 1];
  const headerSize = f('HeaderSize') === undefined ? 0 : Number(f('HeaderSize'));
  if (!Number.isSafeInteger(headerSize) || headerSize < -1) throw new InputError(`${name} has a HeaderSize of ${f('HeaderSize')}; a non-negative integer or -1 is expected.`);
  const compressed = isTrue(f('CompressedData'));
  const compressedSizeText = f('CompressedDataSize');
  const compressedSize = compressedSizeText === undefined ? undefined : Number(compressedSizeText);
  if (compressedSize !== undefined && (!Number.isSafeInteger(compressedSize) || compressedSize <= 0)) {
    throw new InputError(`${name} has a CompressedDataSize of ${compressedSizeText}; a positive integer is expected.`);
  }
  if (headerSize === -1 && compressed) throw new InputError(`${name} has HeaderSize = -1 with compressed data; -1 is allowed only for raw data.`);
  const ascii = f('BinaryData') !== undefined && !isTrue(f('BinaryData'));
  return {
    dataType,
    littleEndian: !isTrue(f('BinaryDataByteOrderMSB') ?? f('ElementByteOrderMSB')),
    compressed,
    compressedSize,
    ascii,
    geometry: headerGeometry(name, shape, [columns[0]!, columns[1]!, columns[2]!], [origin[0]!, origin[1]!, origin[2] ?? 0], 'LPS'),
    volumes,
    volumeIndex,
    totalBytes: voxels * volumes * dataType.bytes,
    dataFiles: dataFilesOf(name, h),
    headerSize,
  };
}
