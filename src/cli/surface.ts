// `compare --surface [--tolerance MM]`: boundary metrics (HD, HD95, ASSD in mm, NSD) next to Dice.
// They need both volumes whole, so this path reads them into memory and runs the Dice engine on
// them too (one read per file), then merges the surface numbers into the comparison result.
import type { VolumeSource } from '../core/io/api';
import { compareVolumes } from '../core/metrics/compare';
import type { ComparisonResult } from '../core/metrics/types';
import { surfaceForComparison, withSurface, type SurfaceComparisonResult } from '../core/surface/comparison';
import { comparisonOptions, numberFlag } from './args';
import { UsageError } from './usage';

export const SURFACE_FLAGS = {
  surface: { type: 'boolean' },
  tolerance: { type: 'string' },
} as const;

type Values = Record<string, string | boolean | undefined>;

/**
 * The comparison of an opened pair (compareCommand's openPair) with surface metrics; per slice too
 * when the output lists slices (JSON, CSV).
 */
export async function compareWithSurface(pair: readonly [VolumeSource, VolumeSource], values: Values, perSlice: boolean): Promise<SurfaceComparisonResult> {
  const toleranceMm = numberFlag(values, 'tolerance');
  if (toleranceMm !== undefined && toleranceMm < 0) throw new UsageError(`--tolerance must be a number of mm >= 0, not ${toleranceMm}.`);
  const options = comparisonOptions(values);
  const [refVolume, predVolume] = await Promise.all([pair[0].readAll(), pair[1].readAll()]);
  const result = await compareVolumes(refVolume, predVolume, options);
  return withSurface(result, surfaceForComparison(refVolume, predVolume, result, { toleranceMm, perSlice }));
}

/** --tolerance only means something with --surface. */
export function checkSurfaceFlags(values: Values): void {
  if (values.tolerance !== undefined && values.surface !== true) throw new UsageError('--tolerance sets the NSD tolerance of --surface; add --surface.');
}

const hasSurface = (r: ComparisonResult | SurfaceComparisonResult): r is SurfaceComparisonResult => 'surface' in r;

const mm = (v: number | null | undefined): string => (v === null || v === undefined ? 'n/a' : v === Infinity ? 'inf' : v.toFixed(2));

/** Extra table columns when the result has surface metrics. */
export function surfaceHeader(r: ComparisonResult | SurfaceComparisonResult): string[] {
  return hasSurface(r) ? ['HD mm', 'HD95 mm', 'ASSD mm', `NSD@${r.surface.conventions.toleranceMm}mm`] : [];
}

export function surfaceCells(m: object): string[] {
  if (!('hd' in m)) return [];
  const s = m as { hd: number | null; hd95: number | null; assd: number | null; nsd: number | null };
  return [mm(s.hd), mm(s.hd95), mm(s.assd), s.nsd === null ? 'n/a' : s.nsd.toFixed(4)];
}

/** The line under the table that says what the surface numbers are. */
export function surfaceNote(r: ComparisonResult | SurfaceComparisonResult): string[] {
  if (!hasSurface(r)) return [];
  const c = r.surface.conventions;
  return [
    `Surface: HD, HD95 (max of the directed ${c.percentile}th percentiles) and ASSD (both directions pooled) between border voxels, MONAI's conventions;`,
    `  NSD = surface Dice at ${c.toleranceMm} mm on surfels (DeepMind surface-distance). inf = one mask empty; n/a = both empty.`,
  ];
}

const csvValue = (v: number | null | undefined): string => (v === null || v === undefined ? '' : v === Infinity ? 'inf' : String(v));

/** Extra CSV columns (per slice, 2-D) when the result has per-slice surface metrics. */
export function surfaceCsvHeader(r: ComparisonResult | SurfaceComparisonResult): string {
  return hasSurface(r) && r.surface.perSlice ? ',hd,hd95,assd,nsd' : '';
}

export function surfaceCsvCells(slice: object): string {
  if (!('hd' in slice)) return '';
  const s = slice as { hd?: number | null; hd95?: number | null; assd?: number | null; nsd?: number | null };
  return `,${csvValue(s.hd)},${csvValue(s.hd95)},${csvValue(s.assd)},${csvValue(s.nsd)}`;
}
