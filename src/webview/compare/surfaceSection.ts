// The side panel's boundary metrics of the chosen label: HD, HD95 and ASSD in mm and NSD at τ
// ("∞" when exactly one mask has the label, "n/a" when neither has it), or where their computation
// stands (they follow the Dice metrics), or that they are off. Rebuilt only when what it shows changes.
import type { SliceSurfaceValues } from '../../core/surface/comparison';
import { mmText, nsdText } from '../../core/report/surfaceText';
import { assertNever } from '../../protocol/assertNever';
import type { SurfaceStatus } from '../../protocol/compare';
import { el } from '../dom';

export interface SurfaceModel {
  readonly status: SurfaceStatus;
  /** The chosen label's (or the foreground's) values, once computed. */
  readonly values: SliceSurfaceValues | undefined;
  /** τ of the chosen label's NSD. */
  readonly toleranceMm: number | undefined;
}

const mm = (v: number | null): string => (v === null || v === Infinity ? mmText(v) : `${mmText(v)} mm`);

export class SurfaceSection {
  readonly element: HTMLElement;
  private readonly title = el('h2', 'mi-cmp-heading');
  private readonly body = el('div', 'mi-cmp-surface');
  private key = '';

  constructor() {
    this.element = el('section', 'mi-cmp-section', { 'aria-label': 'Surface distances' }, [this.title, this.body]);
  }

  update(labelTitle: string, m: SurfaceModel): void {
    this.title.textContent = `Surface distances · ${labelTitle}`;
    const key = JSON.stringify([m.status, m.values, m.toleranceMm], (_k, v: unknown) => (v === Infinity ? 'inf' : v));
    if (key === this.key) return;
    this.key = key;
    this.body.replaceChildren(this.content(m));
  }

  private content(m: SurfaceModel): HTMLElement {
    if (m.values && m.status.kind === 'ready') {
      const v = m.values;
      const rows: [string, string][] = [
        ['HD', mm(v.hd)],
        ['HD95', mm(v.hd95)],
        ['ASSD', mm(v.assd)],
        [`NSD @ ${m.toleranceMm ?? m.status.toleranceMm} mm`, nsdText(v.nsd)],
      ];
      const list = el('dl', 'mi-info-list', {}, rows.flatMap(([k, value]) => [el('dt', undefined, {}, [k]), el('dd', undefined, {}, [value])]));
      const empty = v.hd === Infinity ? 'Only one mask has it: ∞.' : v.hd === null ? 'Neither mask has it: n/a.' : '';
      return el('div', undefined, {}, [list, el('p', 'mi-legend-note', {}, [empty])]);
    }
    switch (m.status.kind) {
      case 'computing': {
        const f = m.status.fraction;
        return el('p', 'mi-legend-note', { role: 'status' }, [`Computing… ${f === null ? '' : `${Math.round(f * 100)}%`}`.trim()]);
      }
      case 'failed': return el('p', 'mi-legend-note mi-cmp-flag-low', { role: 'alert' }, [m.status.message]);
      case 'off': return el('p', 'mi-legend-note', {}, ['Off (setting maskInspector.surfaceMetrics).']);
      case 'ready': return el('p', 'mi-legend-note', {}, ['…']);
      default: return assertNever(m.status);
    }
  }
}
