// The mask viewer: owns the view state, the slice store and the panes, and turns host messages and
// user actions into redraws. Drawing happens once per animation frame however many changes arrive.
import type { Vec3 } from '../core/volume';
import { planeMapping, voxelToWorld, type PlaneMapping } from '../core/geometry/display';
import { geometryBannerText, hasAnatomy } from './geometryBanner';
import { segmentLayersNote } from './segmentLayersNote';
import { PLANES, type BackgroundInfo, type HostToWebview, type LabelNamesInfo, type Plane, type ViewerSettings, type VolumeInfo, type WebviewToHost } from '../protocol/viewer';
import { Toolbar, type ToolbarActions } from './controls/toolbar';
import { el } from './dom';
import { InfoPanel } from './infoPanel';
import { UNLISTED_COLOUR, legendEntries } from './labelColours';
import { Legend, type LegendEntry } from './legend';
import { buildLabelLut } from './lut';
import { Pane, type PaneHost } from './pane';
import { LabelMaskSource, type LabelAppearance } from './paneSource';
import { Readout, sampleSlice } from './readout';
import { Screens } from './screens';
import { SliceStore } from './sliceStore';
import { cursorWithin, restoreViewState, type Layout, type ViewState } from './state';
import { RESET_ZOOM, type PaneZoom } from './viewport';
import { dragWindow, fromLowHigh, presetWindow, windowBounds, type WindowPresetId, type WindowSetting } from './windowLevel';
import { ViewReporter } from './viewReporter';

export interface VsCodeApi {
  postMessage(message: WebviewToHost): void;
  getState(): unknown;
  setState(state: unknown): void;
}

const DEFAULT_SETTINGS: ViewerSettings = { displayConvention: 'radiological', overlayOpacity: 0.5, outlineMode: 'filled', palette: 'auto' };

type ProbeMessage = Extract<HostToWebview, { type: 'probe' }>;

export class Viewer implements PaneHost, ToolbarActions {
  private info: VolumeInfo | undefined;
  private settings = DEFAULT_SETTINGS;
  private background: BackgroundInfo | null = null;
  private state: ViewState;
  private mappings = new Map<Plane, PlaneMapping>();
  private entries: LegendEntry[] = [];
  private hovered: { plane: Plane; voxel: Vec3 } | undefined;
  private readonly travel: Record<Plane, number> = { axial: 1, coronal: 1, sagittal: 1 };
  private readonly store: SliceStore;
  private readonly source: LabelMaskSource;
  private readonly panes: Record<Plane, Pane>;
  private readonly paneGrid: HTMLElement;
  private readonly toolbar = new Toolbar(this);
  private readonly legend: Legend;
  private readonly readout = new Readout();
  private readonly infoPanel = new InfoPanel();
  private readonly screens: Screens;
  private readonly reporter: ViewReporter;
  private frameRequested = false;

  constructor(private readonly api: VsCodeApi, root: HTMLElement) {
    this.state = restoreViewState(api.getState());
    this.store = new SliceStore((requestId, plane, index) => api.postMessage({ type: 'requestSlice', requestId, plane, index }));
    this.source = new LabelMaskSource(this.store, this.appearance());
    this.panes = { axial: new Pane('axial', this, this.source), coronal: new Pane('coronal', this, this.source), sagittal: new Pane('sagittal', this, this.source) };
    this.legend = new Legend({
      setVisible: (value, visible) => this.setHidden(visible ? this.state.hidden.filter((v) => v !== value) : [...this.state.hidden, value]),
      setAllVisible: (visible) => this.setHidden(visible ? [] : this.entries.map((e) => e.value)),
    });
    // The slice views are the page's main landmark; the legend beside them is complementary.
    this.paneGrid = el('main', 'mi-panes', { 'aria-label': 'Slice views' }, [...PLANES.map((p) => this.panes[p].element), this.infoPanel.element]);
    const app = el('div', 'mi-app', {}, [this.toolbar.element, el('div', 'mi-main', {}, [this.paneGrid, this.legend.element]), this.readout.element]);
    this.screens = new Screens(root, app, undefined, undefined, { onClick: () => api.postMessage({ type: 'reopen' }), description: 'Read the file again' });
    this.reporter = new ViewReporter(api, this.screens, this.panes);
    new ResizeObserver(() => this.requestDraw()).observe(this.paneGrid);
  }

