// The comparison's settings (package.json contributes.configuration, maskInspector.*), read in one
// place with their defaults. Display settings (convention, opacity, outline) are the viewer's.
import * as vscode from 'vscode';
import { PLANES } from '../../core/geometry/display';
import { DEFAULTS } from '../../core/metrics/options';
import type { CompareSettings, OverlayColours } from '../../protocol/compare';
import type { Plane, Rgba } from '../../protocol/viewer';
import { SECTION, viewerSettings } from '../settings';
import { DEFAULT_OVERLAY_HEX } from '../../core/overlayColours';

export const DEFAULT_THRESHOLD = 0.8;
export const DEFAULT_MAX_DIAGNOSTICS = 500;

/** White / red / azure: no label uses them, and they stay apart with colour-vision deficiencies (see core/overlayColours). */
export const DEFAULT_OVERLAY_COLOURS = DEFAULT_OVERLAY_HEX;

/** maskInspector.comparePlane: a plane, or 'auto' (the reference's acquisition plane, see core/geometry/acquisitionPlane). */
export function comparePlane(scope?: vscode.Uri): Plane | 'auto' {
  const value = vscode.workspace.getConfiguration(SECTION, scope).get<string>('comparePlane');
  return PLANES.find((p) => p === value) ?? (value === 'auto' ? 'auto' : 'axial');
}

export function lowDiceThreshold(scope?: vscode.Uri): number {
  const value = vscode.workspace.getConfiguration(SECTION, scope).get<number>('lowDiceThreshold');
  return typeof value === 'number' && Number.isFinite(value) ? value : DEFAULT_THRESHOLD;
}

/** maskInspector.minErrorMm2: the noise floor of flagged slices, mm² (see core/metrics/severity.ts). */
export function minErrorMm2(scope?: vscode.Uri): number {
  const value = vscode.workspace.getConfiguration(SECTION, scope).get<number>('minErrorMm2');
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : DEFAULTS.minErrorMm2;
}

/** maskInspector.navigateSelectedLabelOnly: worst/next/previous stay on the shown label. */
export function navigateSelectedLabelOnly(scope?: vscode.Uri): boolean {
  return vscode.workspace.getConfiguration(SECTION, scope).get<boolean>('navigateSelectedLabelOnly', false);
}

export function diagnosticSeverity(scope?: vscode.Uri): vscode.DiagnosticSeverity {
  const value = vscode.workspace.getConfiguration(SECTION, scope).get<string>('diagnosticSeverity');
  switch (value) {
    case 'error': return vscode.DiagnosticSeverity.Error;
    case 'information': return vscode.DiagnosticSeverity.Information;
    case 'hint': return vscode.DiagnosticSeverity.Hint;
    default: return vscode.DiagnosticSeverity.Warning;
  }
}

export function maxDiagnostics(scope?: vscode.Uri): number {
  const value = vscode.workspace.getConfiguration(SECTION, scope).get<number>('maxDiagnostics');
  return typeof value === 'number' && value >= 0 ? Math.floor(value) : DEFAULT_MAX_DIAGNOSTICS;
}

/** What a comparison measures beyond Dice (maskInspector.surfaceMetrics and its companions). */
export interface SurfaceSettings {
  /** surfaceMetrics on, or a flagHd95AboveMm limit set (flagging needs the per-slice HD95). */
  readonly enabled: boolean;
  /** maskInspector.surfaceTolerance: τ of the normalised surface Dice, in mm. */
  readonly toleranceMm: number;
  /** maskInspector.flagHd95AboveMm: flag slices whose 2-D HD95 is above this; null = off. */
  readonly hd95LimitMm: number | null;
}

/**
 * Off, as the CLI's --surface: measured in the worker, they cost 0.3 s on the 160×160×80 demo pair
 * and 2 s on a 512×512×300 six-label pair (20× the Dice computation of that pair, 5 s on a
 * 512×512×1000 one), on every open and file change, and they add columns to the exported CSV.
 */
