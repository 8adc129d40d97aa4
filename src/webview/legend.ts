// The label legend: one row per label with its colour, value, name, voxel count and volume, and a
// checkbox to show or hide it; "All" / "None" buttons for masks with many labels. The row of the
// label under the pointer is highlighted, so a colour on screen can be matched to its name.
import type { LabelNamesInfo, Rgba } from '../protocol/viewer';
import { button, el, formatCount, formatNumber } from './dom';
import { LabelNamesLine } from './labelNamesLine';
import { cssColour } from './palette';

export interface LegendEntry {
  readonly value: number;
  readonly name?: string;
  readonly voxelCount: number;
  readonly colour: Rgba;
}

export interface LegendActions {
  setVisible(value: number, visible: boolean): void;
  setAllVisible(visible: boolean): void;
}

export function labelTitle(value: number, name: string | undefined): string {
  return name ? `${formatNumber(value)} ${name}` : `label ${formatNumber(value)}`;
}

export class Legend {
  readonly element: HTMLElement;
  private readonly list: HTMLElement;
  private readonly note: HTMLElement;
  private readonly names = new LabelNamesLine();
  private readonly boxes = new Map<number, HTMLInputElement>();
  private readonly rows = new Map<number, HTMLElement>();
  private highlighted: number | undefined;

  constructor(private readonly actions: LegendActions) {
    this.list = el('ul', 'mi-legend-list', { 'aria-label': 'Labels' });
    this.note = el('p', 'mi-legend-note');
    this.element = el('aside', 'mi-legend', { 'aria-label': 'Label legend' }, [
      el('div', 'mi-legend-head', {}, [
        el('h2', 'mi-legend-title', {}, ['Labels']),
        button('All', 'Show all labels', () => actions.setAllVisible(true), 'mi-button mi-small'),
        button('None', 'Hide all labels', () => actions.setAllVisible(false), 'mi-button mi-small'),
      ]),
      this.names.element,
      this.list,
      this.note,
    ]);
  }

  setLabels(entries: readonly LegendEntry[], voxelVolumeMm3: number, truncated: boolean): void {
    this.boxes.clear();
    this.rows.clear();
    this.list.replaceChildren(...entries.map((entry) => this.row(entry, voxelVolumeMm3)));
    this.note.textContent = entries.length === 0
      ? 'The mask is empty: every voxel is 0.'
      : truncated ? 'Only the first values are listed: this file holds more distinct values than a label mask would.' : '';
  }

  /** Where the names came from, and a warning when they do not fit this mask. */
  setLabelNames(info: LabelNamesInfo): void {
    this.names.show(info);
  }

  setHidden(hidden: ReadonlySet<number>): void {
    for (const [value, box] of this.boxes) {
      box.checked = !hidden.has(value);
      this.rows.get(value)?.classList.toggle('mi-hidden-label', hidden.has(value));
    }
  }

  highlight(value: number | undefined): void {
    if (value === this.highlighted) return;
    if (this.highlighted !== undefined) this.rows.get(this.highlighted)?.classList.remove('mi-highlight');
    if (value !== undefined) this.rows.get(value)?.classList.add('mi-highlight');
    this.highlighted = value;
  }

  private row(entry: LegendEntry, voxelVolumeMm3: number): HTMLElement {
    const title = labelTitle(entry.value, entry.name);
    const box = el('input', 'mi-check', { type: 'checkbox', 'aria-label': `Show ${title}` });
    box.checked = true;
    box.addEventListener('change', () => this.actions.setVisible(entry.value, box.checked));
    const swatch = el('span', 'mi-swatch', { 'aria-hidden': 'true' });
    swatch.style.backgroundColor = cssColour(entry.colour); // CSSOM: allowed by the webview's CSP
    const millilitres = (entry.voxelCount * voxelVolumeMm3) / 1000;
    const row = el('li', 'mi-legend-row', { 'data-value': entry.value }, [
      el('label', 'mi-legend-label', {}, [
        box,
        swatch,
        el('span', 'mi-legend-value', {}, [formatNumber(entry.value)]),
        el('span', 'mi-legend-name', {}, [entry.name ?? '']),
      ]),
      el('span', 'mi-legend-count', { title: `${formatCount(entry.voxelCount)} voxels, ${formatNumber(millilitres, 3)} mL` }, [
        formatCount(entry.voxelCount),
      ]),
    ]);
    this.boxes.set(entry.value, box);
    this.rows.set(entry.value, row);
    return row;
  }
}
