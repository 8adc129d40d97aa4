// Opening a comparison's files within the memory limit (from bytes the host read, or streamed from
// disk by path) and describing them for the webview. The viewer's session does the same for one
// mask; the comparison needs it for two files and keeps its own copy so the two workers can evolve apart.
import type { VolumeSource } from '../core/io/api';
import { openVolume, openVolumeFromBytes } from '../core/io/open';
import type { Volume } from '../core/volume';
import { holdSegmentLayers } from './layeredVolume';
import type { VolumeInfo } from '../protocol/viewer';
import { countLabels, withFileLabels, type LabelCounts } from './labelCounts';
import { detachedMap, memoryCheck, planeLayouts } from './session';
import type { CompareFile, CompareFileBytes } from '../protocol/compare';

/**
 * Slabs about one inflated chunk (1 MiB), as the CLI streams: counting one slab overlaps with
 * inflating the next.
 */
const SLAB_BYTES = 1 << 20;

/**
 * Opens a compared file (its bytes, or its path on this machine's disk) and checks, from the
 * header alone, that its voxels fit in `maxBytes`. Nothing is read past the header yet.
 */
export async function openWithin(file: CompareFile, maxBytes: number): Promise<VolumeSource> {
  const { name } = file;
  const source =
    'path' in file
      ? await openVolume(file.path, { slabBytes: SLAB_BYTES })
      : openVolumeFromBytes(name, new Uint8Array(file.bytes), { slabBytes: SLAB_BYTES }, detachedMap(file.companions ?? []));
  const checkBytes = memoryCheck(name, maxBytes);
  checkBytes(source.header, 1);
  // Results and sentences name the file as the editor shows it, whichever way it was read.
  const named = 'path' in file ? { ...source, header: { ...source.header, source: name } } : source;
  // Overlapping segments: every layer is held, so each segment is drawn and counted.
  return holdSegmentLayers(named, checkBytes);
}

/** Decodes a file whole after checking, from its header alone, that the voxels fit in `maxBytes`. */
export async function decodeWithin(file: CompareFileBytes, maxBytes: number): Promise<Volume> {
  return (await openWithin(file, maxBytes)).readAll();
}

/** The webview's description of a decoded mask (label files' names are added by the host). */
export function volumeInfo(name: string, volume: Volume, counted: LabelCounts = countLabels(volume.data)): VolumeInfo {
  const { header } = volume;
  const geometry = header.geometry;
  const { labels, truncated } = counted;
  return {
    fileName: name,
    format: header.format,
    dataType: header.dataType,
    shape: geometry.shape,
    spacing: geometry.spacing,
    affine: geometry.affine,
    affineSource: geometry.affineSource,
    ...(geometry.geometryWarning === undefined ? {} : { geometryWarning: geometry.geometryWarning }),
    orientation: geometry.orientation,
    planes: planeLayouts(geometry),
    labels: withFileLabels(labels, header),
    labelsTruncated: truncated,
    volumes: header.volumes,
    volumeIndex: header.volumeIndex,
    ...(header.segmentLayers !== undefined && { segmentLayers: header.segmentLayers }),
  };
}
