// The per-slice Dice strip under the panes: a focusable slider-like canvas (Left/Right, Page Up/Down,
// Home/End), click or drag to move to a slice, a tooltip with the slice's Dice and counts under the
// pointer, and a head line naming what it shows. While metrics compute it shows their progress;
// while the files are read it fills in from slice 0 as slices are counted, the rest drawn as not
// read yet (never as Dice 0), and its select is disabled (only the foreground is counted then).
import type { SliceMetrics } from '../../core/metrics/types';
import { el, formatCount } from '../dom';
import { PaneRaster } from '../paneRaster';
import { cssColour } from '../palette';
import { formatDice } from './metricsModel';
import { diceColour, sliceAt, stripLayout, type StripLayout } from './stripGeometry';
import { paintStrip, type StripTheme } from './stripPainter';
import { STRIP_MODES, STRIP_MODE_TEXT, type StripMode } from './stripModes';

export interface StripModel {
  /** e.g. "axial"; the plane the metrics are taken in. */
  readonly plane: string;
  readonly labelTitle: string;
  readonly slices: readonly SliceMetrics[];
  readonly threshold: number;
  /** The cursor's slice along the metrics axis. */
  readonly current: number | undefined;
  readonly mode: StripMode;
  /** "worst label per slice": the title of the label each slice's bar comes from. */
  readonly sliceLabels?: readonly string[];
  /**
   * While the files are read: how many slices there are. `slices` holds those counted so far (from
   * slice 0); the rest are not read yet. Undefined once the metrics are in.
   */
  readonly total?: number;
}

export interface StripActions {
  goToSlice(index: number): void;
  setStripMode(mode: StripMode): void;
}

export class DiceStrip {
  readonly element: HTMLElement;
  /** The focusable, clickable drawing; tests find bars through its data-plot-* attributes. */
  readonly canvas: HTMLCanvasElement;
  private readonly title = el('span', 'mi-strip-title');
  private readonly summary = el('span', 'mi-strip-summary');
  private readonly keyAbove = el('span', 'mi-strip-swatch mi-strip-ramp', { 'aria-hidden': 'true' });
  private readonly keyBelow = el('span', 'mi-strip-swatch mi-strip-ramp', { 'aria-hidden': 'true' });
  private readonly keyAboveText = el('span');
  private readonly keyBelowText = el('span');
  private readonly keyPending = el('span', 'mi-strip-key-pending', {}, [el('span', 'mi-strip-swatch mi-strip-swatch-pending'), 'not read yet']);
  private readonly tip = el('div', 'mi-strip-tip', { role: 'tooltip' });
  private readonly progress = el('div', 'mi-strip-progress', { role: 'status' });
  private readonly progressBar = el('progress', 'mi-progress', { 'aria-label': 'Computing Dice per slice' });
  private readonly progressText = el('span', 'mi-strip-progress-text');
  private readonly modeSelect = el('select', 'mi-select mi-strip-mode', { 'aria-label': 'Strip shows' });
  private model: StripModel | undefined;
  /** The progress message while metrics compute or files are read; undefined when none. */
  private progressMessage: string | undefined;
  private hover: number | undefined;
  private dragging = false;

  constructor(private readonly actions: StripActions) {
    this.canvas = el('canvas', 'mi-strip-canvas', {
      tabindex: 0, role: 'slider', 'aria-label': 'Dice per slice: choose a slice', 'aria-valuemin': 0,
    });
    this.tip.hidden = true;
    this.progress.append(this.progressText, this.progressBar);
    this.progress.hidden = true;
    this.modeSelect.replaceChildren(...STRIP_MODES.map((m) => el('option', undefined, { value: m }, [STRIP_MODE_TEXT[m]])));
    this.modeSelect.addEventListener('change', () => {
      const mode = STRIP_MODES.find((m) => m === this.modeSelect.value);
      if (mode) actions.setStripMode(mode);
    });
    this.element = el('section', 'mi-strip', { 'aria-label': 'Dice per slice' }, [
      el('div', 'mi-strip-head', {}, [
        el('label', 'mi-field', {}, ['Strip shows', this.modeSelect]),
        this.title,
        this.summary,
        el('span', 'mi-strip-key', { 'aria-hidden': 'true' }, [
          'Dice', this.keyBelow, this.keyBelowText,
          this.keyAbove, this.keyAboveText,
          el('span', 'mi-strip-swatch mi-strip-swatch-na'), 'n/a (both empty)',
          this.keyPending,
        ]),
      ]),
      el('div', 'mi-strip-body', {}, [this.canvas, this.tip, this.progress]),
    ]);
    this.attachInput();
    new ResizeObserver(() => this.paint()).observe(this.canvas);
  }

