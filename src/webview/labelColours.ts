// Which colour each label gets: the file's own colour (RGB PNG masks, ITK-SNAP label files) when the
// palette setting is 'auto' and one exists, else the colour-blind-aware palette by label value.
import type { Palette, Rgba, VolumeInfo } from '../protocol/viewer';
import type { LegendEntry } from './legend';
import { paletteColour } from './palette';

export function legendEntries(info: VolumeInfo, palette: Palette): LegendEntry[] {
  return info.labels.map((label) => ({
    value: label.value,
    voxelCount: label.voxelCount,
    colour: palette === 'auto' && label.colour ? label.colour : paletteColour(label.value),
    ...(label.name !== undefined ? { name: label.name } : {}),
  }));
}

/**
 * Values a file holds beyond the listed labels (a probability map, say) are drawn in one neutral
 * colour rather than not at all; 0 stays transparent.
 */
export const UNLISTED_COLOUR: Rgba = [220, 220, 220, 255];