  // ----- host messages ------------------------------------------------------------------------

  showLoading(fileName: string, message: string, fraction: number | null): void {
    this.screens.showLoading(fileName, message, fraction);
    this.reporter.report([]);
  }

  showError(message: string): void {
    this.screens.showError(message);
    this.reporter.report([], message);
  }

  setVolume(info: VolumeInfo, labelNames: LabelNamesInfo): void {
    this.legend.setLabelNames(labelNames);
    this.info = info;
    this.store.clear();
    this.source.invalidate();
    this.computeMappings();
    this.update({ cursor: cursorWithin(this.state.cursor, info.shape) });
    const flat = PLANES.filter((p) => this.mappings.get(p)!.sliceCount === 1);
    // A 2-D image (PNG): only the plane across its single slice makes sense.
    if (flat.length === 1 && PLANES.some((p) => p !== flat[0] && Math.min(this.mappings.get(p)!.width, this.mappings.get(p)!.height) === 1)) {
      this.update({ layout: 'single', plane: flat[0]! });
    }
    this.refreshLabels();
    const banner = [geometryBannerText(info), segmentLayersNote(info)].filter((t) => t !== undefined).join(' ');
    this.screens.showGeometryBanner(banner === '' ? undefined : banner);
    this.screens.showVolume();
  }

  setSettings(settings: ViewerSettings): void {
    this.settings = settings;
    this.computeMappings();
    this.refreshLabels();
  }

  setBackground(background: BackgroundInfo | null): void {
    this.background = background;
    this.store.clear();
    this.source.invalidate();
    if (background) this.screens.showNotice(undefined);
    this.refreshAppearance();
  }

  /** The background could not be paired: the mask stays, without a background, with the reason. */
  backgroundFailed(message: string): void {
    this.setBackground(null);
    this.screens.showNotice(message);
  }

  receiveSlice(m: Extract<HostToWebview, { type: 'slice' }>): void {
    const where = this.store.receive(m.requestId, m.plane, m.index, m.mask, m.background);
    if (!where || !this.info || !this.state.cursor) return;
    const visible = this.visiblePlanes();
    const onScreen = visible.includes(where.plane) && this.state.cursor[this.mappings.get(where.plane)!.sliceAxis] === where.index;
    // A read-ahead slice needs no redraw, only the next read-ahead request.
    if (onScreen) this.requestDraw();
    else this.readAhead(visible);
  }

  sliceFailed(requestId: number, message: string): void {
    this.store.fail(requestId);
    this.screens.showNotice(message);
  }

  reveal(plane: Plane, index: number): void {
    if (!this.visiblePlanes().includes(plane)) this.update({ layout: 'single', plane });
    const m = this.mappings.get(plane);
    const cursor = this.state.cursor;
    if (m && cursor) this.stepSlice(plane, index - cursor[m.sliceAxis]);
  }

  probe(m: ProbeMessage): void {
    this.reveal(m.plane, m.index);
    this.reporter.addProbe(m);
    this.requestDraw();
  }

  // ----- PaneHost -------------------------------------------------------------------------------

  mapping(plane: Plane): PlaneMapping | undefined { return this.mappings.get(plane); }
  cursor(): Vec3 | undefined { return this.state.cursor ?? undefined; }
  zoom(plane: Plane): PaneZoom { return this.state.zoom[plane]; }
  showCrosshair(): boolean { return this.state.crosshair; }
  setCursor(voxel: Vec3): void { this.update({ cursor: voxel }); }
  setZoom(plane: Plane, zoom: PaneZoom): void { this.update({ zoom: { ...this.state.zoom, [plane]: zoom } }); }
  activate(plane: Plane): void { if (this.state.layout === 'single' || this.state.plane !== plane) this.update({ plane }); }