  update(model: StripModel | undefined): void {
    this.model = model;
    if (!model) {
      this.title.textContent = 'Dice per slice';
      this.summary.textContent = '';
      this.paint();
      return;
    }
    if (document.activeElement !== this.modeSelect) this.modeSelect.value = model.mode;
    const reading = model.total !== undefined;
    this.modeSelect.disabled = reading;
    this.keyPending.hidden = !reading;
    this.title.textContent = `Dice per ${model.plane} slice · ${model.labelTitle}${reading ? ', counted while reading' : ''}`;
    this.showSummary();
    // The key shows each family's whole ramp, low Dice on the left, so every shade of a bar is in it.
    const t = model.threshold;
    const ramp = (from: number, to: number): string => `linear-gradient(to right, ${cssColour(diceColour(from, t))}, ${cssColour(diceColour(to, t))})`;
    this.keyBelow.style.background = ramp(0, Math.max(0, t - 1e-6)); // CSSOM: CSP-safe
    this.keyAbove.style.background = ramp(t, 1);
    this.keyBelowText.textContent = `0 to < ${t.toFixed(2)}`;
    this.keyAboveText.textContent = `${t.toFixed(2)} to 1`;
    this.canvas.setAttribute('aria-valuemax', String(Math.max(0, this.count() - 1)));
    if (model.current !== undefined) {
      this.canvas.setAttribute('aria-valuenow', String(model.current));
      this.canvas.setAttribute('aria-valuetext', this.describe(model.current));
    }
    this.paint();
  }

  /** Metrics are being computed: `fraction` null while unknown; undefined hides the progress. */
  showProgress(message: string | undefined, fraction: number | null): void {
    this.progressMessage = message;
    // While the strip fills in, the message goes in its head line: the bars under it are the progress.
    this.progress.hidden = message === undefined || this.model?.total !== undefined;
    this.progressText.textContent = message ?? '';
    if (fraction === null) this.progressBar.removeAttribute('value');
    else this.progressBar.value = Math.min(1, Math.max(0, fraction));
    this.showSummary();
  }

  /** "3 of 20 slices below 0.80 · 8 n/a"; while reading, how many are counted and below so far. */
  private showSummary(): void {
    const model = this.model;
    if (!model) return;
    const defined = model.slices.filter((s) => s.dice !== null);
    const below = defined.filter((s) => s.dice! < model.threshold).length;
    const na = model.slices.length - defined.length;
    if (model.total !== undefined) {
      this.progress.hidden = true;
      this.summary.textContent = `${model.slices.length} of ${model.total} slices counted · ${below} below ${model.threshold.toFixed(2)} so far`
        + (na > 0 ? ` · ${na} n/a` : '') + (this.progressMessage === undefined ? '' : ` · ${this.progressMessage}`);
      return;
    }
    this.progress.hidden = this.progressMessage === undefined;
    this.summary.textContent = `${below} of ${model.slices.length} slices below ${model.threshold.toFixed(2)}` + (na > 0 ? ` · ${na} n/a` : '');
  }

  /** Bars on the strip: every slice, counted or not yet. */
  private count(): number {
    return this.model ? (this.model.total ?? this.model.slices.length) : 0;
  }

  private layout(): StripLayout {
    return stripLayout(this.canvas.clientWidth, this.canvas.clientHeight, this.count());
  }

  private paint(): void {
    const ctx = PaneRaster.sizeToSurface(this.canvas);
    const l = this.layout();
    this.canvas.dataset['plotLeft'] = String(l.left);
    this.canvas.dataset['plotRight'] = String(l.right);
    this.canvas.dataset['plotTop'] = String(l.top);
    this.canvas.dataset['plotBaseline'] = String(l.baseline);
    this.canvas.dataset['count'] = String(l.count);
    if (!ctx || !this.model) return;
    paintStrip(ctx, l, { slices: this.model.slices, threshold: this.model.threshold, current: this.model.current, hover: this.hover, reading: this.model.total !== undefined }, this.theme());
  }

