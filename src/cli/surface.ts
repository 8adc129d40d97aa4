// `compare --surface [--tolerance MM] [--tolerance-label L=MM ...]`: boundary metrics (HD, HD95,
// ASSD in mm, NSD) next to Dice.
// One read per file feeds both the Dice engine and the surface pass, then the surface numbers are
// merged into the comparison result.
import type { VolumeSource } from '../core/io/api';
import { resolvePlane } from '../core/geometry/acquisitionPlane';
import { planeAxis } from '../core/geometry/orientation';
import { compareSources, compareVolumes } from '../core/metrics/compare';
import { resolveOptions } from '../core/metrics/options';
import { SurfaceCollector } from '../core/surface/collect';
import type { ComparisonResult } from '../core/metrics/types';
import { measureComparison, surfaceForComparison, unmeasurable, type SurfaceComparisonResult } from '../core/surface/comparison';
import type { SurfaceReport } from '../core/surface/surfaceMetrics';
import { hasWorldGeometry, type VoxelArray } from '../core/volume';
import { comparisonOptions, numberFlag, type Values } from './args';
import { UsageError } from './usage';

export const SURFACE_FLAGS = {
  surface: { type: 'boolean' },
  tolerance: { type: 'string' },
  'tolerance-label': { type: 'string', multiple: true },
} as const;

/**
 * --tolerance-label L=MM, repeatable: the NSD tolerance of label L (the foreground and the other
 * labels keep --tolerance). Undefined when not given.
 */
export function toleranceByLabel(values: Values): Map<number, number> | undefined {
  const given = values['tolerance-label'];
  if (given === undefined || typeof given === 'boolean') return undefined;
  const byLabel = new Map<number, number>();
  for (const text of typeof given === 'string' ? [given] : given) {
    const m = /^\s*(-?\d+)\s*=\s*(\S+)\s*$/.exec(text);
    if (!m) throw new UsageError(`--tolerance-label needs LABEL=MM, e.g. --tolerance-label 2=1.5, not "${text}".`);
    const label = Number(m[1]);
    const mm = m[2]!.trim() === '' ? NaN : Number(m[2]);
    if (!Number.isSafeInteger(label)) throw new UsageError(`--tolerance-label ${text}: ${m[1]} is not a label value.`);
    if (!(Number.isFinite(mm) && mm >= 0)) throw new UsageError(`--tolerance-label ${text}: the tolerance must be a number of mm >= 0.`);
    if (byLabel.has(label)) throw new UsageError(`--tolerance-label gives label ${label} twice.`);
    byLabel.set(label, mm);
  }
  return byLabel;
}

/**
 * The comparison of an opened pair (compareCommand's openPair) with surface metrics; per slice too
 * when the output lists slices (JSON, CSV). Label masks are streamed once: the Dice counts and the
 * surface points come out of the same read, and neither volume is held whole. Float volumes
 * (probability maps) are read whole, since whether they are probabilities is known only after the
 * read. The surface numbers come apart from the comparison (withSurface merges them), so that JSON
 * output can merge one label at a time as it writes it.
 */
export async function compareWithSurface(
  pair: readonly [VolumeSource, VolumeSource],
  values: Values,
  perSlice: boolean,
): Promise<{ readonly result: ComparisonResult; readonly surface: SurfaceReport }> {
  const toleranceMm = numberFlag(values, 'tolerance');
  if (toleranceMm !== undefined && toleranceMm < 0) throw new UsageError(`--tolerance must be a number of mm >= 0, not ${toleranceMm}.`);
  const toleranceMmByLabel = toleranceByLabel(values);
  const options = comparisonOptions(values);
  const surfaceOptions = { toleranceMm, toleranceMmByLabel, perSlice };
  const [ref, pred] = pair;
  if (isFloat(ref) || isFloat(pred)) {
    const [refVolume, predVolume] = await Promise.all([ref.readAll(), pred.readAll()]);
    const result = await compareVolumes(refVolume, predVolume, options);
    warnUnmatched(toleranceMmByLabel, result);
    return { result, surface: surfaceForComparison(refVolume, predVolume, result, surfaceOptions) };
  }
  const geometry = ref.header.geometry;
  const measurable = hasWorldGeometry(geometry) && hasWorldGeometry(pred.header.geometry);
  const axis = planeAxis(geometry, resolvePlane(geometry, resolveOptions(options).plane));
  const collector = measurable ? new SurfaceCollector(geometry.shape, { perSliceAxis: perSlice ? axis : undefined }) : null;
  const onSlices = collector === null ? undefined : (k: number, n: number, r: VoxelArray, p: VoxelArray) => collector.add(k, n, r, p);
  const result = await compareSources(ref, pred, { ...options, onSlices });
  warnUnmatched(toleranceMmByLabel, result);
  const none = unmeasurable(ref.header, pred.header, result, surfaceOptions);
  return { result, surface: none ?? measureComparison(collector!.finish(), geometry.spacing, result, surfaceOptions) };
}

