// One view of one plane: a canvas showing the slice through the cursor, scaled with smoothing off
// (crisp voxels at any zoom), a crosshair layer, anatomical edge letters, a slice slider, and the
// mouse and keyboard handling that navigates it. What is drawn comes from a PaneSource; where the
// cursor, zoom and pan are comes from the PaneHost, so panes can be linked.
import type { Vec3 } from '../core/volume';
import { screenToVoxel, voxelToScreen, type PlaneMapping } from '../core/geometry/display';
import type { Plane, Rgba } from '../protocol/viewer';
import { el } from './dom';
import type { PaneSource } from './paneSource';
import { PaneRaster } from './paneRaster';
import { attachPaneInput } from './controls/paneInput';
import { imageToPane, placeImage, type ImagePlacement, type PaneZoom } from './viewport';

/** The crosshair's line and the dark outline around it (see drawCrosshair). */
const CROSSHAIR_LINE = 'rgba(255, 255, 255, 0.9)';
const CROSSHAIR_OUTLINE = 'rgba(0, 0, 0, 0.65)';

export interface PaneHost {
  mapping(plane: Plane): PlaneMapping | undefined;
  cursor(): Vec3 | undefined;
  zoom(plane: Plane): PaneZoom;
  showCrosshair(): boolean;
  setCursor(voxel: Vec3): void;
  stepSlice(plane: Plane, delta: number | 'first' | 'last'): void;
  setZoom(plane: Plane, zoom: PaneZoom): void;
  adjustWindow(dx: number, dy: number): void;
  hover(plane: Plane, voxel: Vec3 | undefined): void;
  activate(plane: Plane): void;
}

const PLANE_TITLE: Record<Plane, string> = { axial: 'Axial', coronal: 'Coronal', sagittal: 'Sagittal' };
const AXIS_NAME = ['i', 'j', 'k'] as const;

export class Pane {
  readonly element: HTMLElement;
  /** The focusable drawing surface (keyboard navigation happens here). */
  readonly surface: HTMLElement;
  private readonly image: HTMLCanvasElement;
  private readonly crosshair: HTMLCanvasElement;
  private readonly sliceText: HTMLElement;
  private readonly slider: HTMLInputElement;
  private readonly edges: Record<'left' | 'right' | 'top' | 'bottom', HTMLElement>;
  private readonly raster = new PaneRaster();
  private readonly titleText: HTMLElement;
  /** Why no slice shows yet (a comparison's plane that waits for the read to end); hidden otherwise. */
  private readonly waitText = el('p', 'mi-pane-wait', { 'aria-live': 'polite' });
  /** The slice index the image canvas shows now, or undefined before the first slice arrived. */
  private shownIndex: number | undefined;
  /** Milliseconds the last full redraw (render + upload + scale) took. */
  lastDrawMs = 0;

  constructor(
    readonly plane: Plane,
    private readonly host: PaneHost,
    readonly source: PaneSource,
    /** The pane's heading and accessible name; the plane's name unless given (comparison panes name the mask). */
    private title = PLANE_TITLE[plane],
  ) {
    this.image = el('canvas', 'mi-image', { 'aria-hidden': 'true' });
    this.crosshair = el('canvas', 'mi-crosshair', { 'aria-hidden': 'true' });
    this.edges = {
      left: el('span', 'mi-edge mi-edge-left', { 'aria-hidden': 'true' }),
      right: el('span', 'mi-edge mi-edge-right', { 'aria-hidden': 'true' }),
      top: el('span', 'mi-edge mi-edge-top', { 'aria-hidden': 'true' }),
      bottom: el('span', 'mi-edge mi-edge-bottom', { 'aria-hidden': 'true' }),
    };
    this.surface = el('div', 'mi-surface', { tabindex: 0, role: 'application', 'aria-roledescription': 'slice view', 'aria-label': `${title} view` }, [
      this.image, this.crosshair, ...Object.values(this.edges), this.waitText,
    ]);
    this.waitText.hidden = true;
    this.sliceText = el('span', 'mi-pane-slice', { 'aria-live': 'polite' });
    this.slider = el('input', 'mi-slider', { type: 'range', min: 0, max: 0, step: 1, value: 0, 'aria-label': `${title} slice` });
    this.slider.addEventListener('input', () => {
      const m = this.host.mapping(plane);
      const cursor = this.host.cursor();
      if (m && cursor) this.host.stepSlice(plane, Number(this.slider.value) - cursor[m.sliceAxis]);
    });
    this.titleText = el('span', 'mi-pane-title', {}, [title]);
    this.element = el('section', 'mi-pane', { 'data-plane': plane, 'aria-label': `${title} pane` }, [
      el('div', 'mi-pane-head', {}, [this.titleText, this.sliceText]),
      this.surface,
      this.slider,
    ]);
    attachPaneInput(this.surface, this, host);
  }

  mapping(): PlaneMapping | undefined {
    return this.host.mapping(this.plane);
  }

  /** Renames the pane (a comparison pane learns its file name when the files arrive). */
  /** Says why this pane shows no slice yet (undefined: it does not wait). */
  setWaiting(sentence: string | undefined): void {
    if (this.waitText.textContent === (sentence ?? '') && this.waitText.hidden === (sentence === undefined)) return;
    this.waitText.textContent = sentence ?? '';
    this.waitText.hidden = sentence === undefined;
  }

  setTitle(title: string): void {
    this.title = title;
    this.titleText.textContent = title;
    this.element.setAttribute('aria-label', `${title} pane`);
    this.slider.setAttribute('aria-label', `${title} slice`);
  }

