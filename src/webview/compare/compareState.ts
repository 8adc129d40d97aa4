// The comparison's view state, kept through vscode.setState so a hidden tab comes back where it was:
// the viewer's fields (plane, cursor, zoom and pan per plane, opacity, outline, window, crosshair)
// plus the mode, the chosen label, the overlap classes hidden in the overlay, the strip's mode, the
// order of the side panel's labels and the two files (VS
// Code hands this state to the host's panel serializer after a window reload). Restoring validates
// each field and falls back field by field (see ../state.ts).
import { comparedFilesOf, type ComparedFiles, type CompareMode, type LabelChoice } from '../../protocol/compare';
import { restoreViewState, type ViewState } from '../state';
import { OVERLAP_CLASSES, type OverlapClass } from './overlap';
import { LABEL_ORDERS, type LabelOrder } from './labelOrder';
import { STRIP_MODES, type StripMode } from './stripModes';

export interface CompareViewState extends ViewState {
  readonly mode: CompareMode;
  readonly label: LabelChoice;
  readonly hiddenClasses: readonly OverlapClass[];
  /** What the Dice strip shows: the foreground, the chosen label, or each slice's worst label. */
  readonly stripMode: StripMode;
  /** The side panel's labels: by value, or by volume Dice, worst first. */
  readonly labelOrder: LabelOrder;
  /** The files compared, as the host named them: what reopens this panel after a window reload. */
  readonly files: ComparedFiles | null;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function restoreCompareState(raw: unknown): CompareViewState {
  const base = restoreViewState(raw);
  const r = isRecord(raw) ? raw : {};
  const label = r['label'];
  const hidden = Array.isArray(r['hiddenClasses']) ? r['hiddenClasses'] : [];
  return {
    ...base,
    // The comparison always shows one plane at a time (two panes, or the overlay).
    layout: 'single',
    mode: r['mode'] === 'overlay' ? 'overlay' : 'sideBySide',
    label: typeof label === 'number' && Number.isFinite(label) ? label : null,
    hiddenClasses: OVERLAP_CLASSES.filter((c) => hidden.includes(c)),
    stripMode: STRIP_MODES.find((m) => m === r['stripMode']) ?? 'label',
    labelOrder: LABEL_ORDERS.find((o) => o === r['labelOrder']) ?? 'value',
    files: comparedFilesOf(raw) ?? null,
  };
}
