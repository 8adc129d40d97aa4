// Opening a comparison's files within the memory limit (from bytes the host read, or streamed from
// disk by path) and describing them for the webview. The viewer's session does the same for one
// mask; the comparison needs it for two files and keeps its own copy so the two workers can evolve apart.
import { InputError } from '../core/errors';
import type { VolumeSource } from '../core/io/api';
import { openVolume, openVolumeFromBytes } from '../core/io/open';
import type { Volume } from '../core/volume';
import type { VolumeInfo } from '../protocol/viewer';
import { countLabels, withFileLabels, type LabelCounts } from './labelCounts';
import { detachedMap, memoryNeeded, planeLayouts } from './session';
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
  const needed = memoryNeeded(source.header);
  if (needed > maxBytes) {
    const mb = (n: number): number => Math.round(n / 2 ** 20);
    throw new InputError(
      `${name} needs ${mb(needed)} MB of memory (${source.header.geometry.shape.join('×')} ${source.header.dataType}), ` +
        `over the maskInspector.maxVolumeMegabytes limit of ${mb(maxBytes)} MB.`,
    );
  }
  // Results and sentences name the file as the editor shows it, whichever way it was read.
  return 'path' in file ? { ...source, header: { ...source.header, source: name } } : source;
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
  };
}
