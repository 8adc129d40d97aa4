// The status line under the views: what is under the pointer (or at the crosshair when the pointer
// is elsewhere): voxel indices, world position in mm, label value and name, background intensity.
import type { Vec3 } from '../core/volume';
import { sliceStrides, voxelToScreen, type PlaneMapping } from '../core/geometry/display';
import { el, formatNumber } from './dom';
import type { DecodedSlice } from './sliceStore';

/** Mask and background values of a voxel in a slice of `m`'s plane (undefined while it has not arrived). */
export function sampleSlice(m: PlaneMapping, slice: DecodedSlice | undefined, voxel: Vec3): { label?: number; intensity?: number } {
  if (!slice) return {};
  const s = voxelToScreen(m, voxel);
  const strides = sliceStrides(m);
  const at = strides.origin + s.x * strides.stepX + s.y * strides.stepY;
  return { label: slice.mask[at], intensity: slice.background?.[at] };
}

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

  /** `anatomical`: false for PNG masks, whose made-up grid has no meaningful world position. */
  show(v: ReadoutValues | undefined, hasBackground: boolean, anatomical = true): void {
    this.intensity.element.hidden = !hasBackground;
    this.world.element.hidden = !anatomical;
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
