// The pane area: for each plane a reference, a prediction and an overlay pane (the mask viewer's
// Pane), of which the mode shows two side by side or the overlay alone. Panes of hidden planes keep
// their bitmaps, so switching back is instant.
import type { CompareMode } from '../../protocol/compare';
import { PLANES, type Plane } from '../../protocol/viewer';
import { el } from '../dom';
import type { Pane } from '../pane';
import type { PaneRole } from './compareReporter';

const ROLES: readonly PaneRole[] = ['reference', 'prediction', 'overlay'];

export class CompareLayout {
  readonly element = el('div', 'mi-panes mi-cmp-panes');
  private readonly panes: Record<Plane, Record<PaneRole, Pane>>;

  constructor(makePane: (plane: Plane, role: PaneRole) => Pane) {
    const forPlane = (plane: Plane): Record<PaneRole, Pane> => {
      const [reference, prediction, overlay] = ROLES.map((role) => {
        const pane = makePane(plane, role);
        pane.element.dataset['role'] = role;
        pane.element.classList.add(`mi-cmp-pane-${role}`);
        return pane;
      }) as [Pane, Pane, Pane];
      return { reference, prediction, overlay };
    };
    this.panes = { axial: forPlane('axial'), coronal: forPlane('coronal'), sagittal: forPlane('sagittal') };
    for (const plane of PLANES) for (const role of ROLES) this.element.append(this.panes[plane][role].element);
  }

  setTitles(reference: string, prediction: string): void {
    for (const plane of PLANES) {
      this.panes[plane].reference.setTitle(`Reference · ${reference}`);
      this.panes[plane].prediction.setTitle(`Prediction · ${prediction}`);
    }
  }

  setOverlayTitle(title: string): void {
    for (const plane of PLANES) this.panes[plane].overlay.setTitle(title);
  }

  /** Shows the panes of `plane` that `mode` uses and returns them by role. */
  show(plane: Plane, mode: CompareMode): Map<PaneRole, Pane> {
    const roles: readonly PaneRole[] = mode === 'overlay' ? ['overlay'] : ['reference', 'prediction'];
    this.element.classList.toggle('mi-cmp-two', mode !== 'overlay');
    this.element.classList.toggle('mi-cmp-one', mode === 'overlay');
    const visible = new Map<PaneRole, Pane>();
    for (const p of PLANES) {
      for (const role of ROLES) {
        const shown = p === plane && roles.includes(role);
        this.panes[p][role].element.hidden = !shown;
        if (shown) visible.set(role, this.panes[p][role]);
      }
    }
    return visible;
  }
}
