// One line saying where the label names came from ("Names: labels.json", "Names: preset: …",
// "Names: none") and, below it, the warning when they do not fit the labels present. Shared by the
// viewer's legend and the comparison's side panel. The warning is a status line, read once by
// screen readers, never a dialog.
import { labelNamesSourceText } from '../core/labels/namesSource';
import type { LabelNamesInfo } from '../protocol/viewer';
import { el } from './dom';

export class LabelNamesLine {
  readonly element: HTMLElement;
  private readonly source = el('span', 'mi-names-value');
  private readonly warning = el('p', 'mi-names-warning', { role: 'status' });

  constructor() {
    this.warning.hidden = true;
    this.element = el('div', 'mi-names', {}, [el('p', 'mi-names-source', {}, ['Names: ', this.source]), this.warning]);
  }

  show(info: LabelNamesInfo): void {
    const text = labelNamesSourceText(info);
    this.source.textContent = text;
    this.source.title = info.origin.kind === 'preset' ? 'A label-map preset chosen with "Mask Inspector: Use Label Names From…"' : `Label names from ${text}`;
    this.warning.textContent = info.warning ? `⚠ ${info.warning}` : '';
    this.warning.hidden = info.warning === null;
  }
}
