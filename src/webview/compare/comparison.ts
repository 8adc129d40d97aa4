// The comparison webview: reference and prediction side by side, or one TP/FP/FN overlay pane, with
// one linked cursor, plane, zoom and pan; the per-slice Dice strip; the metrics panel and readout.
// It owns the view state and turns host messages and user actions into one redraw per frame. The
// panes, slice store, renderer and window/level are the mask viewer's (../).
import type { Vec3 } from '../../core/volume';
import { planeMapping, type PlaneMapping } from '../../core/geometry/display';
import type {
  CompareCommand, CompareLabel, CompareMode, CompareSettings, CompareVolumes, CompareWebviewToHost, ComparisonResult,
  HostToCompareWebview, LabelChoice, PairSlice, ReadingCounts, SurfaceComparisonResult, SurfaceStatus,
} from '../../protocol/compare';
import { PLANES, type BackgroundInfo, type LabelNamesInfo, type Plane } from '../../protocol/viewer';
import { hasAnatomy } from '../geometryBanner';
import { Pane, type PaneHost } from '../pane';
import { SliceStore } from '../sliceStore';
import { cursorWithin } from '../state';
import { RESET_ZOOM, type PaneZoom } from '../viewport';
import { dragWindow, presetWindow, type WindowPresetId, type WindowSetting } from '../windowLevel';
import { CompareFrame, type FrameActions } from './compareFrame';
import { CompareReporter, type PaneRole } from './compareReporter';
import { restoreCompareState, type CompareViewState } from './compareState';
import { busiestSlice, choiceTitle, readingOf, validChoice } from './metricsModel';
import { LABEL_READING, type OverlapClass } from './overlap';
import { Appearances, DEFAULT_COMPARE_SETTINGS } from './appearances';
import { MaskSource, OverlaySource, SliceOverlap } from './sources';
import { stripModel, type ShownSlice } from './chromeModels';
import type { LabelOrder } from './labelOrder';
import type { StripMode } from './stripModes';

export interface CompareApi {
  postMessage(message: CompareWebviewToHost): void;
  getState(): unknown;
  setState(state: unknown): void;
}

type ProbeMessage = Extract<HostToCompareWebview, { type: 'probe' }>;

export class Comparison implements PaneHost, FrameActions {
  volumes: CompareVolumes | undefined;
  settings: CompareSettings = DEFAULT_COMPARE_SETTINGS;
  background: BackgroundInfo | null = null;
  result: ComparisonResult | SurfaceComparisonResult | undefined;
  surface: SurfaceStatus = { kind: 'off' };
  /** The slices the reading pass has counted, until the metrics arrive: the strip fills in from them. */
  readingCounts: ReadingCounts | undefined;
  /** The strip's slice while it shows in the loading view (no panes, no cursor yet): arrows and clicks move it. */
  readingSlice = 0;
  labels: readonly CompareLabel[] = [];
  state: CompareViewState;
  readonly overlap = new SliceOverlap();
  readonly store: SliceStore;
  private readonly mappings = new Map<Plane, PlaneMapping>();
  private hovered: { plane: Plane; voxel: Vec3 } | undefined;
  private readonly travel: Record<Plane, number> = { axial: 1, coronal: 1, sagittal: 1 };
  /** Set once the person (or a reveal) moved: new metrics then no longer pick the opening slice. */
  private moved: boolean;
  readonly appearances = new Appearances(this);
  private readonly sources: { reference: MaskSource; prediction: MaskSource; overlay: OverlaySource };
  private readonly frame: CompareFrame;
  private readonly reporter: CompareReporter;
  private frameRequested = false;
  /** The sentence the error view shows (reported with every report while it shows). */
  private errorMessage = '';

