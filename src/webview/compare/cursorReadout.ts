// The status line under the comparison: the voxel under the pointer (or the crosshair), its world
// position, the label each mask holds there (named), and the background intensity when one is set.
import type { Vec3 } from '../../core/volume';
import { el, formatNumber } from '../dom';

export interface CursorValues {
  readonly voxel: Vec3;
  readonly world: Vec3;
  /** undefined while the slice has not arrived. */
  readonly reference: number | undefined;
  readonly prediction: number | undefined;
  readonly intensity: number | undefined;
  readonly where: 'pointer' | 'crosshair';
}

function field(name: string): { element: HTMLElement; value: HTMLElement } {
  const value = el('span', 'mi-readout-value');
  return { element: el('span', 'mi-readout-field', {}, [el('span', 'mi-readout-name', {}, [name]), value]), value };
}

export class CursorReadout {
  readonly element: HTMLElement;
  private readonly where = el('span', 'mi-readout-where');
  private readonly voxel = field('Voxel');
  private readonly world = field('World');
  private readonly reference = field('Reference');
  private readonly prediction = field('Prediction');
  private readonly intensity = field('Intensity');

  constructor(private readonly nameOf: (value: number) => string | undefined) {
    this.element = el('footer', 'mi-readout', { 'aria-label': 'Cursor readout' }, [
      this.where, this.voxel.element, this.world.element, this.reference.element, this.prediction.element, this.intensity.element,
    ]);
  }

  show(v: CursorValues | undefined, hasBackground: boolean): void {
    this.intensity.element.hidden = !hasBackground;
    if (!v) {
      for (const f of [this.voxel, this.world, this.reference, this.prediction, this.intensity]) f.value.textContent = '–';
      this.where.textContent = '';
      return;
    }
    this.where.textContent = v.where === 'pointer' ? 'Pointer' : 'Crosshair';
    this.voxel.value.textContent = `(${v.voxel.join(', ')})`;
    this.world.value.textContent = `(${v.world.map((c) => c.toFixed(1)).join(', ')}) mm`;
    this.reference.value.textContent = this.label(v.reference);
    this.prediction.value.textContent = this.label(v.prediction);
    this.intensity.value.textContent = v.intensity === undefined ? '…' : formatNumber(v.intensity);
  }

  private label(value: number | undefined): string {
    if (value === undefined) return '…';
    if (value === 0) return '0';
    const name = this.nameOf(value);
    return name ? `${formatNumber(value)} ${name}` : formatNumber(value);
  }
}
