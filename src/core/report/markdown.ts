// A Markdown summary of a comparison for a pull request or a lab notebook: the files, a table of
// volume metrics per label, and the worst slices (the flagged ones, worst first, up to a count).
// With boundary metrics (a SurfaceComparisonResult) the table also has HD, HD95, ASSD and NSD, and
// slices whose 2-D HD95 is above a limit get a list of their own.
import type { ComparisonResult, OverlapMetrics, SliceMetrics } from '../metrics/types';
import type { SurfaceComparisonResult } from '../surface/comparison';
import { diceText, labelText, type LabelNames, problemMessage, problemRuleText } from './sliceText';
import { hasSurface, hd95Flags, hd95Message, mmText, nsdText, surfaceOf } from './surfaceText';

const AXIS = ['i', 'j', 'k'];

export interface MarkdownOptions {
  readonly names?: LabelNames;
  /** How many flagged slices to list. Default 20. */
  readonly worstCount?: number;
  /** Shown instead of the result's paths (e.g. workspace-relative paths). */
  readonly referenceName?: string;
  readonly predictionName?: string;
  /** List the slices whose 2-D HD95 is above this many mm (maskInspector.flagHd95AboveMm); null = off. */
  readonly hd95LimitMm?: number | null;
}

function row(name: string, m: OverlapMetrics, flaggedCount: number): string {
  const cells = [name, diceText(m.dice), diceText(m.iou), diceText(m.meanSliceDice), m.tp, m.fp, m.fn, m.refMl === null ? 'n/a' : m.refMl.toFixed(2), m.predMl === null ? 'n/a' : m.predMl.toFixed(2), flaggedCount];
  const surface = surfaceOf(m);
  if (surface) cells.push(mmText(surface.hd), mmText(surface.hd95), mmText(surface.assd), nsdText(surface.nsd));
  return `| ${cells.join(' | ')} |`;
}

const escapeCell = (s: string): string => s.replace(/\|/g, '\\|');

/**
 * A label name as Markdown text: a name is whatever a label file says, and `<b>liver</b>` or an
 * <img> tag would otherwise be HTML to every Markdown renderer. Its characters are shown instead.
 */
const escapeHtml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function formatMarkdown(r: ComparisonResult | SurfaceComparisonResult, opts: MarkdownOptions = {}): string {
  const names: LabelNames = new Map([...(opts.names ?? [])].map(([value, name]) => [value, escapeHtml(name)]));
  const worstCount = opts.worstCount ?? 20;
  const flaggedOf = (label: number | null): number => r.flagged.filter((f) => f.label === label).length;
  const surface = hasSurface(r) ? r.surface : undefined;
  const lines = [
    '# Mask comparison',
    '',
    `- Reference: \`${opts.referenceName ?? r.reference.path}\` (${r.reference.shape.join('×')} ${r.reference.dataType}, ${r.reference.orientation})`,
    `- Prediction: \`${opts.predictionName ?? r.prediction.path}\` (${r.prediction.shape.join('×')} ${r.prediction.dataType}, ${r.prediction.orientation})`,
    `- Geometry: ${r.geometry.alignment}. ${r.geometry.note}`,
    `- Slices: ${r.plane} (array axis ${AXIS[r.axis]}, ${r.foreground.slices.length} slices); flagged when ${problemRuleText(r.threshold, r.minErrorMm2)}, ordered by severity = error mm² × (1 − Dice)`,
    '',
    `| label | Dice | IoU | mean slice Dice | TP | FP | FN | ref mL | pred mL | flagged slices |${surface ? ` HD mm | HD95 mm | ASSD mm | NSD@${surface.conventions.toleranceMm}mm |` : ''}`,
    `|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|${surface ? '---:|---:|---:|---:|' : ''}`,
    row('foreground', r.foreground, flaggedOf(null)),
    ...r.labels.map((l) => row(escapeCell(labelText(l.label, names)), l, flaggedOf(l.label))),
    '',
    `Mean Dice over labels: ${diceText(r.meanDice)}.`,
  ];
  if (surface) {
    lines.push(
      `Surface distances in mm between border voxels: HD, HD95 (max of the directed ${surface.conventions.percentile}th percentiles), ` +
        `ASSD (both directions pooled), MONAI's conventions; NSD = surface Dice at ${surface.conventions.toleranceMm} mm (DeepMind surface-distance). ` +
        '∞ = one mask empty; n/a = both empty.',
    );
  }
  if (r.softDice !== undefined) lines.push(`Soft Dice: ${diceText(r.softDice ?? null)}; soft Dice with squared denominator: ${diceText(r.softDiceSquared ?? null)}.`);
  lines.push('');
  if (r.flagged.length === 0) {
    lines.push(`No slice is flagged (${problemRuleText(r.threshold, r.minErrorMm2)}).`);
  } else {
    const shown = r.flagged.slice(0, worstCount);
    lines.push(`## Worst slices (${shown.length} of ${r.flagged.length} with ${problemRuleText(r.threshold, r.minErrorMm2)}, most severe first)`, '');
    for (const f of shown) lines.push(`- ${problemMessage(r.plane, f.label, sliceOf(r, f.label, f.index), f.errorMm2, names, r.threshold)}`);
  }
  const limit = opts.hd95LimitMm ?? null;
  if (limit !== null && surface?.perSlice) {
    const far = hd95Flags(r, limit);
    lines.push('', `## Slices with a 2-D HD95 above ${limit} mm (${Math.min(far.length, worstCount)} of ${far.length}, largest first)`, '');
    if (far.length === 0) lines.push(`No slice has a 2-D HD95 above ${limit} mm.`);
    for (const f of far.slice(0, worstCount)) lines.push(`- ${hd95Message(r.plane, f, names, limit)}`);
  }
  lines.push('', `Conventions: ${r.conventions.emptyMasks} ${r.conventions.means}`);
  return lines.join('\n') + '\n';
}

/** The per-slice counts of `label` (null = foreground) at `index`. */
export function sliceOf(r: ComparisonResult, label: number | null, index: number): SliceMetrics {
  const metrics = label === null ? r.foreground : r.labels.find((l) => l.label === label);
  const slice = metrics?.slices[index];
  if (!slice || slice.index !== index) throw new Error(`no slice ${index} for ${label === null ? 'the foreground' : `label ${label}`}`);
  return slice;
}