export const DEFAULT_SURFACE_METRICS = false;
export const DEFAULT_SURFACE_TOLERANCE_MM = 1;

export function surfaceSettings(scope?: vscode.Uri): SurfaceSettings {
  const config = vscode.workspace.getConfiguration(SECTION, scope);
  const tolerance = config.get<number>('surfaceTolerance');
  const limit = config.get<number | null>('flagHd95AboveMm');
  const hd95LimitMm = typeof limit === 'number' && Number.isFinite(limit) && limit >= 0 ? limit : null;
  return {
    enabled: config.get<boolean>('surfaceMetrics', DEFAULT_SURFACE_METRICS) || hd95LimitMm !== null,
    toleranceMm: typeof tolerance === 'number' && Number.isFinite(tolerance) && tolerance >= 0 ? tolerance : DEFAULT_SURFACE_TOLERANCE_MM,
    hd95LimitMm,
  };
}

/** `navigateSelectedLabelOnly`: the panel's own choice (its toolbar toggle), else the setting. */
export function compareSettings(scope?: vscode.Uri, navigateSelectedLabelOnlyChoice?: boolean): CompareSettings {
  const viewer = viewerSettings(scope);
  const colours = vscode.workspace.getConfiguration(SECTION, scope).get<Record<string, unknown>>('compareColors') ?? {};
  const colour = (key: keyof typeof DEFAULT_OVERLAY_COLOURS): Rgba => parseHex(colours[key]) ?? parseHex(DEFAULT_OVERLAY_COLOURS[key])!;
  const overlayColours: OverlayColours = { tp: colour('truePositive'), fp: colour('falsePositive'), fn: colour('falseNegative') };
  return {
    displayConvention: viewer.displayConvention,
    overlayOpacity: viewer.overlayOpacity,
    outlineMode: viewer.outlineMode,
    overlayColours,
    threshold: lowDiceThreshold(scope),
    hd95LimitMm: surfaceSettings(scope).hd95LimitMm,
    navigateSelectedLabelOnly: navigateSelectedLabelOnlyChoice ?? navigateSelectedLabelOnly(scope),
  };
}

/** "#rgb", "#rrggbb" or "#rrggbbaa" -> RGBA 0..255; undefined for anything else. */
export function parseHex(value: unknown): Rgba | undefined {
  if (typeof value !== 'string') return undefined;
  const m = /^#([0-9a-f]{3}|[0-9a-f]{6}|[0-9a-f]{8})$/i.exec(value.trim());
  if (!m) return undefined;
  let hex = m[1]!;
  if (hex.length === 3) hex = [...hex].map((c) => c + c).join('');
  if (hex.length === 6) hex += 'ff';
  const byte = (i: number): number => parseInt(hex.slice(i, i + 2), 16);
  return [byte(0), byte(2), byte(4), byte(6)];
}

/** Settings whose change needs new metrics (not just a redraw). */
export function affectsMetrics(e: vscode.ConfigurationChangeEvent): boolean {
  return ['comparePlane', 'lowDiceThreshold', 'minErrorMm2'].some((k) => e.affectsConfiguration(`${SECTION}.${k}`));
}

/** Settings whose change needs new boundary metrics (the Dice metrics stay). */
export function affectsSurface(e: vscode.ConfigurationChangeEvent): boolean {
  return ['surfaceMetrics', 'surfaceTolerance', 'flagHd95AboveMm'].some((k) => e.affectsConfiguration(`${SECTION}.${k}`));
}

export function affectsCompareDisplay(e: vscode.ConfigurationChangeEvent): boolean {
  return ['compareColors', 'displayConvention', 'overlayOpacity', 'outlineMode', 'navigateSelectedLabelOnly'].some((k) => e.affectsConfiguration(`${SECTION}.${k}`));
}

export function affectsDiagnostics(e: vscode.ConfigurationChangeEvent): boolean {
  return e.affectsConfiguration(`${SECTION}.diagnosticSeverity`) || e.affectsConfiguration(`${SECTION}.maxDiagnostics`);
}
