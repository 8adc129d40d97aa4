// Decoding a comparison's files within the memory limit and describing them for the webview. The
// viewer's session does the same for one mask; the comparison needs it for two files and keeps
// its own copy so the two workers can evolve apart.
import { InputError } from '../core/errors';
import { openVolumeFromBytes } from '../core/io/open';
import type { Volume } from '../core/volume';
import type { VolumeInfo } from '../protocol/viewer';
import { countLabels, withFileLabels } from './labelCounts';
import { detachedMap, memoryNeeded, planeLayouts } from './session';
import type { CompareFile } from '../protocol/compare';

/** Decodes `bytes` after checking, from the header alone, that the voxels fit in `maxBytes`. */
export async function decodeWithin(file: CompareFile, maxBytes: number): Promise<Volume> {
  const { name } = file;
  const source = openVolumeFromBytes(name, new Uint8Array(file.bytes), {}, detachedMap(file.companions ?? []));
  const needed = memoryNeeded(source.header);
  if (needed > maxBytes) {
    const mb = (n: number): number => Math.round(n / 2 ** 20);
    throw new InputError(
      `${name} needs ${mb(needed)} MB of memory (${source.header.geometry.shape.join('×')} ${source.header.dataType}), ` +
        `over the maskInspector.maxVolumeMegabytes limit of ${mb(maxBytes)} MB.`,
    );
  }
  return source.readAll();
}

/** The webview's description of a decoded mask (label files' names are added by the host). */
export function volumeInfo(name: string, volume: Volume): VolumeInfo {
  const { header } = volume;
  const geometry = header.geometry;
  const { labels, truncated } = countLabels(volume.data);
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