  stepSlice(plane: Plane, delta: number | 'first' | 'last'): void {
    const m = this.mappings.get(plane);
    const cursor = this.state.cursor;
    if (!m || !cursor) return;
    const current = cursor[m.sliceAxis];
    const wanted = delta === 'first' ? 0 : delta === 'last' ? m.sliceCount - 1 : current + delta;
    const index = Math.min(m.sliceCount - 1, Math.max(0, wanted));
    if (index === current) return;
    this.travel[plane] = Math.sign(index - current);
    const next: [number, number, number] = [cursor[0], cursor[1], cursor[2]];
    next[m.sliceAxis] = index;
    this.update({ cursor: next });
  }

  adjustWindow(dx: number, dy: number): void {
    const w = this.effectiveWindow();
    if (w) this.setWindowSetting(dragWindow(w, dx, dy));
  }

  hover(plane: Plane, voxel: Vec3 | undefined): void {
    this.hovered = voxel ? { plane, voxel } : undefined;
    this.updateReadout();
  }

  // ----- ToolbarActions -----------------------------------------------------------------------

  showPlane(plane: Plane): void { this.update({ layout: 'single', plane }); this.panes[plane].surface.focus(); }
  setLayout(layout: Exclude<Layout, 'single'>): void { this.update({ layout }); }
  setOpacity(opacity: number): void { this.update({ opacity }); this.refreshAppearance(); }
  setOutline(outline: boolean): void { this.update({ outline }); this.refreshAppearance(); }
  setWindowPreset(preset: Exclude<WindowPresetId, 'custom'>): void { this.setWindowSetting(preset === 'auto' ? null : presetWindow(preset)); }
  setWindow(width: number, level: number): void { this.setWindowSetting({ preset: 'custom', width, level }); }
  pickBackground(): void { this.api.postMessage({ type: 'pickBackground' }); }
  clearBackground(): void { this.api.postMessage({ type: 'clearBackground' }); }
  toggleCrosshair(): void { this.update({ crosshair: !this.state.crosshair }); }
  resetView(): void { this.update({ zoom: { axial: RESET_ZOOM, coronal: RESET_ZOOM, sagittal: RESET_ZOOM } }); }

  // ----- internals ----------------------------------------------------------------------------

  private update(change: Partial<ViewState>): void {
    this.state = { ...this.state, ...change };
    this.api.setState(this.state);
    this.requestDraw();
  }

  private setHidden(hidden: readonly number[]): void {
    this.update({ hidden: [...new Set(hidden)] });
    this.legend.setHidden(new Set(this.state.hidden));
    this.refreshAppearance();
  }

  private setWindowSetting(window: WindowSetting | null): void {
    this.update({ window });
    this.refreshAppearance();
  }

  private effectiveWindow(): WindowSetting | null {
    if (!this.background) return null;
    return this.state.window ?? fromLowHigh(this.background.autoWindow.low, this.background.autoWindow.high, 'auto');
  }

  private appearance(): LabelAppearance {
    // As in the comparison: over black, colours are drawn in full (half-opacity colours on black are
    // only darker colours); the opacity is for seeing a background image through them.
    const opacity = this.background ? this.state.opacity ?? this.settings.overlayOpacity : 1;
    const unlisted = this.info?.labelsTruncated ? UNLISTED_COLOUR : undefined;
    const window = this.effectiveWindow();
    return {
      lut: buildLabelLut(this.entries, new Set(this.state.hidden), opacity, unlisted),
      outline: this.state.outline ?? this.settings.outlineMode === 'outline',
      window: window ? windowBounds(window) : { low: 0, high: 1 },
    };
  }