  constructor(private readonly api: CompareApi, root: HTMLElement) {
    this.state = restoreCompareState(api.getState());
    this.moved = this.state.cursor !== null;
    this.store = new SliceStore((requestId, plane, index) => api.postMessage({ type: 'requestSlice', requestId, plane, index }));
    this.sources = {
      reference: new MaskSource(this.store, this.appearances.mask(), 'reference'),
      prediction: new MaskSource(this.store, this.appearances.mask(), 'prediction'),
      overlay: new OverlaySource(this.store, this.appearances.overlay(), this.overlap),
    };
    const title = { reference: 'Reference', prediction: 'Prediction', overlay: 'Overlay' } as const;
    const pane = (plane: Plane, role: PaneRole): Pane => new Pane(plane, this, this.sources[role], title[role]);
    this.frame = new CompareFrame(root, this, pane, (value) => this.labels.find((l) => l.value === value)?.name);
    this.reporter = new CompareReporter((m) => api.postMessage(m));
    new ResizeObserver(() => this.requestDraw()).observe(this.frame.layout.element);
    root.addEventListener('keydown', (e) => this.onKey(e));
  }

  // ----- host messages ------------------------------------------------------------------------

  showLoading(message: string, fraction: number | null): void {
    // Once the panes show, a (re)computation of the metrics only shows on the strip.
    if (this.volumes && this.frame.screens.current !== 'error') {
      this.frame.strip.showProgress(message, fraction);
      this.requestDraw();
    } else {
      this.frame.screens.showLoading('', message, fraction);
      this.report();
    }
  }

  reopen(): void {
    this.api.postMessage({ type: 'reopen' });
  }

  showError(message: string): void {
    this.errorMessage = message;
    this.frame.screens.showError(message);
    this.report();
  }

  /** The reading pass's slices so far (null: a new read has counted nothing yet). */
  setReadingCounts(counts: ReadingCounts | null): void {
    this.readingCounts = counts ?? undefined;
    // The counted slices are read in both files: the panes may ask for them beside a slice the read has not reached.
    if (counts?.kind === 'filling' && this.volumes?.labelsCounting && !this.volumes.slicesWhenRead) this.store.markRead(counts.plane, counts.slices.length);
    if (this.volumes && this.frame.screens.current === 'volume') return this.requestDraw();
    if (!counts) return this.frame.showWhileReading({ kind: 'none' });
    if (counts.kind === 'whenRead') {
      const sentence = `Dice per ${counts.plane} slice shows when the read ends: ${counts.plane} slices cut across the order the files are stored in, so none is complete before then.`;
      return this.frame.showWhileReading({ kind: 'whenRead', sentence });
    }
    this.frame.showWhileReading({ kind: 'strip' });
    this.frame.strip.update(stripModel(this));
  }

  setVolumes(volumes: CompareVolumes, labelNames: LabelNamesInfo): void {
    this.volumes = volumes;
    this.frame.showWhileReading({ kind: 'none' });
    this.frame.panel.setLabelNames(labelNames);
    this.store.clear();
    this.computeMappings();
    this.frame.layout.setTitles(volumes.reference.fileName, volumes.prediction.fileName);
    this.update({ cursor: cursorWithin(this.state.cursor, volumes.reference.shape) });
    const flat = this.flatPlane();
    if (flat) this.update({ plane: flat });
    this.refreshAppearance();
    this.frame.screens.showVolume();
  }

  setSettings(settings: CompareSettings): void {
    this.settings = settings;
    this.computeMappings();
    this.refreshAppearance();
  }

  setMetrics(result: ComparisonResult | SurfaceComparisonResult, labels: readonly CompareLabel[]): void {
    this.result = result;
    this.labels = labels;
    this.readingCounts = undefined;
    this.frame.strip.showProgress(undefined, null);
    this.setLabelNow(validChoice(result, this.state.label));
    const cursor = this.state.cursor;
    const opening = busiestSlice(result.foreground);
    if (!this.moved && cursor && opening !== undefined) {
      const next: [number, number, number] = [cursor[0], cursor[1], cursor[2]];
      next[result.axis] = opening;
      this.update({ plane: this.flatPlane() ?? result.plane, cursor: next });
    } else if (!this.flatPlane() && this.state.plane !== result.plane) {
      // The metrics' plane is the plane shown (the host computes them for the plane chosen here,
      // or for maskInspector.comparePlane when that setting changes).
      this.update({ plane: result.plane });
    }
    this.refreshAppearance();
  }

