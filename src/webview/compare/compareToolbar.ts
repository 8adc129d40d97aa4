// The comparison's toolbar: plane, side-by-side / overlay, the label picker, label opacity and
// outline, background and window/level, crosshair and reset, and the host's low-Dice navigation.
// Native controls only (keyboard reachable as they are), each with an accessible name; the toolbar
// reports intentions and reflects the model it is given.
import type { CompareCommand, CompareMode, LabelChoice } from '../../protocol/compare';
import { PLANES, type Plane } from '../../protocol/viewer';
import { button, el, group } from '../dom';
import { WindowControls, type WindowActions } from '../controls/windowControls';
import type { WindowSetting } from '../windowLevel';

export interface LabelOption {
  readonly choice: LabelChoice;
  readonly text: string;
}

export interface CompareToolbarActions extends WindowActions {
  showPlane(plane: Plane): void;
  setMode(mode: CompareMode): void;
  setLabel(choice: LabelChoice): void;
  setOpacity(opacity: number): void;
  setOutline(outline: boolean): void;
  toggleCrosshair(): void;
  resetView(): void;
  command(command: CompareCommand): void;
  /** Worst / previous / next stay on the chosen label (true) or walk every label's problems. */
  setNavigationScope(selectedLabelOnly: boolean): void;
}

export interface CompareToolbarModel {
  readonly plane: Plane;
  /** The planes worth showing (a 2-D pair has one). */
  readonly planes: readonly Plane[];
  readonly mode: CompareMode;
  readonly label: LabelChoice;
  readonly labels: readonly LabelOption[];
  readonly opacity: number;
  readonly outline: boolean;
  readonly hasBackground: boolean;
  readonly window: WindowSetting | null;
  readonly crosshair: boolean;
  readonly hasMetrics: boolean;
  readonly navigateSelectedLabelOnly: boolean;
}

const PLANE_NAMES: Record<Plane, string> = { axial: 'Axial', coronal: 'Coronal', sagittal: 'Sagittal' };
const FOREGROUND = 'foreground';

export class CompareToolbar {
  readonly element: HTMLElement;
  private readonly planeButtons: Record<Plane, HTMLButtonElement>;
  private readonly modeButtons: Record<CompareMode, HTMLButtonElement>;
  private readonly labelSelect = el('select', 'mi-select mi-cmp-label', { 'aria-label': 'Label to compare' });
  private readonly opacity = el('input', 'mi-range', { type: 'range', min: 0, max: 100, step: 1, 'aria-label': 'Overlay opacity' });
  private readonly outline: HTMLButtonElement;
  private readonly clearBackground: HTMLButtonElement;
  private readonly windowControls: WindowControls;
  private readonly crosshair: HTMLButtonElement;
  private readonly navigation: HTMLButtonElement[];
  private readonly labelOnly: HTMLButtonElement;
  private labelKey = '';

