// NIfTI files whose sform, qform or pixdim hold NaN, Inf, zeros or a singular matrix (nibabel-written,
// then patched: scripts/fixtures/make_hostile_fixtures.py). The NIfTI-1 rules pick the first usable
// transform (expected.json says which); with none usable the file is a voxel grid: voxel metrics
// are given, everything in millimetres is null with a warning naming the field, never NaN, and the
// CLI never exits 1.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { chooseNiftiAffine, type NiftiTransformFields } from '../../../src/core/geometry/niftiAffine';
import { openVolume } from '../../../src/core/io/open';
import { compareSources, compareVolumes } from '../../../src/core/metrics/compare';
import { surfaceForComparison, withSurface } from '../../../src/core/surface/comparison';
import { geometryBannerText, hasAnatomy } from '../../../src/webview/geometryBanner';

const ROOT = resolve(__dirname, '../../../..');
const CLI = join(ROOT, 'dist', 'cli.js');
const BAD = join(ROOT, 'test', 'fixtures', 'io', 'bad', 'hostile');
const PLAIN = join(ROOT, 'test', 'fixtures', 'io', 'gzip', 'plain.nii.gz');
const expected = JSON.parse(readFileSync(join(BAD, 'expected.json'), 'utf8')) as {
  geometry: Record<string, { source: string; voxelMl: number | null }>;
  labelCounts: Record<string, number>;
};

/** Every number in a result, at any depth, with where it is. */
function numbers(value: unknown, at = '$'): [string, number][] {
  if (typeof value === 'number') return [[at, value]];
  if (Array.isArray(value)) return value.flatMap((v, n) => numbers(v, `${at}[${n}]`));
  if (typeof value === 'object' && value !== null) return Object.entries(value).flatMap(([k, v]) => numbers(v, `${at}.${k}`));
  return [];
}

for (const [name, { source, voxelMl }] of Object.entries(expected.geometry)) {
  test(`geometry ${name}: ${source} is used, voxel metrics given, millimetres null or finite`, async () => {
    const path = join(BAD, name);
    const opened = await openVolume(path);
    const g = opened.header.geometry;
    assert.equal(g.affineSource, source);
    assert.ok(g.geometryWarning !== undefined && !g.geometryWarning.includes('\n'), 'a one-line warning names what was passed over');
    assert.ok(g.affine.every(Number.isFinite), 'the affine is finite');
    const volume = await opened.readAll();
    // Against itself: voxel metrics always there, mL from the chosen transform or null.
    const self = await compareVolumes(volume, volume);
    assert.equal(self.labels.length, Object.keys(expected.labelCounts).length);
    for (const l of self.labels) {
      assert.equal(l.dice, 1);
      assert.equal(l.refVoxels, expected.labelCounts[String(l.label)]);
      if (voxelMl === null) assert.equal(l.refMl, null);
      else assert.ok(Math.abs(l.refMl! - l.refVoxels * voxelMl) < 1e-9, `${l.refMl} mL`);
    }
    assert.equal(self.geometry.reference, source);
    assert.ok(self.warnings.length > 0 && self.warnings.every((w) => !w.includes('\n')));
    if (source === 'voxel') {
      assert.equal(self.geometry.alignment, 'unchecked');
      assert.equal(self.reference.spacing, null);
      assert.ok(self.warnings.some((w) => w.includes('refMl/predMl')));
      assert.ok(self.warnings.some((w) => w.includes('plane cannot be found')));
    }
    const surface = withSurface(self, surfaceForComparison(volume, volume, self, { perSlice: true }));
    for (const [where, v] of numbers(surface)) assert.ok(!Number.isNaN(v), `NaN at ${where}`);
    if (source === 'voxel') {
      assert.equal(surface.foreground.hd, null);
      assert.ok(surface.warnings.some((w) => w.includes('surface distances (hd, hd95, assd, nsd) are null')));
    } else {
      assert.equal(surface.foreground.hd, 0);
    }
  });
}

/** The output without the warnings of --json, which quote the header's values (e.g. "pixdim[1..3] = (NaN, 1, 1)"). */
function withoutWarnings(stdout: string): string {
  if (!stdout.startsWith('{')) return stdout;
  const parsed = JSON.parse(stdout) as Record<string, unknown>;
  delete parsed.warnings;
  return JSON.stringify(parsed);
}

