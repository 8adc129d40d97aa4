// The order of the side panel's labels list: by label value (as the masks number them), or by
// volume Dice, worst first, to find the labels that went wrong among many (41 for TotalSegmentator).
// The foreground row stays on top either way; labels without a Dice (both masks empty) go last.
import type { LabelChoice } from '../../protocol/compare';

export type LabelOrder = 'value' | 'dice';
export const LABEL_ORDERS: readonly LabelOrder[] = ['value', 'dice'];

interface Ordered {
  readonly choice: LabelChoice;
  readonly dice: number | null;
}

export function orderLabels<T extends Ordered>(labels: readonly T[], order: LabelOrder): T[] {
  const foreground = labels.filter((l) => l.choice === null);
  const rest = labels.filter((l) => l.choice !== null);
  const value = (l: T): number => l.choice ?? 0;
  rest.sort(order === 'value'
    ? (a, b) => value(a) - value(b)
    : (a, b) => (a.dice ?? Infinity) - (b.dice ?? Infinity) || value(a) - value(b));
  return [...foreground, ...rest];
}