  /** Where the slice image sits in the surface (CSS pixels), for input handling and tests. */
  placement(): ImagePlacement | undefined {
    const m = this.mapping();
    if (!m) return undefined;
    return placeImage(this.surface.clientWidth, this.surface.clientHeight, m, this.host.zoom(this.plane));
  }

  /** The voxel under a surface point, if any. */
  voxelAt(px: number, py: number): Vec3 | undefined {
    const m = this.mapping();
    const p = this.placement();
    const cursor = this.host.cursor();
    if (!m || !p || !cursor) return undefined;
    return screenToVoxel(m, (px - p.left) / p.scaleX, (py - p.top) / p.scaleY, cursor[m.sliceAxis]);
  }

  /** Redraws; returns true when the canvas shows the slice through the cursor (not a stale one). */
  draw(): boolean {
    const m = this.mapping();
    const cursor = this.host.cursor();
    if (!m || !cursor) return false;
    const index = cursor[m.sliceAxis];
    const started = performance.now();
    const slice = this.source.slice(this.plane, index);
    if (slice) {
      this.raster.update(m, index, this.source, slice);
      this.shownIndex = index;
    }
    const placement = this.placement()!;
    this.raster.present(this.image, placement);
    this.drawCrosshair(m, cursor, placement);
    this.placeEdgeLetters(m, placement);
    this.lastDrawMs = performance.now() - started;
    this.updateChrome(m, index);
    this.element.classList.toggle('mi-pending', this.shownIndex !== index);
    return this.shownIndex === index;
  }

  /** The colour drawn at a voxel's centre, or null when it is not in the shown slice or off screen. */
  sample(voxel: Vec3): Rgba | null {
    const m = this.mapping();
    const p = this.placement();
    if (!m || !p || this.shownIndex === undefined || voxel[m.sliceAxis] !== this.shownIndex) return null;
    const s = voxelToScreen(m, voxel);
    if (s.x < 0 || s.y < 0 || s.x >= m.width || s.y >= m.height) return null;
    const centre = imageToPane(p, s.x, s.y);
    return this.raster.readPixel(this.image, centre.x, centre.y);
  }

  private drawCrosshair(m: PlaneMapping, cursor: Vec3, p: ImagePlacement): void {
    const ctx = PaneRaster.sizeToSurface(this.crosshair);
    if (!ctx || !this.host.showCrosshair()) return;
    const s = voxelToScreen(m, cursor);
    const c = imageToPane(p, s.x, s.y);
    // Leave the cursor voxel itself (and a little margin) uncovered, so its colour stays visible.
    const gapX = Math.max(p.scaleX * 1.5, 6);
    const gapY = Math.max(p.scaleY * 1.5, 6);
    ctx.beginPath();
    const x = Math.round(c.x) + 0.5;
    const y = Math.round(c.y) + 0.5;
    ctx.moveTo(p.left, y); ctx.lineTo(c.x - gapX, y);
    ctx.moveTo(c.x + gapX, y); ctx.lineTo(p.left + m.width * p.scaleX, y);
    ctx.moveTo(x, p.top); ctx.lineTo(x, c.y - gapY);
    ctx.moveTo(x, c.y + gapY); ctx.lineTo(x, p.top + m.height * p.scaleY);
    // A light line inside a dark outline: visible over black, over any label colour and over a
    // bright background alike. The image has its own colours whatever the theme, so these are fixed.
    ctx.lineCap = 'butt';
    ctx.strokeStyle = CROSSHAIR_OUTLINE;
    ctx.lineWidth = 3;
    ctx.stroke();
    ctx.strokeStyle = CROSSHAIR_LINE;
    ctx.lineWidth = 1;
    ctx.stroke();
  }

  /** Letters just inside the image's edges (kept inside the pane when zoomed in past them). */
  private placeEdgeLetters(m: PlaneMapping, p: ImagePlacement): void {
    const w = this.surface.clientWidth;
    const h = this.surface.clientHeight;
    const inset = 5;
    const clamp = (v: number, max: number): number => Math.min(max - inset, Math.max(inset, v));
    const left = clamp(p.left + inset, w);
    const right = clamp(p.left + m.width * p.scaleX - inset, w);
    const top = clamp(p.top + inset, h);
    const bottom = clamp(p.top + m.height * p.scaleY - inset, h);
    const middleX = clamp((left + right) / 2, w);
    const middleY = clamp((top + bottom) / 2, h);
    const place = (e: HTMLElement, x: number, y: number): void => {
      e.style.left = `${x}px`;
      e.style.top = `${y}px`;
    };
    place(this.edges.left, left, middleY);
    place(this.edges.right, right, middleY);
    place(this.edges.top, middleX, top);
    place(this.edges.bottom, middleX, bottom);
  }

  private updateChrome(m: PlaneMapping, index: number): void {
    const last = m.sliceCount - 1;
    this.sliceText.textContent = `${AXIS_NAME[m.sliceAxis]} ${index} / ${last}`;
    this.slider.max = String(last);
    this.slider.value = String(index);
    this.slider.disabled = last === 0;
    this.slider.setAttribute('aria-valuetext', `slice ${index} of ${last}`);
    this.surface.setAttribute('aria-label', `${this.title} view, slice ${index} of ${last}. Up and Down change the slice, Page Up and Page Down by 10, Home and End jump to the ends, plus and minus zoom, R resets.`);
    for (const side of ['left', 'right', 'top', 'bottom'] as const) this.edges[side].textContent = m.edges[side];
  }
}
