// The comparison's page: toolbar, the pane area above the Dice strip, the metrics panel beside them,
// the cursor readout below, inside the loading / error / view screens. It builds the widgets and
// refreshes them from the comparison's state; what the widgets ask for goes to `actions`.
import { assertNever } from '../../protocol/assertNever';
import { el } from '../dom';
import type { Pane } from '../pane';
import { Screens } from '../screens';
import type { Plane } from '../../protocol/viewer';
import { cursorValues, panelModel, stripModel, toolbarModel, type ComparisonView, type ShownSlice } from './chromeModels';
import { CompareLayout } from './compareLayout';
import type { PaneRole } from './compareReporter';
import { CompareToolbar, type CompareToolbarActions } from './compareToolbar';
import { CursorReadout } from './cursorReadout';
import { DiceStrip, type StripActions } from './diceStrip';
import { MetricsPanel, type PanelActions } from './metricsPanel';

export type FrameActions = CompareToolbarActions & PanelActions & StripActions & {
  /** The error view's Reopen: the host starts a new worker and compares the files again. */
  reopen(): void;
};

export class CompareFrame {
  readonly toolbar: CompareToolbar;
  readonly strip: DiceStrip;
  readonly panel: MetricsPanel;
  readonly readout: CursorReadout;
  readonly layout: CompareLayout;
  readonly screens: Screens;
  /** Where the strip lives under the panes (it visits the loading view while the files are read). */
  private readonly centre: HTMLElement;
  private readonly whenReadText = el('p', 'mi-message-text mi-strip-when-read');

  constructor(root: HTMLElement, actions: FrameActions, makePane: (plane: Plane, role: PaneRole) => Pane, nameOf: (value: number) => string | undefined) {
    this.toolbar = new CompareToolbar(actions);
    this.strip = new DiceStrip(actions);
    this.panel = new MetricsPanel(actions);
    this.readout = new CursorReadout(nameOf);
    this.layout = new CompareLayout(makePane);
    this.centre = el('main', 'mi-cmp-centre', { 'aria-label': 'Comparison' }, [this.layout.element, this.strip.element]);
    const app = el('div', 'mi-app mi-cmp-app', {}, [
      this.toolbar.element,
      // Landmarks: the panes and strip are the main content, the metrics panel is complementary.
      el('div', 'mi-main', {}, [this.centre, this.panel.element]),
      this.readout.element,
    ]);
    this.screens = new Screens(root, app, 'The masks cannot be compared', 'Mask comparison', { onClick: () => actions.reopen(), description: 'Read both files again and compare them' });
  }

  /**
   * While the files are read and the panes cannot show yet: the strip filling in under the loading
   * progress ('strip'), or the sentence saying when it will show ('whenRead'); 'none' puts the strip
   * back under the panes.
   */
  showWhileReading(what: { readonly kind: 'strip' } | { readonly kind: 'whenRead'; readonly sentence: string } | { readonly kind: 'none' }): void {
    switch (what.kind) {
      case 'strip':
        return this.screens.showLoadingDetail(this.strip.element);
      case 'whenRead':
        this.whenReadText.textContent = what.sentence;
        this.screens.showLoadingDetail(this.whenReadText);
        this.centre.append(this.strip.element);
        return;
      case 'none':
        this.screens.showLoadingDetail(undefined);
        this.centre.append(this.strip.element);
        return;
      default:
        assertNever(what);
    }
  }

  /** Brings the toolbar, strip, panel and readout up to date with the comparison. */
  refresh(c: ComparisonView, shown: ShownSlice | undefined, hovered: { plane: Plane; voxel: readonly [number, number, number] } | undefined): void {
    this.toolbar.update(toolbarModel(c));
    this.strip.update(stripModel(c));
    this.panel.update(panelModel(c, shown));
    this.showCursor(c, hovered);
  }

  showCursor(c: ComparisonView, hovered: { plane: Plane; voxel: readonly [number, number, number] } | undefined): void {
    this.readout.show(cursorValues(c, hovered), c.background !== null);
  }
}