  constructor(actions: CompareToolbarActions) {
    this.planeButtons = Object.fromEntries(PLANES.map((p) => [p, button(PLANE_NAMES[p], `Show the ${p} plane`, () => actions.showPlane(p))])) as Record<Plane, HTMLButtonElement>;
    this.modeButtons = {
      sideBySide: button('Side by side', 'Reference and prediction side by side (O toggles)', () => actions.setMode('sideBySide')),
      overlay: button('Overlay', 'TP, FP and FN of the chosen label in one pane (O toggles)', () => actions.setMode('overlay')),
    };
    this.labelSelect.addEventListener('change', () => {
      actions.setLabel(this.labelSelect.value === FOREGROUND ? null : Number(this.labelSelect.value));
    });
    this.opacity.addEventListener('input', () => actions.setOpacity(Number(this.opacity.value) / 100));
    this.outline = button('Outline', 'Draw regions as outlines instead of filled', () =>
      actions.setOutline(this.outline.getAttribute('aria-pressed') !== 'true'));
    const pick = button('Background…', 'Set a background image (CT or MR on the reference grid)', () => actions.command('setBackground'));
    this.clearBackground = button('Clear', 'Remove the background image', () => actions.command('clearBackground'));
    this.windowControls = new WindowControls(actions);
    this.crosshair = button('Crosshair', 'Show the crosshair in both panes', () => actions.toggleCrosshair());
    this.navigation = [
      button('Worst', 'Go to the most severe flagged slice of any label (Ctrl+F8)', () => actions.command('goToWorstSlice')),
      button('‹ Low', 'Previous flagged slice, in the Problems panel\'s order (Shift+F8)', () => actions.command('previousLowDiceSlice')),
      button('Low ›', 'Next flagged slice, in the Problems panel\'s order (F8)', () => actions.command('nextLowDiceSlice')),
    ];
    this.labelOnly = button('This label only', 'Worst, ‹ Low and Low › stay on the chosen label instead of walking every label', () =>
      actions.setNavigationScope(this.labelOnly.getAttribute('aria-pressed') !== 'true'));
    // A named region, so the controls are a landmark a screen reader can jump to.
    this.element = el('div', 'mi-toolbar', { role: 'region', 'aria-label': 'Comparison controls' }, [
      group('Plane', Object.values(this.planeButtons)),
      group('Mode', Object.values(this.modeButtons)),
      group('Label', [el('label', 'mi-field', {}, ['Label', this.labelSelect])]),
      group('Flagged slices', [...this.navigation, this.labelOnly]),
      // Comparison controls on the first line, display controls on the second, at any width.
      el('div', 'mi-cmp-break', { 'aria-hidden': 'true' }),
      group('Appearance', [el('label', 'mi-field', {}, ['Opacity', this.opacity]), this.outline]),
      group('Background', [pick, this.clearBackground]),
      this.windowControls.element,
      group('View', [this.crosshair, button('Reset view', 'Reset zoom and pan (R)', () => actions.resetView())]),
    ]);
  }

  update(m: CompareToolbarModel): void {
    for (const p of PLANES) {
      this.planeButtons[p].setAttribute('aria-pressed', String(m.plane === p));
      this.planeButtons[p].disabled = !m.planes.includes(p);
    }
    this.modeButtons.sideBySide.setAttribute('aria-pressed', String(m.mode === 'sideBySide'));
    this.modeButtons.overlay.setAttribute('aria-pressed', String(m.mode === 'overlay'));
    this.updateLabels(m.labels, m.label);
    for (const b of this.navigation) b.disabled = !m.hasMetrics;
    this.labelOnly.setAttribute('aria-pressed', String(m.navigateSelectedLabelOnly));
    if (document.activeElement !== this.opacity) this.opacity.value = String(Math.round(m.opacity * 100));
    this.opacity.setAttribute('aria-valuetext', `${Math.round(m.opacity * 100)} percent`);
    // Over black colours are drawn in full; the opacity is for seeing a background through them.
    this.opacity.disabled = !m.hasBackground;
    this.opacity.title = m.hasBackground ? 'Opacity of the colours over the background image' : 'Opacity applies over a background image';
    this.outline.setAttribute('aria-pressed', String(m.outline));
    this.crosshair.setAttribute('aria-pressed', String(m.crosshair));
    this.clearBackground.hidden = !m.hasBackground;
    this.windowControls.update(m.window);
  }

  /** Rebuilds the options only when they change, so an open dropdown is not reset on every redraw. */
  private updateLabels(labels: readonly LabelOption[], choice: LabelChoice): void {
    const key = JSON.stringify(labels);
    if (key !== this.labelKey) {
      this.labelKey = key;
      this.labelSelect.replaceChildren(...labels.map((o) =>
        el('option', undefined, { value: o.choice === null ? FOREGROUND : String(o.choice) }, [o.text])));
    }
    this.labelSelect.disabled = labels.length === 0;
    this.labelSelect.value = choice === null ? FOREGROUND : String(choice);
  }
}