  /** The boundary metrics' progress (their values come with `setMetrics`). */
  setSurfaceStatus(status: SurfaceStatus): void {
    this.surface = status;
    this.requestDraw();
  }

  setBackground(background: BackgroundInfo | null): void {
    this.background = background;
    this.store.clear();
    if (background) this.frame.screens.showNotice(undefined);
    this.refreshAppearance();
  }

  receiveSlice(m: PairSlice): void {
    const where = this.store.receive(m.requestId, m.plane, m.index, m.reference, m.background, m.prediction);
    const cursor = this.state.cursor;
    if (!where || !cursor) return;
    const m2 = this.mappings.get(where.plane);
    if (where.plane === this.state.plane && m2 && cursor[m2.sliceAxis] === where.index) this.requestDraw();
    else this.readAhead();
  }

  sliceFailed(requestId: number, message: string): void {
    this.store.fail(requestId);
    this.frame.screens.showNotice(message);
    this.report();
  }

  reveal(plane: Plane, index: number, label?: LabelChoice): void {
    this.moved = true;
    if (label !== undefined) this.setLabelNow(this.result ? validChoice(this.result, label) : label);
    this.update({ plane });
    this.goToPlaneSlice(plane, index);
  }

  setMode(mode: CompareMode): void {
    this.update({ mode });
  }

  probe(m: ProbeMessage): void {
    if (m.pane === 'overlay') this.setMode('overlay');
    else this.setMode('sideBySide');
    this.reveal(m.plane, m.index);
    this.reporter.addProbe(m);
    // Nothing is drawn while an error shows: answer now (with no samples) instead of never.
    if (this.frame.screens.current === 'error') this.report();
    else this.requestDraw();
  }

  /**
   * For a 2-D pair (PNG masks, single-slice files) the one plane that shows the image; the other two
   * would be one pixel high. undefined for volumes.
   */
  flatPlane(): Plane | undefined {
    const flat = PLANES.filter((p) => this.mappings.get(p)?.sliceCount === 1);
    const thin = (p: Plane): boolean => Math.min(this.mappings.get(p)?.width ?? 2, this.mappings.get(p)?.height ?? 2) === 1;
    return flat.length === 1 && PLANES.some((p) => p !== flat[0] && thin(p)) ? flat[0] : undefined;
  }

  // ----- PaneHost -------------------------------------------------------------------------------

  mapping(plane: Plane): PlaneMapping | undefined { return this.mappings.get(plane); }
  cursor(): Vec3 | undefined { return this.state.cursor ?? undefined; }
  zoom(plane: Plane): PaneZoom { return this.state.zoom[plane]; }
  showCrosshair(): boolean { return this.state.crosshair; }
  setCursor(voxel: Vec3): void { this.moved = true; this.update({ cursor: voxel }); }
  setZoom(plane: Plane, zoom: PaneZoom): void { this.update({ zoom: { ...this.state.zoom, [plane]: zoom } }); }
  activate(): void { /* both panes show the same plane: nothing to switch */ }

  stepSlice(plane: Plane, delta: number | 'first' | 'last'): void {
    const m = this.mappings.get(plane);
    const cursor = this.state.cursor;
    if (!m || !cursor) return;
    const current = cursor[m.sliceAxis];
    this.goToPlaneSlice(plane, delta === 'first' ? 0 : delta === 'last' ? m.sliceCount - 1 : current + delta);
  }

  adjustWindow(dx: number, dy: number): void {
    const w = this.appearances.effectiveWindow();
    if (w) this.setWindowSetting(dragWindow(w, dx, dy));
  }

