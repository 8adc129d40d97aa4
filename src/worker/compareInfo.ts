// Describing a decoded mask for the webview: the same VolumeInfo whether the viewer or a
// comparison decoded it.
import type { Volume, VolumeHeader } from '../core/volume';
import type { VolumeInfo } from '../protocol/viewer';
import { countLabels, withFileLabels, type LabelCounts } from './labelCounts';
import { planeLayouts } from './session';

/** The webview's description of a decoded mask (label files' names are added by the host). */
export function volumeInfo(name: string, volume: Volume, counted: LabelCounts = countLabels(volume.data)): VolumeInfo {
  return headerInfo(name, volume.header, counted);
}

/** The same from the header alone, with labels counted elsewhere (a comparison's early description: none yet). */
export function headerInfo(name: string, header: VolumeHeader, counted: LabelCounts): VolumeInfo {
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
