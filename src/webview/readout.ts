// The status line under the views: what is under the pointer (or at the crosshair when the pointer
// is elsewhere): voxel indices, world position in mm, label value and name, background intensity.
import type { Vec3 } from '../core/volume';
import { el, formatNumber } from './dom';

export interface ReadoutValues {
  readonly voxel: Vec3;
  readonly world: Vec3;
  /** undefined while the slice holding the voxel has not arrived. */
  readonly label: number | undefined;
  readonly labelName: string | undefined;
  readonly intensity: number | undefined;
  readonly where: 'pointer' | 'crosshair';
}

function field(name: string): { element: HTMLElement; value: HTMLElement } {
  const value = el('span', 'mi-readout-value');
  return { element: el('span', 'mi-readout-field', {}, [el('span', 'mi-readout-name', {}, [name]), value]), value };
}

export class Readout {
  readonly element: HTMLElement;
  private readonly where = el('span', 'mi-readout-where');
  private readonly voxel = field('Voxel');
  private readonly world = field('World');
  private readonly label = field('Label');
  private readonly intensity = field('Intensity');

  constructor() {
    this.element = el('footer', 'mi-readout', { 'aria-label': 'Readout' }, [
      this.where, this.voxel.element, this.world.element, this.label.element, this.intensity.element,
    ]);
  }

  show(v: ReadoutValues | undefined, hasBackground: boolean): void {
    this.intensity.element.hidden = !hasBackground;
    if (!v) {
      for (const f of [this.voxel, this.world, this.label, this.intensity]) f.value.textContent = '–';
      this.where.textContent = '';
      return;
    }
    this.where.textContent = v.where === 'pointer' ? 'Pointer' : 'Crosshair';
    this.voxel.value.textContent = `(${v.voxel.join(', ')})`;
    this.world.value.textContent = `(${v.world.map((c) => c.toFixed(1)).join(', ')}) mm`;
    this.label.value.textContent = v.label === undefined ? '…'
      : v.label === 0 ? '0 (background)'
      : v.labelName ? `${formatNumber(v.label)} ${v.labelName}` : formatNumber(v.label);
    this.intensity.value.textContent = v.intensity === undefined ? '…' : formatNumber(v.intensity);
  }
}
