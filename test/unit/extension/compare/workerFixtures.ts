// What the compare-worker tests share: the built worker, numpy's expectations for the metrics
// fixtures (test/fixtures/metrics/expected.json), the fixture files as bytes, a big cheap
// synthetic NIfTI, and the check that a worker's result has numpy's counts.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { niftiHeader } from '../../../../src/core/io/niftiWriter';
import type { ComparisonResult } from '../../../../src/core/metrics/types';
import type { Affine } from '../../../../src/core/volume';

const root = join(__dirname, '..', '..', '..', '..', '..');
export const workerScript = join(root, 'dist', 'compareWorker.js');
export const metricsDir = join(root, 'test', 'fixtures', 'metrics');

interface Counts { tp: number; fp: number; fn: number; dice: number | null }
export interface ExpectedPlane { axis: number; foreground: Counts & { slices: (Counts & { index: number })[] }; labels: (Counts & { label: number })[]; flagged: unknown[] }
export interface ExpectedCase { reference: string; prediction: string; options: Record<string, number | boolean>; alignment: string; planes: Record<string, ExpectedPlane> }
export const expected = JSON.parse(readFileSync(join(metricsDir, 'expected.json'), 'utf8')) as { cases: Record<string, ExpectedCase> };

/** A metrics fixture's bytes, as the host sends a file it read. */
export function fixtureBytes(name: string): { name: string; bytes: Uint8Array } {
  const b = readFileSync(join(metricsDir, name));
  return { name, bytes: new Uint8Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength)) };
}

/** An uncompressed uint8 NIfTI whose voxel n holds (n % period === 0 ? 1 : 0): a big, cheap volume. */
export function syntheticNiftiBytes(shape: readonly [number, number, number], period: number): Uint8Array {
  const affine: Affine = [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1];
  const header = niftiHeader({ shape: [...shape], affine, dataType: 'uint8' });
  const count = shape[0] * shape[1] * shape[2];
  const bytes = new Uint8Array(header.length + count);
  bytes.set(header);
  for (let n = 0; n < count; n += period) bytes[header.length + n] = 1;
  return bytes;
}

const pick = (c: Counts): Counts => ({ tp: c.tp, fp: c.fp, fn: c.fn, dice: c.dice });

/** The result's axis, foreground (volume and per slice), labels and flagged slices are numpy's. */
export function assertNumpyCounts(result: ComparisonResult, want: ExpectedPlane): void {
  assert.equal(result.axis, want.axis);
  assert.deepEqual(pick(result.foreground), pick(want.foreground));
  assert.deepEqual(result.foreground.slices.map(pick), want.foreground.slices.map(pick));
  assert.deepEqual(result.labels.map((l) => [l.label, pick(l)]), want.labels.map((l) => [l.label, pick(l)]));
  assert.deepEqual(result.flagged, want.flagged);
}
