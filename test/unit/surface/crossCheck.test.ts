// Random anisotropic mask pairs, against independent implementations: HD, HD95 and ASSD from
// scipy.ndimage (binary_erosion + distance_transform_edt with sampling), NSD and surfel areas from
// the google-deepmind/surface-distance library itself. Inputs and values come from
// scripts/fixtures/make_surface_fixtures.py (test/fixtures/surface/cases.json).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { surfaceMetrics, type SurfaceValues } from '../../../src/core/surface';
import type { Vec3 } from '../../../src/core/volume';
import { directed3d, monaiSphere } from './helpers';

type Num = number | 'inf' | null;
interface Expected {
  readonly hd: Num;
  readonly hd95: Num;
  readonly assd: Num;
  readonly nsd: Record<string, Num> | null;
}
interface Case {
  readonly name: string;
  readonly shape: Vec3;
  readonly spacing: Vec3;
  readonly labels: number[];
  readonly ref: string;
  readonly pred: string;
  readonly expected: Record<string, Expected>;
  readonly perSlice?: { readonly axis: 0 | 1 | 2; readonly expected: Record<string, Expected[]> };
}
interface Fixture {
  readonly tolerances: number[];
  readonly cases: Case[];
  readonly spheres: {
    readonly radius: number;
    readonly centres: [Vec3, Vec3];
    readonly shape: Vec3;
    readonly spacing: Vec3;
    readonly expected: { readonly nsd: Record<string, number> | null; readonly refArea: number | null; readonly predArea: number | null };
  };
}

const fixture = JSON.parse(
  readFileSync(join(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'surface', 'cases.json'), 'utf8'),
) as Fixture;

const decode = (b64: string): Uint8Array => new Uint8Array(inflateSync(Buffer.from(b64, 'base64')));
const fromJson = (v: Num): number | null => (v === 'inf' ? Infinity : v);

function assertMatches(actual: number | null, expected: Num, what: string): void {
  const e = fromJson(expected);
  if (actual === e) return;
  assert.ok(actual !== null && e !== null && Math.abs(actual - e) <= 1e-9 * Math.abs(e), `${what}: expected ${e}, got ${actual}`);
}

function assertValues(actual: SurfaceValues, expected: Expected, tolerance: number, what: string): void {
  assertMatches(actual.hd, expected.hd, `${what} hd`);
  assertMatches(actual.hd95, expected.hd95, `${what} hd95`);
  assertMatches(actual.assd, expected.assd, `${what} assd`);
  if (expected.nsd !== null) assertMatches(actual.nsd, expected.nsd[tolerance.toFixed(1)], `${what} nsd@${tolerance}`);
}

for (const c of fixture.cases) {
  const ref = { data: decode(c.ref), shape: c.shape, spacing: c.spacing };
  const pred = { data: decode(c.pred), shape: c.shape, spacing: c.spacing };
  for (const tolerance of fixture.tolerances) {
    test(`cross-check 3-D: ${c.name}, tolerance ${tolerance} mm`, () => {
      const report = surfaceMetrics(ref, pred, c.labels, { toleranceMm: tolerance });
      report.labels.forEach((v) => assertValues(v, c.expected[String(v.label)], tolerance, `label ${v.label}`));
      assertValues(report.foreground, c.expected.foreground, tolerance, 'foreground');
    });
  }
  const perSlice = c.perSlice;
  if (perSlice === undefined) continue;
  test(`cross-check 2-D per slice along axis ${perSlice.axis}: ${c.name}`, () => {
    const slices = surfaceMetrics(ref, pred, c.labels, { perSlice: { axis: perSlice.axis } }).perSlice!;
    assert.equal(slices.sliceCount, c.shape[perSlice.axis]);
    const series = [...slices.labels.map((s) => [String(s.label), s] as const), ['foreground', slices.foreground] as const];
    for (const [key, s] of series) {
      perSlice.expected[key].forEach((e, n) => {
        const at = { hd: s.hd[n], hd95: s.hd95[n], assd: s.assd[n], nsd: s.nsd[n], toleranceMm: s.toleranceMm };
        assertValues(at, e, 1, `${key} slice ${n}`);
      });
    }
  });
}

test('cross-check: surfel areas and NSD of a MONAI sphere pair against the DeepMind library', (t) => {
  const s = fixture.spheres;
  if (s.expected.nsd === null || s.expected.refArea === null || s.expected.predArea === null) {
    t.skip('fixture made without the DeepMind library');
    return;
  }
  const ref = monaiSphere(s.radius, s.centres[0], s.shape, s.spacing, s.spacing);
  const pred = monaiSphere(s.radius, s.centres[1], s.shape, s.spacing, s.spacing);
  const corners = directed3d(ref, pred).corners;
  assertMatches(corners.refAreas.reduce((a, b) => a + b, 0), s.expected.refArea, 'reference surfel area');
  assertMatches(corners.predAreas.reduce((a, b) => a + b, 0), s.expected.predArea, 'prediction surfel area');
  for (const tolerance of fixture.tolerances) {
    assertMatches(surfaceMetrics(ref, pred, [1], { toleranceMm: tolerance }).labels[0].nsd, s.expected.nsd[tolerance.toFixed(1)], `nsd@${tolerance}`);
  }
});
