// A VolumeSource over a NIfTI file: the header is parsed up front; voxels stream as whole k-slabs
// decoded into reused buffers, so memory stays about one slab whatever the volume size.
import { InputError } from '../errors';
import type { Slab, Volume, VolumeHeader } from '../volume';
import type { ReadOptions, VolumeSource } from './api';
import { inflatePrefix, type ByteSource } from './byteSource';
import { corruptGzip, gzipHeaderLength } from './gzip';
import { NIFTI2_HEADER_BYTES, parseNiftiHeader } from './niftiHeader';
import { planNiftiRead, type NiftiPlan } from './niftiLayout';
import { assembleSlabs } from './slabAssembly';
import { allocateVoxels, VoxelDecoder } from './voxelDecoder';

/** Default slab size: enough whole slices to fill ~4 MiB (at least one slice). */
export const DEFAULT_SLAB_BYTES = 4 << 20;

/**
 * How many stored bytes to inflate, at most, when looking for a gzip file's header. Real headers come
 * out of the first few hundred bytes; the cap bounds what a crafted file can make us inflate (1032×).
 * It is also all openVolume reads of a file before the header is parsed.
 */
export const MAX_HEADER_PREFIX = 64 << 10;

/**
 * How a gzip file's header is found: inflate a stored prefix of 256 bytes, then 64 bytes more per
 * attempt until a NIfTI-2 header's worth is out (past 1 KiB, odd files such as a long gzip name
 * field, the prefix doubles instead, to bound the attempts). The voxels after a header, mostly zeros
 * in a mask, deflate up to 1032:1, so each stored byte past the header can inflate to ~1 KB: the
 * fixed 4 KiB first prefix this replaced came out as ~640 KB for a 540-byte header (~5 ms a file).
 * Attempts that stop short of the header are cheap (under 540 bytes out), and the last one
 * overshoots by at most 64 stored bytes, ~64 KB inflated at worst and a few KB for real masks.
 */
const FIRST_HEADER_PREFIX = 256;
const HEADER_PREFIX_STEP = 64;

/**
 * The decompressed header bytes from the start of a file. `readStored(n)` returns the first n
 * stored bytes; for gzip a growing prefix is inflated (above) until a NIfTI-2 header's worth is out
 * (a NIfTI-1 file has its 348-byte header and 4-byte extension flag within those 540 bytes, or ends).
 */
export function niftiHeaderBytes(name: string, gzip: boolean, storedBytes: number, readStored: (n: number) => Uint8Array): Uint8Array {
  if (!gzip) return readStored(Math.min(storedBytes, NIFTI2_HEADER_BYTES));
  // The gzip member header (name and comment fields of any length) comes before the counted bytes.
  const memberHeader = gzipMemberHeaderBytes(name, storedBytes, readStored);
  for (let n = FIRST_HEADER_PREFIX; ; n += n < 1024 ? HEADER_PREFIX_STEP : n) {
    const prefix = readStored(Math.min(memberHeader + n, storedBytes));
    const out = inflatePrefix(name, prefix);
    if (out.length >= NIFTI2_HEADER_BYTES || prefix.length >= storedBytes || n >= MAX_HEADER_PREFIX) return out;
  }
}

/** How many stored bytes the first gzip member header takes, read in a growing prefix. */
function gzipMemberHeaderBytes(name: string, storedBytes: number, readStored: (n: number) => Uint8Array): number {
  for (let n = FIRST_HEADER_PREFIX; ; n *= 2) {
    const want = Math.min(n, storedBytes);
    const prefix = readStored(want);
    const length = gzipHeaderLength(name, prefix);
    if (length !== undefined) return length;
    if (prefix.length < want || want >= storedBytes) throw corruptGzip(name, 'the file ends inside its gzip header');
  }
}

export function createNiftiSource(bytes: ByteSource, headerBytes: Uint8Array, opts: ReadOptions = {}): VolumeSource {
  const name = bytes.name;
  const nifti = parseNiftiHeader(headerBytes, name);
  const plan = planNiftiRead(nifti, { name, storedBytes: bytes.storedBytes, gzip: bytes.gzip }, opts);
  const header: VolumeHeader = {
    source: name,
    format: nifti.version === 1 ? 'nifti1' : 'nifti2',
    dataType: plan.dataType.type,
    geometry: plan.geometry,
    scaling: plan.scaling,
    volumes: plan.volumes,
    volumeIndex: plan.volumeIndex,
  };
  const slabBytes = opts.slabBytes ?? DEFAULT_SLAB_BYTES;
  const source: VolumeSource = {
    header,
    slabs: () => streamSlabs(bytes, plan, slabBytes),
    readAll: async (): Promise<Volume> => {
      const decoder = decoderFor(name, plan);
      const data = allocateVoxels(decoder.kind, plan.dataBytes / plan.dataType.bytes);
      const sliceVoxels = plan.shape[0] * plan.shape[1];
      for await (const slab of source.slabs()) data.set(slab.data, slab.kStart * sliceVoxels);
      return { header, data };
    },
  };
  return source;
}

function decoderFor(name: string, plan: NiftiPlan): VoxelDecoder {
  return new VoxelDecoder(name, plan.dataType.type, plan.dataType.bytes, plan.littleEndian, plan.scaling);
}

function streamSlabs(bytes: ByteSource, plan: NiftiPlan, slabBytes: number): AsyncGenerator<Slab> {
  return assembleSlabs(bytes.chunks(plan.dataStart, plan.dataBytes), plan.shape, plan.dataType.bytes, decoderFor(bytes.name, plan), slabBytes, (received) =>
    new InputError(`${bytes.name} is truncated: its header describes ${plan.dataBytes} bytes of voxel data from byte ${plan.dataStart}, but only ${received} are there.`));
}
