// Mouse and keyboard on a pane: wheel = slice, Ctrl/Cmd+wheel = zoom at the pointer, left drag = pan,
// left click = move the crosshair there (all planes follow), right drag = window/level,
// Up/Down/PageUp/PageDown/Home/End = slice, +/- = zoom, R or 0 = reset zoom and pan.
import type { Vec3 } from '../../core/volume';
import type { PlaneMapping } from '../../core/geometry/display';
import type { Plane } from '../../protocol/viewer';
import type { PaneHost } from '../pane';
import { RESET_ZOOM, panBy, zoomAt, type ImagePlacement } from '../viewport';

export interface PaneInputTarget {
  readonly plane: Plane;
  mapping(): PlaneMapping | undefined;
  placement(): ImagePlacement | undefined;
  voxelAt(px: number, py: number): Vec3 | undefined;
}

/** Pixels of wheel travel per slice step, so a trackpad's many small deltas do not race through slices. */
const WHEEL_PIXELS_PER_SLICE = 50;
/** A press that moves less than this is a click (set the crosshair), not a drag. */
const CLICK_TOLERANCE = 3;
const KEY_ZOOM = 1.25;

interface Drag {
  readonly button: number;
  readonly startX: number;
  readonly startY: number;
  lastX: number;
  lastY: number;
  moved: boolean;
}

export function attachPaneInput(surface: HTMLElement, pane: PaneInputTarget, host: PaneHost): void {
  let drag: Drag | undefined;
  let wheelTravel = 0;
  const local = (e: MouseEvent): { x: number; y: number } => {
    const r = surface.getBoundingClientRect();
    return { x: e.clientX - r.left, y: e.clientY - r.top };
  };
  const zoomBy = (factor: number, x: number, y: number): void => {
    const m = pane.mapping();
    if (!m) return;
    host.setZoom(pane.plane, zoomAt(host.zoom(pane.plane), surface.clientWidth, surface.clientHeight, m, x, y, factor));
  };

  surface.addEventListener('wheel', (e) => {
    e.preventDefault();
    const p = local(e);
    if (e.ctrlKey || e.metaKey) {
      zoomBy(Math.exp(-e.deltaY * (e.deltaMode === WheelEvent.DOM_DELTA_PIXEL ? 0.002 : 0.1)), p.x, p.y);
      return;
    }
    // Lines and pages count one slice per event; pixels accumulate.
    wheelTravel += e.deltaMode === WheelEvent.DOM_DELTA_PIXEL ? e.deltaY : Math.sign(e.deltaY) * WHEEL_PIXELS_PER_SLICE;
    const steps = Math.trunc(wheelTravel / WHEEL_PIXELS_PER_SLICE);
    if (steps !== 0) {
      wheelTravel -= steps * WHEEL_PIXELS_PER_SLICE;
      host.stepSlice(pane.plane, -steps); // wheel up (negative delta) = next slice
    }
  }, { passive: false });

  surface.addEventListener('pointerdown', (e) => {
    host.activate(pane.plane);
    surface.focus({ preventScroll: true });
    const p = local(e);
    drag = { button: e.button, startX: p.x, startY: p.y, lastX: p.x, lastY: p.y, moved: false };
    surface.setPointerCapture(e.pointerId);
  });
  surface.addEventListener('pointermove', (e) => {
    const p = local(e);
    if (!drag) {
      host.hover(pane.plane, pane.voxelAt(p.x, p.y));
      return;
    }
    if (!drag.moved && Math.hypot(p.x - drag.startX, p.y - drag.startY) < CLICK_TOLERANCE) return;
    drag.moved = true;
    const dx = p.x - drag.lastX;
    const dy = p.y - drag.lastY;
    drag.lastX = p.x;
    drag.lastY = p.y;
    const placement = pane.placement();
    if (drag.button === 2) host.adjustWindow(dx, dy);
    else if (placement) host.setZoom(pane.plane, panBy(host.zoom(pane.plane), placement, dx, dy));
  });
  const endDrag = (e: PointerEvent): void => {
    if (drag && !drag.moved && drag.button === 0 && e.type === 'pointerup') {
      const p = local(e);
      const voxel = pane.voxelAt(p.x, p.y);
      if (voxel) host.setCursor(voxel);
    }
    drag = undefined;
  };
  surface.addEventListener('pointerup', endDrag);
  surface.addEventListener('pointercancel', endDrag);
  surface.addEventListener('pointerleave', () => {
    if (!drag) host.hover(pane.plane, undefined);
  });
  surface.addEventListener('contextmenu', (e) => e.preventDefault());
  surface.addEventListener('focus', () => host.activate(pane.plane));

  surface.addEventListener('keydown', (e) => {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const centre = (): [number, number] => [surface.clientWidth / 2, surface.clientHeight / 2];
    switch (e.key) {
      case 'ArrowUp': host.stepSlice(pane.plane, 1); break;
      case 'ArrowDown': host.stepSlice(pane.plane, -1); break;
      case 'PageUp': host.stepSlice(pane.plane, 10); break;
      case 'PageDown': host.stepSlice(pane.plane, -10); break;
      case 'Home': host.stepSlice(pane.plane, 'first'); break;
      case 'End': host.stepSlice(pane.plane, 'last'); break;
      case '+': case '=': zoomBy(KEY_ZOOM, ...centre()); break;
      case '-': case '_': zoomBy(1 / KEY_ZOOM, ...centre()); break;
      case 'r': case 'R': case '0': host.setZoom(pane.plane, RESET_ZOOM); break;
      default: return;
    }
    e.preventDefault();
  });
}
