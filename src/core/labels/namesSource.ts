// Where a mask's label names came from, and whether they fit the mask. A label file left in a
// folder can name another dataset's labels (label 1 "liver" where the model's 1 is the spleen) or
// only a few of them; the viewer and the comparison say which file (or preset, or setting) named
// the labels and, in one sentence, when the names do not cover the labels present or name labels
// neither mask has. Pure: the extension and the CLI decide where to show it.
import type { LabelTable } from './parse';

/** What named the labels. `chosen`: picked with "Use Label Names From…" rather than found. */
export type LabelNamesOrigin =
  | { readonly kind: 'file'; readonly path: string; readonly chosen: boolean }
  | { readonly kind: 'preset'; readonly id: string; readonly name: string }
  | { readonly kind: 'none'; readonly chosen: boolean };

export interface LabelNamesInfo {
  readonly origin: LabelNamesOrigin;
  /** The maskInspector.labelNames setting named at least one label present (over the origin's names). */
  readonly fromSetting: boolean;
  /** One sentence when the names do not fit the labels present; null when they do (or nothing named them). */
  readonly warning: string | null;
}

/** "labels.json", "preset: BTCV abdomen (13 organs)", "none", with " + maskInspector.labelNames" when the setting adds names. */
export function labelNamesSourceText(info: LabelNamesInfo): string {
  const base = originText(info.origin);
  if (!info.fromSetting) return base;
  return info.origin.kind === 'none' ? 'setting (maskInspector.labelNames)' : `${base} + setting (maskInspector.labelNames)`;
}

function originText(origin: LabelNamesOrigin): string {
  switch (origin.kind) {
    case 'file': return origin.chosen ? `${origin.path} (chosen)` : origin.path;
    case 'preset': return `preset: ${origin.name}`;
    case 'none': return origin.chosen ? 'none (chosen)' : 'none';
  }
}

const LISTED = 6;

function listValues(values: readonly number[]): string {
  const shown = values.slice(0, LISTED).join(', ');
  return values.length > LISTED ? `${shown} and ${values.length - LISTED} more` : shown;
}

/**
 * The warning for names from `origin` (`named`: its table; `merged`: with the setting's on top) over
 * `present` (the values of the mask, or of both masks: `masks`). Names from the setting count as names; value 0
 * is the background and never counts. A preset names a whole label set, so labels it names that the
 * masks lack are expected and not reported; a file's are (it may describe another dataset).
 */
export function labelNamesWarning(
  origin: LabelNamesOrigin,
  named: LabelTable,
  merged: LabelTable,
  present: readonly number[],
  masks: 1 | 2,
): string | null {
  if (origin.kind === 'none') return null;
  const what = origin.kind === 'file' ? origin.path : `The preset ${origin.name}`;
  const labels = [...new Set(present)].filter((v) => v !== 0).sort((a, b) => a - b);
  const presentSet = new Set(labels);
  const unnamed = labels.filter((v) => !merged.has(v));
  const absent = origin.kind === 'file' ? [...named.keys()].filter((v) => v !== 0 && !presentSet.has(v)).sort((a, b) => a - b) : [];
  const parts: string[] = [];
  if (unnamed.length > 0) {
    parts.push(`names ${labels.length - unnamed.length} of the ${labels.length} labels present (no name for ${listValues(unnamed)})`);
  }
  if (absent.length > 0) {
    const count = absent.length === 1 ? 'a label' : `${absent.length} labels`;
    parts.push(`names ${count} ${masks === 2 ? 'neither mask has' : 'the mask does not have'} (${listValues(absent)})`);
  }
  return parts.length === 0 ? null : `${what} ${parts.join(' and ')}: check that it describes ${masks === 2 ? 'these masks' : 'this mask'}.`;
}