  hover(plane: Plane, voxel: Vec3 | undefined): void {
    this.hovered = voxel ? { plane, voxel } : undefined;
    this.frame.showCursor(this, this.hovered);
  }

  // ----- toolbar and panel actions ---------------------------------------------------------------

  showPlane(plane: Plane): void { this.update({ plane }); }
  setLabel(choice: LabelChoice): void { this.moved = true; this.setLabelNow(choice); }
  setOpacity(opacity: number): void { this.update({ opacity }); this.refreshAppearance(); }
  setOutline(outline: boolean): void { this.update({ outline }); this.refreshAppearance(); }
  setWindowPreset(preset: Exclude<WindowPresetId, 'custom'>): void { this.setWindowSetting(preset === 'auto' ? null : presetWindow(preset)); }
  setWindow(width: number, level: number): void { this.setWindowSetting({ preset: 'custom', width, level }); }
  toggleCrosshair(): void { this.update({ crosshair: !this.state.crosshair }); }
  resetView(): void { this.update({ zoom: { axial: RESET_ZOOM, coronal: RESET_ZOOM, sagittal: RESET_ZOOM } }); }
  command(command: CompareCommand): void { this.api.postMessage({ type: 'command', command }); }
  setStripMode(stripMode: StripMode): void { this.update({ stripMode }); }
  setLabelOrder(labelOrder: LabelOrder): void { this.update({ labelOrder }); }
  setNavigationScope(selectedLabelOnly: boolean): void {
    // Shown at once; the host echoes it back with the settings.
    this.settings = { ...this.settings, navigateSelectedLabelOnly: selectedLabelOnly };
    this.api.postMessage({ type: 'setNavigationScope', selectedLabelOnly });
    this.requestDraw();
  }

  setClassVisible(cls: OverlapClass, visible: boolean): void {
    const hidden = this.state.hiddenClasses.filter((c) => c !== cls);
    this.update({ hiddenClasses: visible ? hidden : [...hidden, cls] });
    this.refreshAppearance();
  }

  // ----- internals ----------------------------------------------------------------------------

  /**
   * The strip's slices run along the metrics' plane (while reading, the plane being counted): show
   * that plane at `index`. Before the panes can show, the strip's own marker moves.
   */
  goToSlice(index: number): void {
    const reading = this.readingCounts?.kind === 'filling' ? this.readingCounts : undefined;
    if (reading && !this.volumes) {
      this.readingSlice = Math.min(reading.sliceCount - 1, Math.max(0, Math.round(index)));
      this.frame.strip.update(stripModel(this));
      return;
    }
    const plane = reading?.plane ?? this.result?.plane;
    if (!plane) return;
    this.moved = true;
    this.update({ plane });
    this.goToPlaneSlice(plane, index);
  }

  private goToPlaneSlice(plane: Plane, wanted: number): void {
    const m = this.mappings.get(plane);
    const cursor = this.state.cursor;
    if (!m || !cursor) return;
    const index = Math.min(m.sliceCount - 1, Math.max(0, Math.round(wanted)));
    const current = cursor[m.sliceAxis];
    if (index === current) return this.requestDraw();
    this.moved = true;
    this.travel[plane] = Math.sign(index - current);
    const next: [number, number, number] = [cursor[0], cursor[1], cursor[2]];
    next[m.sliceAxis] = index;
    this.update({ cursor: next });
  }

  private setLabelNow(label: LabelChoice): void {
    this.overlap.configure(label, this.result ? readingOf(this.result) : LABEL_READING);
    this.sources.overlay.invalidate();
    this.frame.layout.setOverlayTitle(`Overlay · ${choiceTitle(label, this.labels)}`);
    this.update({ label });
  }

  private onKey(e: KeyboardEvent): void {
    const target = e.target as HTMLElement | null;
    if (e.altKey || e.ctrlKey || e.metaKey || (target && /^(INPUT|SELECT|TEXTAREA)$/.test(target.tagName))) return;
    if (e.key === 'o' || e.key === 'O') {
      this.setMode(this.state.mode === 'overlay' ? 'sideBySide' : 'overlay');
      e.preventDefault();
    }
  }

