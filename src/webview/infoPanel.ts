// File facts for the fourth cell of the 2×2 layout: what was read and how it is oriented, which is
// what one checks first when a mask looks wrong.
import type { BackgroundInfo, VolumeInfo } from '../protocol/viewer';
import { el, formatNumber } from './dom';

export class InfoPanel {
  readonly element = el('section', 'mi-info', { 'aria-label': 'File information' });

  show(info: VolumeInfo, background: BackgroundInfo | null, convention: string): void {
    const rows: [string, string][] = [
      ['File', info.fileName],
      ['Format', `${info.format}, ${info.dataType}`],
      ['Size', info.shape.join(' × ')],
      ['Spacing', `${info.spacing.map((s) => formatNumber(s, 4)).join(' × ')} mm`],
      ['Orientation', `${info.orientation} (from ${info.affineSource})`],
      ['Display', convention],
    ];
    if (info.volumes > 1) rows.push(['Volume', `${info.volumeIndex + 1} of ${info.volumes}`]);
    if (info.segmentLayers !== undefined) rows.push(['Layers', `${info.segmentLayers} (overlapping segments, all shown)`]);
    rows.push(['Labels', String(info.labels.length) + (info.labelsTruncated ? '+' : '')]);
    if (background) {
      rows.push(['Background', background.fileName]);
      rows.push(['Intensity', `${formatNumber(background.range[0])} … ${formatNumber(background.range[1])}`]);
    }
    this.element.replaceChildren(
      el('h2', 'mi-info-title', {}, ['File']),
      el('dl', 'mi-info-list', {}, rows.flatMap(([k, v]) => [el('dt', undefined, {}, [k]), el('dd', undefined, {}, [v])])),
    );
  }
}
