// Text renderings of a ComparisonResult: the readable table (default) and CSV. JSON is the result
// object itself.
import type { ComparisonResult, LabelMetrics, OverlapMetrics, VolumeDescription } from '../core/metrics/types';
import type { LabelNamesSource } from './labelNames';
import { surfaceCells, surfaceCsvCells, surfaceCsvHeader, surfaceHeader, surfaceNote, surfaceToleranceColumn } from './surface';

/** A result, possibly with the label names compare found (labelNames.ts). */
type TableInput = Omit<ComparisonResult, 'labels'> & {
  readonly labels: readonly (LabelMetrics & { readonly name?: string | null })[];
  readonly labelNames?: LabelNamesSource;
};

/** "3 right kidney", "3 #e6194b" for an unnamed PNG colour label, or "3". */
const labelText = (l: { readonly label: number; readonly name?: string | null; readonly colour?: string }): string =>
  l.name ? `${l.label} ${l.name}` : l.colour ? `${l.label} ${l.colour}` : String(l.label);

const fixed = (v: number | null, digits = 4): string => (v === null ? 'n/a' : v.toFixed(digits));
const AXIS = ['i', 'j', 'k'];

function fileLine(role: string, d: VolumeDescription): string {
  const spacing = d.spacing === null ? 'no usable geometry' : `${d.spacing.map((s) => +s.toFixed(3)).join('×')} mm`;
  const kind = d.kind === 'probability' ? ', probability map' : '';
  const volume = d.volume ? `, volume index ${d.volume.index} of ${d.volume.of}` : '';
  return `${role} ${d.path}  (${d.shape.join('×')} ${d.dataType}, ${d.orientation}, ${spacing}${kind}${volume})`;
}

function pad(cells: readonly string[], widths: readonly number[]): string {
  return cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
}

function metricRow(name: string, m: OverlapMetrics, toleranceColumn: boolean): string[] {
  return [name, fixed(m.dice), fixed(m.iou), fixed(m.meanSliceDice), String(m.tp), String(m.fp), String(m.fn), fixed(m.refMl, 2), fixed(m.predMl, 2), ...surfaceCells(m, toleranceColumn)];
}

function table(rows: readonly (readonly string[])[]): string[] {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows.map((r) => pad(r, widths));
}

export function formatTable(r: TableInput, worstCount = 10): string {
  const lines: string[] = [
    fileLine('Reference: ', r.reference),
    fileLine('Prediction:', r.prediction),
    `Geometry:   ${r.geometry.alignment}. ${r.geometry.note}`,
    `Plane:      ${r.plane} (slices along array axis ${AXIS[r.axis]}, ${r.foreground.slices.length} slice${r.foreground.slices.length === 1 ? '' : 's'})`,
    '',
  ];
  const header = ['label', 'Dice', 'IoU', 'mean slice Dice', 'TP', 'FP', 'FN', 'ref mL', 'pred mL', ...surfaceHeader(r)];
  const tau = surfaceToleranceColumn(r);
  lines.push(...table([header, ...r.labels.map((l) => metricRow(labelText(l), l, tau)), metricRow('foreground', r.foreground, tau)]));
  lines.push('');
  lines.push(`Mean Dice over labels: ${fixed(r.meanDice)} (${r.labels.filter((l) => l.dice !== null).length} labels with a defined Dice)`);
  lines.push(...surfaceNote(r), ...labelNamesNote(r.labelNames));
  if (r.softDice !== undefined) lines.push(`Soft Dice: ${fixed(r.softDice ?? null)}   soft Dice, squared denominator: ${fixed(r.softDiceSquared ?? null)}`);
  if (r.smooth !== 0) lines.push(`Smoothing s = ${r.smooth}: Dice = (2TP+s)/(2TP+FP+FN+s).`);
  lines.push('');
  const rule = `Dice < ${r.threshold}, error ≥ ${r.minErrorMm2} mm²`;
  if (r.flagged.length > 0) {
    const shown = r.flagged.slice(0, worstCount);
    const byLabel = new Map(r.labels.map((l) => [l.label, l] as const));
    lines.push(`Worst ${shown.length} of ${r.flagged.length} flagged slices (${rule}), most severe first (severity = error mm² × (1 − Dice)):`);
    lines.push(...table([['label', 'slice', 'Dice', 'error mm²', 'severity', 'TP', 'FP', 'FN'], ...shown.map((f) => {
      const label = f.label === null ? undefined : byLabel.get(f.label);
      const s = (f.label === null ? r.foreground : label)?.slices[f.index];
      const name = f.label === null ? 'foreground' : label ? labelText(label) : String(f.label);
      return [name, String(f.index), fixed(f.dice), f.errorMm2.toFixed(1), f.severity.toFixed(1), String(s?.tp ?? ''), String(s?.fp ?? ''), String(s?.fn ?? '')];
    })]));
    return lines.join('\n') + '\n';
  }
  const worst = worstSlices(r, worstCount);
  if (worst.length === 0) {
    lines.push('No slice has a defined Dice (both masks are empty).');
  } else {
    lines.push(`No slice is flagged (${rule}). Lowest ${worst.length} slice Dice values:`);
    lines.push(...table([['label', 'slice', 'Dice', 'TP', 'FP', 'FN'], ...worst.map((w) => [w.label, String(w.index), fixed(w.dice), String(w.tp), String(w.fp), String(w.fn)])]));
  }
  return lines.join('\n') + '\n';
}

interface WorstSlice {
  label: string;
  labelOrder: number;
  index: number;
  dice: number;
  tp: number;
  fp: number;
  fn: number;
}

function labelNamesNote(source: LabelNamesSource | undefined): string[] {
  if (source?.problem) return [`Label names: none (${source.problem})`];
  return source?.file ? [`Label names: ${source.file}`] : [];
}

/** The lowest per-slice Dice values over labels and the foreground (shown when nothing is flagged). */
function worstSlices(r: TableInput, count: number): WorstSlice[] {
  const all: WorstSlice[] = [];
  const add = (label: string, labelOrder: number, m: OverlapMetrics): void => {
    for (const s of m.slices) if (s.dice !== null) all.push({ label, labelOrder, index: s.index, dice: s.dice, tp: s.tp, fp: s.fp, fn: s.fn });
  };
  add('foreground', -Infinity, r.foreground);
  for (const l of r.labels) add(labelText(l), l.label, l);
  const order = (a: WorstSlice, b: WorstSlice): number =>
    a.dice - b.dice || (a.labelOrder === b.labelOrder ? 0 : a.labelOrder < b.labelOrder ? -1 : 1) || a.index - b.index;
  return all.sort(order).slice(0, count);
}

const csvNumber = (v: number | null): string => (v === null ? '' : String(v));

/** One row per (label, slice); the foreground first, labelled "foreground"; empty Dice = both empty. */
export function formatCsv(r: ComparisonResult): string {
  const rows = ['label,index,tp,fp,fn,dice' + surfaceCsvHeader(r)];
  const add = (label: string, m: OverlapMetrics): void => {
    for (const s of m.slices) rows.push(`${label},${s.index},${s.tp},${s.fp},${s.fn},${csvNumber(s.dice)}${surfaceCsvCells(s)}`);
  };
  add('foreground', r.foreground);
  for (const l of r.labels) add(String(l.label), l);
  return rows.join('\n') + '\n';
}
