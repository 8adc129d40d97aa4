// The side panel of the comparison: the TP/FP/FN key (with this slice's counts, and a checkbox per
// class to show or hide it in the overlay), this slice's Dice (and 2-D HD95), the chosen label's
// volume metrics and surface distances, and the two files with Swap and Export buttons.
import type { OverlapMetrics } from '../../core/metrics/types';
import type { CompareCommand, LabelChoice, OverlayColours } from '../../protocol/compare';
import type { LabelNamesInfo, Rgba } from '../../protocol/viewer';
import { LabelNamesLine } from '../labelNamesLine';
import { mmText } from '../../core/report/surfaceText';
import { button, el, formatCount, formatNumber } from '../dom';
import { cssColour } from '../palette';
import { formatDice } from './metricsModel';
import { orderLabels, type LabelOrder } from './labelOrder';
import { FN, FP, TP, type OverlapClass, type OverlapCounts } from './overlap';
import { SurfaceSection, type SurfaceModel } from './surfaceSection';

export interface PanelSlice {
  readonly plane: string;
  readonly index: number;
  /** undefined while the slice has not arrived. */
  readonly counts: OverlapCounts | undefined;
  readonly dice: number | null | undefined;
  /** This slice's 2-D HD95 (mm) from the per-slice surface metrics; undefined when there are none. */
  readonly hd95?: number | null;
}

/** One row of the labels list: the foreground (colour undefined) or a label, with its volume Dice. */
export interface PanelLabel {
  readonly choice: LabelChoice;
  readonly title: string;
  readonly dice: number | null;
  readonly colour: Rgba | undefined;
}

export interface PanelModel {
  readonly colours: OverlayColours;
  readonly hiddenClasses: ReadonlySet<OverlapClass>;
  readonly labelTitle: string;
  readonly slice: PanelSlice | undefined;
  /** undefined while the metrics are computing. */
  readonly volume: OverlapMetrics | undefined;
  readonly flagged: number | undefined;
  readonly threshold: number;
  /** maskInspector.flagHd95AboveMm: a 2-D HD95 above it is marked; null = off. */
  readonly hd95LimitMm: number | null;
  readonly surface: SurfaceModel;
  /**
   * The files are still being read: their labels are counted in that pass, so the label list
   * says "counting…" instead of listing none.
   */
  readonly labelsCounting: boolean;
  readonly files: { readonly reference: string; readonly prediction: string; readonly alignment: string; readonly segments?: string } | undefined;
  readonly labels: readonly PanelLabel[];
  readonly label: LabelChoice;
  readonly labelOrder: LabelOrder;
}

export interface PanelActions {
  setClassVisible(cls: OverlapClass, visible: boolean): void;
  setLabel(choice: LabelChoice): void;
  setLabelOrder(order: LabelOrder): void;
  command(command: CompareCommand): void;
}

const CLASSES: readonly { cls: OverlapClass; key: 'tp' | 'fp' | 'fn'; name: string; meaning: string }[] = [
  { cls: TP, key: 'tp', name: 'TP', meaning: 'in both masks' },
  { cls: FP, key: 'fp', name: 'FP', meaning: 'prediction only' },
  { cls: FN, key: 'fn', name: 'FN', meaning: 'reference only' },
];

function section(title: HTMLElement, ...children: Node[]): HTMLElement {
  return el('section', 'mi-cmp-section', {}, [title, ...children]);
}

function definitionList(rows: readonly [string, string][]): HTMLElement {
  return el('dl', 'mi-info-list', {}, rows.flatMap(([k, v]) => [el('dt', undefined, {}, [k]), el('dd', undefined, {}, [v])]));
}