  private theme(): StripTheme {
    const style = getComputedStyle(this.canvas);
    const v = (name: string, fallback: string): string => style.getPropertyValue(name).trim() || fallback;
    return {
      text: v('--mi-strip-text', '#999'),
      axis: v('--mi-strip-axis', '#666'),
      threshold: v('--mi-strip-threshold', '#ccc'),
      current: v('--mi-strip-current', '#fff'),
      na: v('--mi-strip-na', '#888'),
      hover: v('--mi-strip-hover', 'rgba(128, 128, 128, 0.25)'),
      font: style.fontFamily || 'sans-serif',
    };
  }

  private describe(index: number): string {
    const s = this.model?.slices[index];
    if (!s) return this.model?.total !== undefined ? `slice ${index}: not read yet` : `slice ${index}`;
    const counts = `TP ${formatCount(s.tp)}, FP ${formatCount(s.fp)}, FN ${formatCount(s.fn)}`;
    const which = this.model?.sliceLabels?.[index];
    const where = which === undefined ? `slice ${index}` : `slice ${index}, ${which}`;
    return s.dice === null ? `${where}: Dice n/a, both masks empty` : `${where}: Dice ${formatDice(s.dice)} (${counts})`;
  }

  private showTip(index: number | undefined, x: number): void {
    if (index !== this.hover) {
      this.hover = index;
      this.paint();
    }
    this.tip.hidden = index === undefined;
    if (index === undefined) return;
    this.tip.textContent = this.describe(index);
    const half = this.tip.offsetWidth / 2;
    // CSSOM, not an inline style attribute: allowed by the webview's Content-Security-Policy.
    this.tip.style.left = `${Math.min(this.canvas.clientWidth - half, Math.max(half, x))}px`;
  }

  private attachInput(): void {
    const xOf = (e: PointerEvent): number => e.clientX - this.canvas.getBoundingClientRect().left;
    const go = (e: PointerEvent): void => {
      if (this.count() > 0) this.actions.goToSlice(sliceAt(this.layout(), xOf(e)));
    };
    this.canvas.addEventListener('pointerdown', (e) => {
      if (e.button !== 0) return;
      this.dragging = true;
      this.canvas.setPointerCapture(e.pointerId);
      this.canvas.focus({ preventScroll: true });
      go(e);
    });
    this.canvas.addEventListener('pointermove', (e) => {
      if (this.count() === 0) return;
      if (this.dragging) go(e);
      this.showTip(sliceAt(this.layout(), xOf(e)), xOf(e));
    });
    const stop = (): void => { this.dragging = false; };
    this.canvas.addEventListener('pointerup', stop);
    this.canvas.addEventListener('pointercancel', stop);
    this.canvas.addEventListener('pointerleave', () => { if (!this.dragging) this.showTip(undefined, 0); });
    // The wheel steps one slice per notch (up = next), as over the panes.
    let wheelTravel = 0;
    this.canvas.addEventListener('wheel', (e) => {
      const m = this.model;
      if (!m || this.count() === 0 || m.current === undefined) return;
      e.preventDefault();
      wheelTravel += e.deltaMode === WheelEvent.DOM_DELTA_PIXEL ? e.deltaY : Math.sign(e.deltaY) * 50;
      const steps = Math.trunc(wheelTravel / 50);
      if (steps === 0) return;
      wheelTravel -= steps * 50;
      this.actions.goToSlice(Math.min(this.count() - 1, Math.max(0, m.current - steps)));
    }, { passive: false });
    this.canvas.addEventListener('keydown', (e) => {
      const m = this.model;
      if (!m || this.count() === 0 || e.altKey || e.ctrlKey || e.metaKey) return;
      const current = m.current ?? 0;
      const last = this.count() - 1;
      const target: Record<string, number> = {
        ArrowLeft: current - 1, ArrowDown: current - 1, ArrowRight: current + 1, ArrowUp: current + 1,
        PageDown: current - 10, PageUp: current + 10, Home: 0, End: last,
      };
      const index = target[e.key];
      if (index === undefined) return;
      e.preventDefault();
      this.actions.goToSlice(Math.min(last, Math.max(0, index)));
    });
  }
}
