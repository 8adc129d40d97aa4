// CSV rendering of a ComparisonResult: one row per (label, slice), the foreground first. Shared by
// the CLI's --csv and the editor's export so the two files are byte-identical.
import type { ComparisonResult, OverlapMetrics } from '../metrics/types';

const csvNumber = (v: number | null): string => (v === null ? '' : String(v));

/** Columns label,index,tp,fp,fn,dice; label "foreground" or the value; empty Dice = both masks empty. */
export function formatCsv(r: ComparisonResult): string {
  const rows = ['label,index,tp,fp,fn,dice'];
  const add = (label: string, m: OverlapMetrics): void => {
    for (const s of m.slices) rows.push(`${label},${s.index},${s.tp},${s.fp},${s.fn},${csvNumber(s.dice)}`);
  };
  add('foreground', r.foreground);
  for (const l of r.labels) add(String(l.label), l);
  return rows.join('\n') + '\n';
}
