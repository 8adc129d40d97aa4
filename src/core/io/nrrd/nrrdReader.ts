// The NRRD row's reader: .nrrd with attached data, .nhdr with detached data file(s), and Slicer's
// .seg.nrrd (label names and colours from its Segment{N}_ keys, see slicerSegments.ts). Raw and gzip
// data stream in slabs like .nii.gz; ascii is parsed as it streams; bzip2 is refused in one sentence.
import { InputError } from '../../errors';
import type { VolumeHeader } from '../../volume';
import type { ReadOptions, VolumeSource } from '../api';
import { readFilePrefix } from '../byteSource';
import type { Companions, FormatReader } from '../formatReader';
import { dataFilePath, fileStore, memoryStore, piecesFor, type PieceRun } from '../raster/dataFiles';
import { checkPlainPieceFits, type PieceStore } from '../raster/rasterPieces';
import { createRasterSource } from '../raster/rasterSource';
import { MAX_NRRD_HEADER_BYTES, parseNrrdHeaderText, type NrrdHeaderText } from './nrrdHeader';
import { planNrrd, type NrrdLayout } from './nrrdLayout';
import { slicerSegments } from './slicerSegments';

function volumeHeader(name: string, layout: NrrdLayout, text: NrrdHeaderText): VolumeHeader {
  const segments = slicerSegments(name, text.keyValues);
  const layer = layout.extraAxis === 'interleaved' ? layout.volumeIndex : 0;
  const inLayer = segments.filter((s) => s.layer === layer);
  const notes = [...layout.notes];
  if (layout.extraAxis === 'interleaved' && segments.length > 0) {
    notes.push(`its segments overlap, so they are stored in ${layout.volumes} layers; layer ${layer} is shown (${inLayer.map((s) => s.name).join(', ') || 'no segments'}), choose another with the volume index`);
  }
  return {
    source: name,
    format: 'nrrd',
    dataType: layout.dataType.type,
    geometry: layout.geometry,
    scaling: { slope: 1, inter: 0 },
    volumes: layout.volumes,
    volumeIndex: layout.volumeIndex,
    ...(segments.length > 0 && {
      segments,
      labelNames: new Map(inLayer.map((s) => [s.labelValue, s.name])),
      labelColours: new Map(inLayer.flatMap((s) => (s.colour ? [[s.labelValue, s.colour] as const] : []))),
    }),
    ...(notes.length > 0 && { notes }),
  };
}

function openLayout(name: string, text: NrrdHeaderText, layout: NrrdLayout, stores: readonly { name: string; store: PieceStore; storedStart: number }[], opts: ReadOptions): VolumeSource {
  const header = volumeHeader(name, layout, text);
  const run: PieceRun = { files: stores, bytesPerFile: layout.totalBytes / stores.length, skip: layout.byteSkip, compression: layout.compression };
  if (!Number.isInteger(run.bytesPerFile)) {
    throw new InputError(`${name} names ${stores.length} data files, which do not divide its ${layout.totalBytes} bytes of data evenly.`);
  }
  const volumeBytes = layout.totalBytes / layout.volumes;
  if (layout.ascii && layout.extraAxis === 'stacked' && layout.volumeIndex > 0) {
    throw new InputError(`${name} is ascii-encoded; only its first volume is read.`);
  }
  const pieces = layout.extraAxis === 'stacked' ? piecesFor(run, layout.volumeIndex * volumeBytes, volumeBytes) : piecesFor(run, 0, layout.totalBytes);
  if (!layout.ascii) for (const p of pieces) checkPlainPieceFits(p, `the NRRD header of ${name}`);
  const source = createRasterSource({
    header,
    dataType: layout.dataType,
    littleEndian: layout.littleEndian,
    pieces,
    ascii: layout.ascii,
    promisedBy: `the NRRD header of ${name}`,
    ...(layout.extraAxis === 'interleaved' && { interleave: { group: layout.volumes, pick: layout.volumeIndex } }),
  }, opts);
  // Overlapping Slicer segments, no layer asked for: every layer is on offer, so each segment can be its own label.
  if (opts.volumeIndex !== undefined || layout.extraAxis !== 'interleaved' || header.segments === undefined) return source;
  const open = (index: number): Promise<VolumeSource> => Promise.resolve(openLayout(name, text, planNrrd(name, text, { ...opts, volumeIndex: index }), stores, { ...opts, volumeIndex: index }));
  return { ...source, segmentLayers: { count: layout.volumes, open } };
}

function parse(name: string, bytes: Uint8Array, complete: boolean, opts: ReadOptions): { text: NrrdHeaderText; layout: NrrdLayout } {
  const text = parseNrrdHeaderText(name, bytes, complete);
  return { text, layout: planNrrd(name, text, opts) };
}

function attachedStart(name: string, text: NrrdHeaderText): number {
  if (text.dataOffset === undefined) throw new InputError(`${name} has no data: its header names no data file and ends without the blank line that precedes attached data.`);
  return text.dataOffset;
}

export const nrrdReader: FormatReader = {
  companions(name, bytes) {
    const text = parseNrrdHeaderText(name, bytes, true);
    const layout = planNrrd(name, text, { maxVoxels: Number.MAX_SAFE_INTEGER });
    return layout.dataFiles.kind === 'files' ? layout.dataFiles.names : [];
  },
  async openFile(path, opts) {
    const { prefix, size } = await readFilePrefix(path, MAX_NRRD_HEADER_BYTES);
    if (size === 0) throw new InputError(`${path} is empty (0 bytes).`);
    const { text, layout } = parse(path, prefix, prefix.length >= size, opts);
    const stores = layout.dataFiles.kind === 'attached'
      ? [{ name: path, store: { kind: 'file', path, size } as const, storedStart: attachedStart(path, text) }]
      : await Promise.all(layout.dataFiles.names.map(async (n) => ({ name: dataFilePath(path, n), store: await fileStore(path, n), storedStart: 0 })));
    return openLayout(path, text, layout, stores, opts);
  },
  openBytes(name, bytes, opts, companions: Companions) {
    const { text, layout } = parse(name, bytes, true, opts);
    const stores = layout.dataFiles.kind === 'attached'
      ? [{ name, store: { kind: 'memory', bytes } as const, storedStart: attachedStart(name, text) }]
      : layout.dataFiles.names.map((n) => ({ name: n, store: memoryStore(name, n, companions), storedStart: 0 }));
    return openLayout(name, text, layout, stores, opts);
  },
};
