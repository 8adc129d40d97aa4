// The extension's settings (package.json contributes.configuration), read in one place so the
// defaults and the clamping live next to each other.
import * as vscode from 'vscode';
import type { DisplayConvention, OutlineMode, Palette, ViewerSettings } from '../protocol/viewer';

export const SECTION = 'maskInspector';

export function viewerSettings(scope?: vscode.Uri): ViewerSettings {
  const c = vscode.workspace.getConfiguration(SECTION, scope);
  return {
    displayConvention: oneOf<DisplayConvention>(c.get('displayConvention'), ['radiological', 'neurological'], 'radiological'),
    overlayOpacity: clamp(c.get<number>('overlayOpacity') ?? 0.5, 0, 1),
    outlineMode: oneOf<OutlineMode>(c.get('outlineMode'), ['filled', 'outline'], 'filled'),
    palette: oneOf<Palette>(c.get('palette'), ['auto', 'colorblind'], 'auto'),
  };
}

/** Bytes of voxels one volume may take in memory before it is refused. */
export function maxVolumeBytes(scope?: vscode.Uri): number {
  const mb = vscode.workspace.getConfiguration(SECTION, scope).get<number>('maxVolumeMegabytes') ?? 2048;
  return Math.max(1, mb) * 2 ** 20;
}

export interface LabelSettings {
  /** Raw `maskInspector.labelNames` object; parsed by the core. */
  readonly names: unknown;
  /** `maskInspector.labelFile`, empty when unset. */
  readonly file: string;
}

export function labelSettings(scope?: vscode.Uri): LabelSettings {
  const c = vscode.workspace.getConfiguration(SECTION, scope);
  return { names: c.get('labelNames') ?? {}, file: (c.get<string>('labelFile') ?? '').trim() };
}

export function affectsViewerSettings(e: vscode.ConfigurationChangeEvent): boolean {
  return ['displayConvention', 'overlayOpacity', 'outlineMode', 'palette'].some((k) => e.affectsConfiguration(`${SECTION}.${k}`));
}

export function affectsLabelSettings(e: vscode.ConfigurationChangeEvent): boolean {
  return e.affectsConfiguration(`${SECTION}.labelNames`) || e.affectsConfiguration(`${SECTION}.labelFile`);
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[], fallback: T): T {
  return allowed.find((a) => a === value) ?? fallback;
}

function clamp(v: number, lo: number, hi: number): number {
  return Number.isFinite(v) ? Math.min(hi, Math.max(lo, v)) : lo;
}