export class MetricsPanel {
  readonly element: HTMLElement;
  private readonly keyTitle = el('h2', 'mi-cmp-heading');
  private readonly swatches = new Map<OverlapClass, HTMLElement>();
  private readonly boxes = new Map<OverlapClass, HTMLInputElement>();
  private readonly counts = new Map<OverlapClass, HTMLElement>();
  private readonly sliceTitle = el('h2', 'mi-cmp-heading');
  private readonly sliceDice = el('div', 'mi-cmp-dice', { 'aria-live': 'polite' });
  private readonly sliceFlag = el('span', 'mi-cmp-flag');
  private readonly sliceHd95 = el('span', 'mi-cmp-slice-hd95');
  private readonly sliceHd95Flag = el('span', 'mi-cmp-flag');
  private readonly surface = new SurfaceSection();
  private readonly volumeTitle = el('h2', 'mi-cmp-heading');
  private readonly volumeBody = el('div');
  private readonly filesBody = el('div');
  private readonly labelList = el('ul', 'mi-legend-list mi-cmp-labels', { 'aria-label': 'Volume Dice per label' });
  private readonly namesSource = new LabelNamesLine();
  private readonly labelButtons = new Map<LabelChoice, HTMLButtonElement>();
  private labelsKey = '';
  private labelOrder: LabelOrder = 'value';
  private readonly sortButton = button('Sort by Dice', 'List the labels by volume Dice, worst first (again: by label value)', () => this.actions.setLabelOrder(this.labelOrder === 'value' ? 'dice' : 'value'), 'mi-button mi-small');
  private staticKey = '';

  constructor(private readonly actions: PanelActions) {
    this.sortButton.setAttribute('aria-pressed', 'false');
    const rows = CLASSES.map(({ cls, name, meaning }) => {
      const box = el('input', 'mi-check', { type: 'checkbox', 'aria-label': `Show ${name} (${meaning}) in the overlay` });
      box.checked = true;
      box.addEventListener('change', () => actions.setClassVisible(cls, box.checked));
      const swatch = el('span', 'mi-swatch', { 'aria-hidden': 'true' });
      const count = el('span', 'mi-legend-count');
      this.boxes.set(cls, box);
      this.swatches.set(cls, swatch);
      this.counts.set(cls, count);
      return el('li', 'mi-legend-row', { 'data-class': name }, [
        el('label', 'mi-legend-label', {}, [box, swatch, el('span', 'mi-cmp-class', {}, [name]), el('span', 'mi-legend-name', {}, [meaning])]),
        count,
      ]);
    });
    this.element = el('aside', 'mi-cmp-side', { 'aria-label': 'Comparison metrics' }, [
      section(this.keyTitle, el('ul', 'mi-legend-list', { 'aria-label': 'Overlap classes' }, rows)),
      section(
        this.sliceTitle,
        el('div', 'mi-cmp-dice-row', {}, [this.sliceDice, this.sliceFlag]),
        el('div', 'mi-cmp-dice-row', {}, [this.sliceHd95, this.sliceHd95Flag]),
      ),
      section(this.volumeTitle, this.volumeBody),
      this.surface.element,
      section(el('div', 'mi-cmp-heading-row', {}, [el('h2', 'mi-cmp-heading', {}, ['Labels']), this.sortButton]), this.namesSource.element, this.labelList),
      section(el('h2', 'mi-cmp-heading', {}, ['Files']), this.filesBody, el('div', 'mi-cmp-actions', {}, [
        button('Swap', 'Swap reference and prediction', () => actions.command('swap'), 'mi-button mi-small'),
        button('Export report…', 'Export the comparison as CSV, JSON or Markdown', () => actions.command('exportReport'), 'mi-button mi-small'),
      ])),
    ]);
  }

  setLabelNames(info: LabelNamesInfo): void {
    this.namesSource.show(info);
  }

  update(m: PanelModel): void {
    this.keyTitle.textContent = `Overlap · ${m.labelTitle}`;
    for (const { cls, key } of CLASSES) {
      this.swatches.get(cls)!.style.backgroundColor = cssColour(m.colours[key]); // CSSOM: CSP-safe
      this.boxes.get(cls)!.checked = !m.hiddenClasses.has(cls);
      this.counts.get(cls)!.textContent = m.slice?.counts ? formatCount(m.slice.counts[key]) : '…';
    }
    this.sliceTitle.textContent = m.slice ? `Slice ${m.slice.index} · ${m.slice.plane}` : 'Slice';
    const dice = m.slice?.dice;
    this.sliceDice.textContent = dice === undefined ? '…' : `Dice ${formatDice(dice)}`;
    const flagged = dice !== undefined && dice !== null && dice < m.threshold;
    this.sliceFlag.textContent = dice === null ? 'both masks empty' : flagged ? `below ${m.threshold.toFixed(2)}` : '';
    this.sliceFlag.classList.toggle('mi-cmp-flag-low', flagged);
    this.updateSliceHd95(m.slice?.hd95, m.hd95LimitMm);
    this.surface.update(m.labelTitle, m.surface);
    this.volumeTitle.textContent = `Volume · ${m.labelTitle}`;
    // The lists below change with the label or new metrics, not with every redraw while scrolling.
    const key = JSON.stringify([m.labelTitle, m.volume?.dice, m.volume?.tp, m.volume?.fp, m.volume?.fn, m.flagged, m.threshold, m.files, m.labelsCounting]);
    if (key !== this.staticKey) {
      this.staticKey = key;
      this.volumeBody.replaceChildren(m.volume ? this.volumeList(m.volume, m.flagged ?? 0, m.threshold) : el('p', 'mi-legend-note', {}, ['Computing…']));
      this.filesBody.replaceChildren(m.files ? definitionList([
        ['Reference', m.files.reference],
        ['Prediction', m.files.prediction],
        ['Grid', m.files.alignment],
        ...(m.files.segments === undefined ? [] : [['Segments', m.files.segments] as [string, string]]),
      ]) : el('p', 'mi-legend-note', {}, ['…']));
    }
    this.labelOrder = m.labelOrder;
    this.sortButton.setAttribute('aria-pressed', String(m.labelOrder === 'dice'));
    this.updateLabels(m.labels, m.label, m.labelsCounting);
  }