test('the CLI on every geometry fixture: exit 0 with no NaN, or exit 2 in one line naming the unusable transform', () => {
  for (const name of Object.keys(expected.geometry)) {
    for (const args of [['--surface'], ['--surface', '--json'], ['--csv']]) {
      const r = spawnSync(process.execPath, [CLI, 'compare', PLAIN, join(BAD, name), ...args], { encoding: 'utf8' });
      assert.ok(r.status === 0 || r.status === 2, `${name} ${args.join(' ')}: exit ${r.status}: ${r.stderr}`);
      assert.ok(!/\bNaN\b/.test(withoutWarnings(r.stdout)), `${name}: NaN in the output`);
      if (r.status === 2) {
        assert.equal(r.stderr.trimEnd().split('\n').length, 1);
        assert.match(r.stderr, /not on the grid.*(qform|sform|pixdim)/);
      } else {
        assert.match(r.stderr, /warning: .*(sform|qform|pixdim)/);
      }
      const refVoxelGrid = spawnSync(process.execPath, [CLI, 'compare', join(BAD, name), join(BAD, name), ...args], { encoding: 'utf8' });
      assert.equal(refVoxelGrid.status, 0, `${name} against itself: ${refVoxelGrid.stderr}`);
      assert.ok(!/\bNaN\b/.test(withoutWarnings(refVoxelGrid.stdout)));
    }
  }
});

test('a voxel-grid file compared with a file of another shape is refused with the reason', async () => {
  const voxel = await openVolume(join(BAD, 'all_unusable.nii'));
  const other = await openVolume(join(ROOT, 'test', 'fixtures', 'io', 'dt_uint8.nii'));
  await assert.rejects(compareSources(other, voxel), /shapes differ .* no usable geometry/);
});

const fields = (over: Partial<NiftiTransformFields>): NiftiTransformFields => ({
  qformCode: 0, sformCode: 0, pixdim: [1, 2, 3, 4, 1, 1, 1, 1], quatern: [0, 0, 0], qoffset: [0, 0, 0],
  srow: [[2, 0, 0, 1], [0, 3, 0, 2], [0, 0, 4, 3]], ...over,
});

test('NIfTI-1 order: a usable sform, else a usable qform, else positive pixdim, else the voxel grid', () => {
  assert.equal(chooseNiftiAffine(fields({ sformCode: 1, qformCode: 1 })).source, 'sform');
  assert.equal(chooseNiftiAffine(fields({ sformCode: 0, qformCode: 1 })).source, 'qform');
  assert.equal(chooseNiftiAffine(fields({ sformCode: 1, qformCode: 1, srow: [[1, 0, 0, 0], [2, 0, 0, 0], [0, 0, 1, 0]] })).source, 'qform');
  assert.equal(chooseNiftiAffine(fields({ sformCode: 1, srow: [[Infinity, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0]] })).source, 'pixdim');
  assert.equal(chooseNiftiAffine(fields({ qformCode: 1, quatern: [NaN, 0, 0] })).source, 'pixdim');
  assert.equal(chooseNiftiAffine(fields({ pixdim: [1, -1, 1, 1] })).source, 'voxel');
  assert.equal(chooseNiftiAffine(fields({ pixdim: [1] })).source, 'voxel');
  const none = chooseNiftiAffine(fields({ sformCode: 2, qformCode: 1, srow: [[NaN, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0]], quatern: [NaN, 0, 0], pixdim: [1, 0, 0, 0] }));
  assert.equal(none.source, 'voxel');
  assert.match(none.warning ?? '', /sform .* sform_code 2.*qform .*qform_code 1.*pixdim\[1\.\.3\]/);
});

test('the viewer shows a voxel-grid file with a banner and without anatomy, and a fallback with its warning', () => {
  assert.equal(hasAnatomy({ affineSource: 'voxel' }), false);
  assert.equal(hasAnatomy({ affineSource: 'qform' }), true);
  assert.match(geometryBannerText({ affineSource: 'voxel', geometryWarning: 'pixdim bad.' }) ?? '', /geometry of this file is unusable.*voxel grid.*pixdim bad\./);
  assert.equal(geometryBannerText({ affineSource: 'qform', geometryWarning: 'The sform is singular, so the qform was used.' }), 'The sform is singular, so the qform was used.');
  assert.equal(geometryBannerText({ affineSource: 'sform' }), undefined);
});
