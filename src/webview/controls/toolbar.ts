// The toolbar: layout and plane, overlay opacity and fill/outline, background and window/level,
// crosshair and view reset. Every control is a native element (keyboard reachable for free) with an
// accessible name; the toolbar only reports intentions and reflects the model it is given.
import type { Plane } from '../../protocol/viewer';
import { button, el, group } from '../dom';
import type { Layout } from '../state';
import type { WindowSetting } from '../windowLevel';
import { WindowControls, type WindowActions } from './windowControls';

export interface ToolbarActions extends WindowActions {
  showPlane(plane: Plane): void;
  setLayout(layout: Exclude<Layout, 'single'>): void;
  setOpacity(opacity: number): void;
  setOutline(outline: boolean): void;
  pickBackground(): void;
  clearBackground(): void;
  toggleCrosshair(): void;
  resetView(): void;
}

export interface ToolbarModel {
  readonly layout: Layout;
  readonly plane: Plane;
  readonly opacity: number;
  readonly outline: boolean;
  readonly hasBackground: boolean;
  /** The window in effect (auto resolved to numbers); null without a background. */
  readonly window: WindowSetting | null;
  readonly crosshair: boolean;
}

export class Toolbar {
  readonly element: HTMLElement;
  private readonly planeButtons: Record<Plane, HTMLButtonElement>;
  private readonly layoutButtons: Record<'row' | 'grid', HTMLButtonElement>;
  private readonly opacity: HTMLInputElement;
  private readonly outline: HTMLButtonElement;
  private readonly clearBackground: HTMLButtonElement;
  private readonly windowControls: WindowControls;
  private readonly crosshair: HTMLButtonElement;

  constructor(actions: ToolbarActions) {
    this.planeButtons = {
      axial: button('Axial', 'Show the axial plane', () => actions.showPlane('axial')),
      coronal: button('Coronal', 'Show the coronal plane', () => actions.showPlane('coronal')),
      sagittal: button('Sagittal', 'Show the sagittal plane', () => actions.showPlane('sagittal')),
    };
    this.layoutButtons = {
      row: button('1×3', 'Show all three planes in a row', () => actions.setLayout('row')),
      grid: button('2×2', 'Show all three planes in a 2 by 2 grid', () => actions.setLayout('grid')),
    };
    this.opacity = el('input', 'mi-range', { type: 'range', min: 0, max: 100, step: 1, 'aria-label': 'Label opacity' });
    this.opacity.addEventListener('input', () => actions.setOpacity(Number(this.opacity.value) / 100));
    this.outline = button('Outline', 'Draw labels as outlines instead of filled', () =>
      actions.setOutline(this.outline.getAttribute('aria-pressed') !== 'true'));

    const pick = button('Background…', 'Set a background image (CT or MR on the same grid)', () => actions.pickBackground());
    this.clearBackground = button('Clear', 'Remove the background image', () => actions.clearBackground());
    this.windowControls = new WindowControls(actions);

    this.crosshair = button('Crosshair', 'Show the crosshair', () => actions.toggleCrosshair());
    // A named region, so the controls are a landmark a screen reader can jump to.
    this.element = el('div', 'mi-toolbar', { role: 'region', 'aria-label': 'Viewer controls' }, [
      group('Plane and layout', [...Object.values(this.planeButtons), ...Object.values(this.layoutButtons)]),
      group('Labels', [el('label', 'mi-field', {}, ['Opacity', this.opacity]), this.outline]),
      group('Background', [pick, this.clearBackground]),
      this.windowControls.element,
      group('View', [this.crosshair, button('Reset', 'Reset zoom and pan of every plane (R)', () => actions.resetView())]),
    ]);
  }

  update(model: ToolbarModel): void {
    for (const [plane, b] of Object.entries(this.planeButtons)) {
      b.setAttribute('aria-pressed', String(model.layout === 'single' && model.plane === plane));
    }
    for (const [layout, b] of Object.entries(this.layoutButtons)) b.setAttribute('aria-pressed', String(model.layout === layout));
    this.opacity.value = String(Math.round(model.opacity * 100));
    this.opacity.setAttribute('aria-valuetext', `${Math.round(model.opacity * 100)} percent`);
    // Over black colours are drawn in full; the opacity is for seeing a background through them.
    this.opacity.disabled = !model.hasBackground;
    this.opacity.title = model.hasBackground ? 'Opacity of the labels over the background image' : 'Opacity applies over a background image';
    this.outline.setAttribute('aria-pressed', String(model.outline));
    this.crosshair.setAttribute('aria-pressed', String(model.crosshair));
    this.clearBackground.hidden = !model.hasBackground;
    this.windowControls.update(model.window);
  }
}