  update(change: Partial<CompareViewState>): void {
    this.state = { ...this.state, ...change };
    this.api.setState(this.state);
    this.requestDraw();
  }

  private setWindowSetting(window: WindowSetting | null): void {
    this.update({ window });
    this.refreshAppearance();
  }

  private refreshAppearance(): void {
    const mask = this.appearances.mask();
    this.sources.reference.setAppearance(mask);
    this.sources.prediction.setAppearance(mask);
    this.sources.overlay.setAppearance(this.appearances.overlay());
    this.requestDraw();
  }

  private computeMappings(): void {
    const info = this.volumes?.reference;
    if (!info) return;
    const convention = hasAnatomy(info) ? this.settings.displayConvention : 'radiological';
    for (const plane of PLANES) this.mappings.set(plane, planeMapping(info, plane, convention));
    for (const source of Object.values(this.sources)) source.invalidate();
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
    if (this.frame.screens.current !== 'volume' || !this.volumes || !this.state.cursor) return;
    const visible = this.frame.layout.show(this.state.plane, this.state.mode);
    const drawn = new Map<PaneRole, Pane>();
    let drawMs = 0;
    const waiting = this.waitingSentence();
    for (const [role, pane] of visible) {
      pane.setWaiting(waiting);
      if (pane.draw()) drawn.set(role, pane);
      drawMs = Math.max(drawMs, pane.lastDrawMs);
    }
    this.readAhead();
    this.frame.refresh(this, this.currentSlice(), this.hovered);
    if (drawn.size === visible.size) this.report(drawn, drawMs);
  }

  /**
   * While the files are read, slices of the plane along k (the order files are stored in) arrive as
   * the read passes them; those of a plane across k need the whole read, and so do all slices of a
   * prediction whose colours are renumbered once read: the panes say which.
   */
  private waitingSentence(): string | undefined {
    const volumes = this.volumes;
    const plane = this.state.plane;
    if (!volumes?.labelsCounting) return undefined;
    if (volumes.slicesWhenRead === 'renumberedColours') {
      return 'Slices show when the read ends: the prediction\'s colours are matched to the reference\'s labels once both are read.';
    }
    if (volumes.reference.planes[plane].sliceAxis === 2) return undefined;
    return `${plane.charAt(0).toUpperCase()}${plane.slice(1)} slices show when the read ends: they cut across the order the files are stored in.`;
  }

  /** The slice on screen now, if it has arrived. */
  currentSlice(): ShownSlice | undefined {
    const cursor = this.state.cursor;
    const m = this.mappings.get(this.state.plane);
    if (!cursor || !m) return undefined;
    const index = cursor[m.sliceAxis];
    return { plane: this.state.plane, index, slice: this.store.get(this.state.plane, index) };
  }

  private report(drawn: ReadonlyMap<PaneRole, Pane> = new Map(), drawMs?: number): void {
    const view = this.frame.screens.current === 'volume' ? 'comparison' : this.frame.screens.current;
    const current = this.currentSlice();
    this.reporter.report({
      view, mode: this.state.mode, plane: this.state.plane, index: current?.index ?? 0, label: this.state.label,
      ...(view === 'error' ? { message: this.errorMessage } : {}),
      ...(drawMs !== undefined ? { drawMs } : {}),
    }, drawn);
  }

  /** Neighbouring slices in the direction of travel, so scrolling finds them already here. */
  private readAhead(): void {
    const cursor = this.state.cursor;
    const m = this.mappings.get(this.state.plane);
    if (!cursor || !m) return;
    const i = cursor[m.sliceAxis];
    const d = this.travel[this.state.plane];
    this.store.readAhead(this.state.plane, [i + d, i + 2 * d, i - d, i + 3 * d].filter((n) => n >= 0 && n < m.sliceCount));
  }
}
