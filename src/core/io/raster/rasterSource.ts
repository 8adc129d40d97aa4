// A VolumeSource over the pieces of a header-plus-data format (NRRD, MetaImage): the pieces stream in
// order into whole k-slabs decoded in reused buffers, as the NIfTI source does, so memory stays about
// one slab for raw and compressed data alike.
import { InputError } from '../../errors';
import type { Slab, Volume, VolumeHeader } from '../../volume';
import type { ReadOptions, VolumeSource } from '../api';
import type { SupportedDataType } from '../niftiDataTypes';
import { DEFAULT_SLAB_BYTES } from '../niftiSource';
import { assembleSlabs } from '../slabAssembly';
import { allocateVoxels, VoxelDecoder } from '../voxelDecoder';
import { asciiToBinary } from './asciiValues';
import { pieceChunks, type RasterPiece } from './rasterPieces';

export interface RasterPlan {
  readonly header: VolumeHeader;
  readonly dataType: SupportedDataType;
  readonly littleEndian: boolean;
  /** The chosen volume's bytes, in order (their lengths add up to one volume). */
  readonly pieces: readonly RasterPiece[];
  /** Values written as text rather than binary. */
  readonly ascii: boolean;
  /** What to call the header in "promises N bytes" sentences, e.g. "its NRRD header". */
  readonly promisedBy: string;
  /** Several values per voxel stored together (Slicer's layers): keep value `pick` of each `group`. */
  readonly interleave?: { readonly group: number; readonly pick: number };
}

/** Keeps one value of each group of `group` values (each `width` bytes) from a byte stream. */
export async function* pickInterleaved(chunks: AsyncIterable<Uint8Array>, width: number, group: number, pick: number): AsyncGenerator<Uint8Array> {
  const stride = width * group;
  const from = pick * width;
  let phase = 0; // byte position within the current group
  for await (const chunk of chunks) {
    const out = new Uint8Array(Math.ceil(chunk.length / group) + width);
    let n = 0;
    let i = 0;
    // Byte by byte only to the next group boundary and after the last whole group of the chunk;
    // whole groups in between are picked with a stride (a layer of a Slicer file is every g-th byte).
    const byteByByte = (end: number): void => {
      for (; i < end; i++) {
        if (phase >= from && phase < from + width) out[n++] = chunk[i]!;
        phase = phase + 1 === stride ? 0 : phase + 1;
      }
    };
    if (phase !== 0) byteByByte(Math.min(chunk.length, stride - phase));
    if (phase === 0) {
      const whole = Math.floor((chunk.length - i) / stride);
      if (width === 1) {
        for (let at = i + from, g = 0; g < whole; g++, at += stride) out[n++] = chunk[at]!;
      } else {
        for (let g = 0; g < whole; g++) for (let at = i + g * stride + from, b = 0; b < width; b++) out[n++] = chunk[at + b]!;
      }
      i += whole * stride;
    }
    byteByByte(chunk.length);
    if (n > 0) yield out.subarray(0, n);
  }
}

async function* voxelBytes(plan: RasterPlan): AsyncGenerator<Uint8Array> {
  for (const piece of plan.pieces) {
    if (!plan.ascii) {
      yield* pieceChunks(piece);
      continue;
    }
    const count = piece.length / plan.dataType.bytes;
    yield* asciiToBinary(piece.name, pieceChunks({ ...piece, length: Number.MAX_SAFE_INTEGER }), plan.dataType.type, plan.dataType.bytes, count);
  }
}

function streamSlabs(plan: RasterPlan, slabBytes: number): AsyncGenerator<Slab> {
  // ASCII values arrive in this machine's byte order.
  const littleEndian = plan.ascii ? new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 : plan.littleEndian;
  const decoder = new VoxelDecoder(plan.header.source, plan.dataType.type, plan.dataType.bytes, littleEndian, plan.header.scaling);
  const bytes = plan.interleave ? pickInterleaved(voxelBytes(plan), plan.dataType.bytes, plan.interleave.group, plan.interleave.pick) : voxelBytes(plan);
  return assembleSlabs(bytes, plan.header.geometry.shape, plan.dataType.bytes, decoder, slabBytes, (received) => {
    const total = plan.pieces.reduce((a, p) => a + p.length, 0) / (plan.interleave?.group ?? 1);
    const where = plan.pieces.length === 1 ? plan.pieces[0]!.name : `${plan.header.source} (${plan.pieces.length} data files)`;
    return new InputError(`${where} is truncated: ${plan.promisedBy} promises ${total} bytes of voxel data, but only ${received} are there.`);
  });
}

export function createRasterSource(plan: RasterPlan, opts: ReadOptions): VolumeSource {
  const slabBytes = opts.slabBytes ?? DEFAULT_SLAB_BYTES;
  const source: VolumeSource = {
    header: plan.header,
    slabs: () => streamSlabs(plan, slabBytes),
    readAll: async (): Promise<Volume> => {
      const [ni, nj, nk] = plan.header.geometry.shape;
      const kind = new VoxelDecoder(plan.header.source, plan.dataType.type, plan.dataType.bytes, true, plan.header.scaling).kind;
      const data = allocateVoxels(kind, ni * nj * nk);
      for await (const slab of source.slabs()) data.set(slab.data, slab.kStart * ni * nj);
      return { header: plan.header, data };
    },
  };
  return source;
}
