// Window/level controls shared by the viewer's and the comparison's toolbars: a preset select (auto,
// the CT presets, and "Custom" once typed), and width/level fields. Hidden without a background.
import { el } from '../dom';
import { CT_PRESETS, type WindowPresetId, type WindowSetting } from '../windowLevel';

export interface WindowActions {
  setWindowPreset(preset: Exclude<WindowPresetId, 'custom'>): void;
  setWindow(width: number, level: number): void;
}

export class WindowControls {
  readonly element: HTMLElement;
  private readonly preset: HTMLSelectElement;
  private readonly width = el('input', 'mi-number', { type: 'number', step: 'any', min: 0, 'aria-label': 'Window width' });
  private readonly level = el('input', 'mi-number', { type: 'number', step: 'any', 'aria-label': 'Window level' });

  constructor(actions: WindowActions) {
    this.preset = el('select', 'mi-select', { 'aria-label': 'Window preset' }, [
      el('option', undefined, { value: 'auto' }, ['Auto (1–99 %)']),
      ...CT_PRESETS.map((p) => el('option', undefined, { value: p.id }, [p.name])),
      el('option', undefined, { value: 'custom', disabled: true }, ['Custom']),
    ]);
    this.preset.addEventListener('change', () => {
      const id = this.preset.value;
      if (id === 'auto' || id === 'soft' || id === 'lung' || id === 'bone') actions.setWindowPreset(id);
    });
    const commitWindow = (): void => {
      const w = Number(this.width.value);
      const l = Number(this.level.value);
      if (Number.isFinite(w) && w > 0 && Number.isFinite(l)) actions.setWindow(w, l);
    };
    this.width.addEventListener('change', commitWindow);
    this.level.addEventListener('change', commitWindow);
    this.element = el('div', 'mi-group', { role: 'group', 'aria-label': 'Window' }, [
      this.preset,
      el('label', 'mi-field', {}, ['W', this.width]),
      el('label', 'mi-field', {}, ['L', this.level]),
    ]);
  }

  /** Shows the window in effect (auto resolved to numbers); hides the controls when it is null. */
  update(window: WindowSetting | null): void {
    this.element.hidden = window === null;
    if (!window) return;
    this.preset.value = window.preset;
    // Never overwrite a field the person is typing in.
    if (document.activeElement !== this.width) this.width.value = String(round(window.width));
    if (document.activeElement !== this.level) this.level.value = String(round(window.level));
  }
}

function round(v: number): number {
  return Math.abs(v) >= 100 ? Math.round(v) : Number(v.toPrecision(4));
}
