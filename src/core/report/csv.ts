// CSV rendering of a ComparisonResult: one row per (label, slice), the foreground first. Shared by
// the CLI's --csv and the editor's export so the two files are byte-identical. With per-slice
// boundary metrics (a SurfaceComparisonResult), each row also has the slice's 2-D hd,hd95,assd,nsd.
import type { ComparisonResult, OverlapMetrics, SliceMetrics } from '../metrics/types';
import type { SurfaceComparisonResult } from '../surface/comparison';
import { hasSurface, surfaceOf } from './surfaceText';

const csvNumber = (v: number | null): string => (v === null ? '' : String(v));

/** Empty when undefined (both masks empty), "inf" when one mask is empty: the CLI's CSV values. */
const surfaceNumber = (v: number | null): string => (v === null ? '' : v === Infinity ? 'inf' : String(v));

function surfaceCells(s: SliceMetrics): string {
  const v = surfaceOf(s);
  return v ? `,${surfaceNumber(v.hd)},${surfaceNumber(v.hd95)},${surfaceNumber(v.assd)},${surfaceNumber(v.nsd)}` : '';
}

/** Columns label,index,tp,fp,fn,dice[,hd,hd95,assd,nsd]; label "foreground" or the value; empty Dice = both masks empty. */
export function formatCsv(r: ComparisonResult | SurfaceComparisonResult): string {
  const perSlice = hasSurface(r) && r.surface.perSlice;
  const rows = ['label,index,tp,fp,fn,dice' + (perSlice ? ',hd,hd95,assd,nsd' : '')];
  const add = (label: string, m: OverlapMetrics): void => {
    for (const s of m.slices) rows.push(`${label},${s.index},${s.tp},${s.fp},${s.fn},${csvNumber(s.dice)}${perSlice ? surfaceCells(s) : ''}`);
  };
  add('foreground', r.foreground);
  for (const l of r.labels) add(String(l.label), l);
  return rows.join('\n') + '\n';
}