  /** "HD95 (2-D) 14.20 mm", marked when above the limit; empty without per-slice surface metrics. */
  private updateSliceHd95(hd95: number | null | undefined, limit: number | null): void {
    const above = typeof hd95 === 'number' && Number.isFinite(hd95) && limit !== null && hd95 > limit;
    this.sliceHd95.textContent = hd95 === undefined ? '' : `HD95 (2-D) ${hd95 === null || hd95 === Infinity ? mmText(hd95) : `${mmText(hd95)} mm`}`;
    this.sliceHd95Flag.textContent = above ? `above ${limit} mm` : '';
    this.sliceHd95Flag.classList.toggle('mi-cmp-flag-low', above);
  }

  /** Rebuilt only when the labels or their order change, so a focused row keeps its focus while the view redraws. */
  private updateLabels(labels: readonly PanelLabel[], selected: LabelChoice, counting: boolean): void {
    const key = JSON.stringify([labels, this.labelOrder, counting]);
    if (key !== this.labelsKey) {
      this.labelsKey = key;
      this.labelButtons.clear();
      if (counting && labels.length === 0) {
        this.labelList.replaceChildren(el('li', 'mi-legend-note mi-cmp-labels-counting', {}, ['Labels: counting… (they are counted as the files are read)']));
        return;
      }
      this.labelList.replaceChildren(...orderLabels(labels, this.labelOrder).map((l) => {
        const swatch = el('span', l.colour ? 'mi-swatch' : 'mi-swatch mi-cmp-swatch-any', { 'aria-hidden': 'true' });
        if (l.colour) swatch.style.backgroundColor = cssColour(l.colour); // CSSOM: CSP-safe
        // Named by its visible text ("liver 0.93", WCAG 2.5.3); the tooltip says what it does.
        const b = el('button', 'mi-cmp-label-row', { type: 'button', title: `Compare ${l.title} (volume Dice ${formatDice(l.dice)})` }, [
          swatch, el('span', 'mi-legend-name', {}, [l.title]), el('span', 'mi-legend-count', {}, [formatDice(l.dice)]),
        ]);
        b.addEventListener('click', () => this.actions.setLabel(l.choice));
        this.labelButtons.set(l.choice, b);
        return el('li', undefined, {}, [b]);
      }));
    }
    for (const [choice, b] of this.labelButtons) b.setAttribute('aria-pressed', String(choice === selected));
  }

  private volumeList(v: OverlapMetrics, flagged: number, threshold: number): HTMLElement {
    const ml = (x: number | null): string => (x === null ? 'n/a (no usable geometry)' : `${formatNumber(x, 4)} mL`);
    return definitionList([
      ['Dice', formatDice(v.dice)],
      ['IoU', formatDice(v.iou)],
      ['Mean slice Dice', formatDice(v.meanSliceDice)],
      [`Flagged (Dice < ${threshold.toFixed(2)})`, `${flagged} of ${v.slices.length} slices`],
      ['TP / FP / FN', `${formatCount(v.tp)} / ${formatCount(v.fp)} / ${formatCount(v.fn)}`],
      ['Reference', ml(v.refMl)],
      ['Prediction', ml(v.predMl)],
    ]);
  }
}
