// The view state a person would expect to find again when a hidden tab comes back: layout, plane,
// the cursor (which fixes the slice of every plane), zoom and pan per plane, overlay and window
// settings. Stored through the webview API's setState, so no hidden webview is kept alive.
// Restoring validates every field: an old or foreign state falls back field by field, never throws.
import type { Vec3 } from '../core/volume';
import { PLANES, type Plane } from '../protocol/viewer';
import { MAX_ZOOM, MIN_ZOOM, RESET_ZOOM, type PaneZoom } from './viewport';
import type { WindowPresetId, WindowSetting } from './windowLevel';

export type Layout = 'single' | 'row' | 'grid';

export interface ViewState {
  readonly layout: Layout;
  /** The plane shown in the single layout, and the one keys act on when no pane has focus. */
  readonly plane: Plane;
  /** The crosshair voxel; each plane shows the slice through it. null until a volume arrives. */
  readonly cursor: Vec3 | null;
  readonly zoom: Readonly<Record<Plane, PaneZoom>>;
  /** null: follow the maskInspector settings. */
  readonly opacity: number | null;
  readonly outline: boolean | null;
  readonly hidden: readonly number[];
  /** null: the background's automatic percentile window. */
  readonly window: WindowSetting | null;
  readonly crosshair: boolean;
}

export function defaultViewState(): ViewState {
  return {
    layout: 'single',
    plane: 'axial',
    cursor: null,
    zoom: { axial: RESET_ZOOM, coronal: RESET_ZOOM, sagittal: RESET_ZOOM },
    opacity: null,
    outline: null,
    hidden: [],
    window: null,
    crosshair: true,
  };
}

const LAYOUTS: readonly Layout[] = ['single', 'row', 'grid'];
const PRESETS: readonly WindowPresetId[] = ['auto', 'soft', 'lung', 'bone', 'custom'];

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function finite(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

function restoreZoom(v: unknown): PaneZoom {
  if (!isRecord(v) || !finite(v['zoom']) || !finite(v['panX']) || !finite(v['panY'])) return RESET_ZOOM;
  return { zoom: Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, v['zoom'])), panX: v['panX'], panY: v['panY'] };
}

function restoreWindow(v: unknown): WindowSetting | null {
  if (!isRecord(v) || !finite(v['width']) || !finite(v['level']) || v['width'] <= 0) return null;
  const preset = PRESETS.find((p) => p === v['preset']) ?? 'custom';
  return { preset, width: v['width'], level: v['level'] };
}

export function restoreViewState(raw: unknown): ViewState {
  const d = defaultViewState();
  if (!isRecord(raw)) return d;
  const cursor = raw['cursor'];
  const zoom = isRecord(raw['zoom']) ? raw['zoom'] : {};
  const opacity = raw['opacity'];
  return {
    layout: LAYOUTS.find((l) => l === raw['layout']) ?? d.layout,
    plane: PLANES.find((p) => p === raw['plane']) ?? d.plane,
    cursor: Array.isArray(cursor) && cursor.length === 3 && cursor.every((c) => Number.isInteger(c) && c >= 0)
      ? [cursor[0] as number, cursor[1] as number, cursor[2] as number]
      : null,
    zoom: { axial: restoreZoom(zoom['axial']), coronal: restoreZoom(zoom['coronal']), sagittal: restoreZoom(zoom['sagittal']) },
    opacity: finite(opacity) && opacity >= 0 && opacity <= 1 ? opacity : null,
    outline: typeof raw['outline'] === 'boolean' ? raw['outline'] : null,
    hidden: Array.isArray(raw['hidden']) ? raw['hidden'].filter(finite) : [],
    window: restoreWindow(raw['window']),
    crosshair: typeof raw['crosshair'] === 'boolean' ? raw['crosshair'] : d.crosshair,
  };
}

/** Clamps the cursor into a (possibly different) volume's shape; centre when there is none. */
export function cursorWithin(cursor: Vec3 | null, shape: Vec3): Vec3 {
  const c = cursor ?? [Math.floor(shape[0] / 2), Math.floor(shape[1] / 2), Math.floor(shape[2] / 2)];
  return [Math.min(c[0], shape[0] - 1), Math.min(c[1], shape[1] - 1), Math.min(c[2], shape[2] - 1)];
}