  /** Legend rows and colours from the volume's labels and the palette setting. */
  private refreshLabels(): void {
    if (this.info) {
      this.entries = legendEntries(this.info, this.settings.palette);
      this.legend.setLabels(this.entries, this.info.spacing[0] * this.info.spacing[1] * this.info.spacing[2], this.info.labelsTruncated);
      this.legend.setHidden(new Set(this.state.hidden));
    }
    this.refreshAppearance();
  }

  private refreshAppearance(): void {
    this.source.setAppearance(this.appearance());
    this.requestDraw();
  }

  private computeMappings(): void {
    const info = this.info;
    if (!info) return;
    // PNG masks have no anatomy; their LPS grid shows them as stored (row 0 on top) only radiologically.
    const convention = hasAnatomy(info) ? this.settings.displayConvention : 'radiological';
    for (const plane of PLANES) {
      const m = planeMapping(info, plane, convention);
      if (m.sliceAxis !== info.planes[plane].sliceAxis) {
        throw new Error(`the host slices ${plane} along axis ${info.planes[plane].sliceAxis}, the display along ${m.sliceAxis}`);
      }
      this.mappings.set(plane, m);
    }
    this.source.invalidate();
  }

  private visiblePlanes(): readonly Plane[] {
    return this.state.layout === 'single' ? [this.state.plane] : PLANES;
  }

  private requestDraw(): void {
    if (this.frameRequested) return;
    this.frameRequested = true;
    requestAnimationFrame(() => {
      this.frameRequested = false;
      this.drawNow();
    });
  }

  private drawNow(): void {
    if (this.screens.current !== 'volume' || !this.info) return;
    const visible = this.visiblePlanes();
    // PNG masks have no anatomy: no R/L/A/P letters.
    this.paneGrid.className = `mi-panes mi-layout-${this.state.layout}${hasAnatomy(this.info) ? '' : ' mi-no-anatomy'}`;
    for (const plane of PLANES) this.panes[plane].element.hidden = !visible.includes(plane);
    this.infoPanel.element.hidden = this.state.layout !== 'grid';
    if (this.state.layout === 'grid') this.infoPanel.show(this.info, this.background, this.settings.displayConvention);
    const drawn = visible.filter((plane) => this.panes[plane].draw());
    this.readAhead(visible);
    this.toolbar.update({
      layout: this.state.layout, plane: this.state.plane, opacity: this.state.opacity ?? this.settings.overlayOpacity,
      outline: this.state.outline ?? this.settings.outlineMode === 'outline', hasBackground: this.background !== null,
      window: this.effectiveWindow(), crosshair: this.state.crosshair,
    });
    this.updateReadout();
    this.reporter.report(drawn.map((plane) => ({ plane, index: this.state.cursor![this.mappings.get(plane)!.sliceAxis] })));
  }

  /** Neighbours in the direction of travel first, the active plane first. */
  private readAhead(visible: readonly Plane[]): void {
    const cursor = this.state.cursor!;
    const order = [this.state.plane, ...visible.filter((p) => p !== this.state.plane)];
    for (const plane of order) {
      const m = this.mappings.get(plane)!;
      const i = cursor[m.sliceAxis];
      const d = this.travel[plane];
      const wanted = [i + d, i + 2 * d, i - d, i + 3 * d].filter((n) => n >= 0 && n < m.sliceCount);
      this.store.readAhead(plane, wanted);
    }
  }

  private updateReadout(): void {
    const info = this.info;
    const cursor = this.state.cursor;
    if (!info || !cursor) return this.readout.show(undefined, false);
    const { plane, voxel } = this.hovered ?? { plane: this.state.plane, voxel: cursor };
    const m = this.mappings.get(plane)!;
    const { label, intensity } = sampleSlice(m, this.store.get(plane, voxel[m.sliceAxis]), voxel);
    this.legend.highlight(label);
    this.readout.show({
      voxel, world: voxelToWorld(info.affine, voxel), label, intensity,
      labelName: this.entries.find((e) => e.value === label)?.name, where: this.hovered ? 'pointer' : 'crosshair',
    }, this.background !== null, hasAnatomy(info));
  }
}