const isFloat = (v: VolumeSource): boolean => v.header.dataType === 'float32' || v.header.dataType === 'float64';

/**
 * A tolerance for a label in neither mask is most likely a typo, but in a loop over cases a label can
 * be absent from some: say so on stderr and carry on.
 */
function warnUnmatched(byLabel: ReadonlyMap<number, number> | undefined, result: ComparisonResult): void {
  const present = new Set(result.labels.map((l) => l.label));
  const unmatched = [...(byLabel?.keys() ?? [])].filter((label) => !present.has(label));
  if (unmatched.length === 0) return;
  const list = unmatched.join(', ');
  process.stderr.write(`mask-inspector: warning: --tolerance-label gives a tolerance for label${unmatched.length === 1 ? "" : "s"} ${list}, in neither mask.\n`);
}

/** --tolerance and --tolerance-label only mean something with --surface; bad values fail before any reading. */
export function checkSurfaceFlags(values: Values): void {
  for (const flag of ['tolerance', 'tolerance-label']) {
    if (values[flag] !== undefined && values.surface !== true) throw new UsageError(`--${flag} sets the NSD tolerance of --surface; add --surface.`);
  }
  toleranceByLabel(values);
}

const hasSurface = (r: ComparisonResult | SurfaceComparisonResult): r is SurfaceComparisonResult => 'surface' in r;

const mm = (v: number | null | undefined): string => (v === null || v === undefined ? 'n/a' : v === Infinity ? 'inf' : v.toFixed(2));

/** Whether rows differ in NSD tolerance (--tolerance-label), so the table needs a τ column. */
export function surfaceToleranceColumn(r: ComparisonResult | SurfaceComparisonResult): boolean {
  if (!hasSurface(r)) return false;
  const global = r.surface.conventions.toleranceMm;
  return r.labels.some((l) => l.toleranceMm !== global);
}

/** Extra table columns when the result has surface metrics. */
export function surfaceHeader(r: ComparisonResult | SurfaceComparisonResult): string[] {
  if (!hasSurface(r)) return [];
  const nsd = surfaceToleranceColumn(r) ? ['NSD', 'τ mm'] : [`NSD@${r.surface.conventions.toleranceMm}mm`];
  return ['HD mm', 'HD95 mm', 'ASSD mm', ...nsd];
}

/** A row's surface cells; with `toleranceColumn`, also the τ its NSD used. */
export function surfaceCells(m: object, toleranceColumn: boolean): string[] {
  if (!('hd' in m)) return [];
  const s = m as { hd: number | null; hd95: number | null; assd: number | null; nsd: number | null; toleranceMm: number };
  const cells = [mm(s.hd), mm(s.hd95), mm(s.assd), s.nsd === null ? 'n/a' : s.nsd.toFixed(4)];
  return toleranceColumn ? [...cells, String(s.toleranceMm)] : cells;
}

/** The line under the table that says what the surface numbers are. */
export function surfaceNote(r: ComparisonResult | SurfaceComparisonResult): string[] {
  if (!hasSurface(r)) return [];
  const c = r.surface.conventions;
  const at = surfaceToleranceColumn(r) ? `τ mm (${c.toleranceMm} mm unless --tolerance-label set it)` : `${c.toleranceMm} mm`;
  return [
    `Surface: HD, HD95 (max of the directed ${c.percentile}th percentiles) and ASSD (both directions pooled) between border voxels, MONAI's conventions;`,
    `  NSD = surface Dice at ${at} on surfels (DeepMind surface-distance). inf = one mask empty; n/a = both empty.`,
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
