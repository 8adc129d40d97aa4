// Window/level for the background intensity image: presets for CT in Hounsfield units, and the
// worker's percentile window ("auto") for anything else (MR, PET, unknown scaling).
export type WindowPresetId = 'auto' | 'soft' | 'lung' | 'bone' | 'custom';

export interface WindowPreset {
  readonly id: Exclude<WindowPresetId, 'auto' | 'custom'>;
  readonly name: string;
  readonly width: number;
  readonly level: number;
}

export const CT_PRESETS: readonly WindowPreset[] = [
  { id: 'soft', name: 'CT soft tissue (W400 L40)', width: 400, level: 40 },
  { id: 'lung', name: 'CT lung (W1500 L−600)', width: 1500, level: -600 },
  { id: 'bone', name: 'CT bone (W1800 L400)', width: 1800, level: 400 },
];

/** What the viewer stores: the preset chosen and the window it stands for. */
export interface WindowSetting {
  readonly preset: WindowPresetId;
  readonly width: number;
  readonly level: number;
}

export function fromLowHigh(low: number, high: number, preset: WindowPresetId): WindowSetting {
  return { preset, width: Math.max(high - low, Number.MIN_VALUE), level: (low + high) / 2 };
}

export function presetWindow(id: WindowPreset['id']): WindowSetting {
  const p = CT_PRESETS.find((candidate) => candidate.id === id)!;
  return { preset: id, width: p.width, level: p.level };
}

/** Lower and upper intensity of the window; a zero width is widened so the mapping stays finite. */
export function windowBounds(w: WindowSetting): { low: number; high: number } {
  const width = w.width > 0 ? w.width : 1e-6;
  return { low: w.level - width / 2, high: w.level + width / 2 };
}

/**
 * Dragging (right button) changes the window like most viewers do: horizontal = width, vertical =
 * level, in steps proportional to the current width so it works for CT (thousands) and MR (units).
 */
export function dragWindow(w: WindowSetting, dx: number, dy: number): WindowSetting {
  const step = Math.max(w.width, 1e-3) / 200;
  return { preset: 'custom', width: Math.max(1e-6, w.width + dx * step), level: w.level - dy * step };
}
