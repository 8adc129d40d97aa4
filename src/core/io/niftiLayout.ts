// Turns a parsed NIfTI header into a read plan: shape, datatype, where the chosen volume's bytes
// are, and scaling. Every size check happens here, before anything the size of a volume is allocated.
import { InputError } from '../errors';
import { chooseNiftiAffine } from '../geometry/niftiAffine';
import { makeGeometry } from '../geometry/orientation';
import type { Geometry, Vec3 } from '../volume';
import type { ReadOptions } from './api';
import { niftiDataType, type SupportedDataType } from './niftiDataTypes';
import { NIFTI1_HEADER_BYTES, NIFTI2_HEADER_BYTES, type NiftiHeader } from './niftiHeader';

/**
 * Default cap on voxels per volume: 2^32 - 1, the most one JavaScript typed array holds (a 4 GB
 * uint8 light-sheet or whole-body mask fits), and few enough that a 32-bit count of one label over
 * the whole volume cannot overflow.
 */
export const DEFAULT_MAX_VOXELS = 2 ** 32 - 1;

/** Deflate never expands more than 1032:1; a gzip file cannot hold more than this many bytes per stored byte. */
const MAX_GZIP_RATIO = 1032;

export interface NiftiPlan {
  readonly shape: Vec3;
  readonly dataType: SupportedDataType;
  readonly littleEndian: boolean;
  /** Decompressed byte offset of the chosen volume's first voxel, and its length in bytes. */
  readonly dataStart: number;
  readonly dataBytes: number;
  readonly volumes: number;
  readonly volumeIndex: number;
  readonly scaling: { readonly slope: number; readonly inter: number };
  readonly geometry: Geometry;
}

/** What we know of the stored file before reading its data. */
export interface StoredFacts {
  readonly name: string;
  readonly storedBytes: number;
  readonly gzip: boolean;
}

function shapeOf(h: NiftiHeader, name: string): { shape: Vec3; volumes: number } {
  const ndim = h.dim[0]!;
  if (!Number.isInteger(ndim) || ndim < 1 || ndim > 7) {
    throw new InputError(`${name} has an invalid number of dimensions (dim[0] = ${ndim}, expected 1 to 7).`);
  }
  const sizes = h.dim.slice(1, ndim + 1);
  const bad = sizes.findIndex((d) => !Number.isSafeInteger(d) || d <= 0);
  if (bad >= 0) throw new InputError(`${name} has an invalid size ${sizes[bad]} along dimension ${bad + 1} (sizes must be positive).`);
  const size = (i: number): number => sizes[i] ?? 1;
  const volumes = sizes.slice(3).reduce((a, b) => a * b, 1);
  return { shape: [size(0), size(1), size(2)], volumes };
}

/** NIfTI: a slope of 0 or a non-finite slope means "no scaling". */
function scalingOf(h: NiftiHeader, name: string): { slope: number; inter: number } {
  if (!Number.isFinite(h.sclSlope) || h.sclSlope === 0) return { slope: 1, inter: 0 };
  if (!Number.isFinite(h.sclInter)) throw new InputError(`${name} has a scl_slope of ${h.sclSlope} but a non-finite scl_inter (${h.sclInter}).`);
  return { slope: h.sclSlope, inter: h.sclInter };
}

export function planNiftiRead(h: NiftiHeader, stored: StoredFacts, opts: ReadOptions = {}): NiftiPlan {
  const { name } = stored;
  const dataType = niftiDataType(h.datatypeCode);
  if ('refused' in dataType) throw new InputError(`${name} uses ${dataType.refused}.`);
  const { shape, volumes } = shapeOf(h, name);
  const voxels = shape[0] * shape[1] * shape[2];
  const maxVoxels = opts.maxVoxels ?? DEFAULT_MAX_VOXELS;
  if (voxels > maxVoxels) {
    throw new InputError(`${name} claims ${shape.join('×')} = ${voxels} voxels per volume, more than the limit of ${maxVoxels}.`);
  }
  const volumeIndex = opts.volumeIndex ?? 0;
  if (!Number.isInteger(volumeIndex) || volumeIndex < 0 || volumeIndex >= volumes) {
    throw new InputError(`${name} holds ${volumes} volume(s), so volume index ${volumeIndex} does not exist.`);
  }
  const minOffset = h.version === 1 ? NIFTI1_HEADER_BYTES + 4 : NIFTI2_HEADER_BYTES + 4;
  if (!Number.isSafeInteger(h.voxOffset) || h.voxOffset < minOffset) {
    throw new InputError(`${name} has an inconsistent vox_offset of ${h.voxOffset} (data must start at byte ${minOffset} or later).`);
  }
  const volumeBytes = voxels * dataType.bytes;
  const totalBytes = h.voxOffset + volumeBytes * volumes;
  const capacity = stored.gzip ? stored.storedBytes * MAX_GZIP_RATIO : stored.storedBytes;
  if (!Number.isSafeInteger(totalBytes) || totalBytes > capacity) {
    throw new InputError(stored.gzip
      ? `${name} claims ${totalBytes} bytes of data, more than a ${stored.storedBytes}-byte gzip file can hold; its header dimensions are wrong.`
      : `${name} is truncated: its header describes ${totalBytes} bytes (vox_offset ${h.voxOffset} + ${shape.join('×')}×${volumes} ${dataType.type}), but the file has ${stored.storedBytes}.`);
  }
  const chosen = chooseNiftiAffine(h);
  return {
    shape,
    dataType,
    littleEndian: h.littleEndian,
    dataStart: h.voxOffset + volumeIndex * volumeBytes,
    dataBytes: volumeBytes,
    volumes,
    volumeIndex,
    scaling: scalingOf(h, name),
    geometry: makeGeometry(shape, chosen.affine, chosen.source, chosen.warning),
  };
}
