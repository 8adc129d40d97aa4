// The MetaImage row's reader: .mha (ElementDataFile = LOCAL) and .mhd with a .raw/.zraw file, a
// numbered pattern or a LIST of slice files. Raw and zlib data stream in slabs like .nii.gz.
import { InputError } from '../../errors';
import type { VolumeHeader } from '../../volume';
import type { ReadOptions, VolumeSource } from '../api';
import { readFilePrefix } from '../byteSource';
import type { FormatReader } from '../formatReader';
import { dataFilePath, fileStore, memoryStore, piecesFor, type PieceRun } from '../raster/dataFiles';
import { checkPlainPieceFits, type PieceStore } from '../raster/rasterPieces';
import { createRasterSource } from '../raster/rasterSource';
import { MAX_META_HEADER_BYTES, parseMetaHeaderText, type MetaHeaderText } from './metaHeader';
import { planMeta, type MetaLayout } from './metaLayout';

interface Store {
  readonly name: string;
  readonly store: PieceStore;
  readonly storedStart: number;
}

/** A list of slice files must hold exactly the slices DimSize describes. */
function checkFileCount(name: string, h: MetaHeaderText, layout: MetaLayout): void {
  if (layout.dataFiles.kind !== 'files' || layout.dataFiles.names.length === 1) return;
  const [ni, nj, nk] = layout.geometry.shape;
  const sliceBytes = ni * nj * layout.dataType.bytes;
  const slices = layout.totalBytes / sliceBytes;
  const subdim = Number(/^LIST\s+(\d+)/i.exec(h.fields.get('elementdatafile') ?? '')?.[1] ?? 2);
  const expected = subdim >= 3 ? layout.volumes : slices;
  const count = layout.dataFiles.names.length;
  if (count !== expected) {
    throw new InputError(`${name} lists ${count} data files, but its DimSize (${ni} ${nj} ${nk}${layout.volumes > 1 ? ` ${layout.volumes}` : ''}) describes ${expected} ${subdim >= 3 ? 'volumes' : 'slices'}.`);
  }
}

function openLayout(name: string, h: MetaHeaderText, layout: MetaLayout, stores: readonly Store[], opts: ReadOptions): VolumeSource {
  checkFileCount(name, h, layout);
  const header: VolumeHeader = {
    source: name,
    format: 'metaimage',
    dataType: layout.dataType.type,
    geometry: layout.geometry,
    scaling: { slope: 1, inter: 0 },
    volumes: layout.volumes,
    volumeIndex: layout.volumeIndex,
  };
  const single = stores.length === 1 && layout.compressedSize !== undefined;
  const files = stores.map((s) => (single ? { ...s, storedEnd: s.storedStart + layout.compressedSize! } : s));
  const run: PieceRun = { files, bytesPerFile: layout.totalBytes / stores.length, skip: layout.headerSize, compression: layout.compressed ? 'zlib' : 'none' };
  if (!Number.isInteger(run.bytesPerFile)) throw new InputError(`${name} names ${stores.length} data files, which do not divide its ${layout.totalBytes} bytes of data evenly.`);
  if (layout.ascii && layout.volumeIndex > 0) throw new InputError(`${name} holds ASCII data; only its first volume is read.`);
  const volumeBytes = layout.totalBytes / layout.volumes;
  const pieces = piecesFor(run, layout.volumeIndex * volumeBytes, volumeBytes);
  const promisedBy = `the MetaImage header of ${name}`;
  if (!layout.ascii) for (const p of pieces) checkPlainPieceFits(p, promisedBy);
  return createRasterSource({ header, dataType: layout.dataType, littleEndian: layout.littleEndian, pieces, ascii: layout.ascii, promisedBy }, opts);
}

function parse(name: string, bytes: Uint8Array, opts: ReadOptions): { h: MetaHeaderText; layout: MetaLayout } {
  const h = parseMetaHeaderText(name, bytes);
  return { h, layout: planMeta(name, h, opts) };
}

export const metaReader: FormatReader = {
  companions(name, bytes) {
    const { layout } = parse(name, bytes, { maxVoxels: Number.MAX_SAFE_INTEGER });
    return layout.dataFiles.kind === 'files' ? layout.dataFiles.names : [];
  },
  async openFile(path, opts) {
    const { prefix, size } = await readFilePrefix(path, MAX_META_HEADER_BYTES);
    if (size === 0) throw new InputError(`${path} is empty (0 bytes).`);
    const { h, layout } = parse(path, prefix, opts);
    const stores: Store[] = layout.dataFiles.kind === 'attached'
      ? [{ name: path, store: { kind: 'file', path, size }, storedStart: h.dataOffset }]
      : await Promise.all(layout.dataFiles.names.map(async (n) => ({ name: dataFilePath(path, n), store: await fileStore(path, n), storedStart: 0 })));
    return openLayout(path, h, layout, stores, opts);
  },
  openBytes(name, bytes, opts, companions) {
    const { h, layout } = parse(name, bytes, opts);
    const stores: Store[] = layout.dataFiles.kind === 'attached'
      ? [{ name, store: { kind: 'memory', bytes }, storedStart: h.dataOffset }]
      : layout.dataFiles.names.map((n) => ({ name: n, store: memoryStore(name, n, companions), storedStart: 0 }));
    return openLayout(name, h, layout, stores, opts);
  },
};
