// The automatic window of a background image (intensityStats, as the viewer's worker runs it on the
// decoded volume): a CT in HU is windowed on its soft tissue, other images on all voxels. Expected
// values: numpy, by the rule written out independently in make_viewer_fixtures.py (auto_window).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { openVolume } from '../../../src/core/io/open';
import { intensityStats } from '../../../src/worker/intensity';

const dir = join(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'viewer');
const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as Record<string, { range: [number, number]; percentiles: [number, number]; autoWindow: [number, number] }>;

async function statsOf(name: string): Promise<ReturnType<typeof intensityStats>> {
  return intensityStats((await (await openVolume(join(dir, name))).readAll()).data);
}

test('int16 CT with air, padding, lung and bone: the window spans the soft tissue, exactly as numpy', async () => {
  const e = expected['ct_body.nii.gz']!;
  const stats = await statsOf('ct_body.nii.gz');
  assert.deepEqual([...stats.range], e.range);
  assert.deepEqual([stats.autoWindow.low, stats.autoWindow.high], e.autoWindow);
  // The plain percentiles would start in the scanner's padding.
  assert.equal(e.percentiles[0], -3024);
  assert.ok(e.autoWindow[0] > -500 && e.autoWindow[1] <= 300);
});

test('the same CT as float32 (resampled or scaled CTs): within one histogram bin of numpy', async () => {
  const e = expected['ct_body_float.nii.gz']!;
  const stats = await statsOf('ct_body_float.nii.gz');
  const bin = (e.range[1] - e.range[0]) / 65535;
  for (const [got, want] of [[stats.autoWindow.low, e.autoWindow[0]], [stats.autoWindow.high, e.autoWindow[1]]] as const) {
    assert.ok(Math.abs(got - want) <= bin * 1.01, `${got} vs ${want} (bin ${bin})`);
  }
});

test('a CT with under 1% soft tissue (a lung crop) keeps the window over all voxels', async () => {
  const e = expected['ct_lung_crop.nii.gz']!;
  const stats = await statsOf('ct_lung_crop.nii.gz');
  assert.deepEqual(e.autoWindow, e.percentiles);
  assert.deepEqual([stats.autoWindow.low, stats.autoWindow.high], e.autoWindow);
});

test('images that do not reach -900 (MR, a CT-like image without air) keep the 1st-99th percentiles', async () => {
  for (const name of ['ct_ras.nii.gz', 'mask_ras.nii.gz']) {
    const e = expected[name]!;
    assert.deepEqual(e.autoWindow, e.percentiles, name);
    const stats = await statsOf(name);
    assert.deepEqual([stats.autoWindow.low, stats.autoWindow.high], e.autoWindow, name);
  }
});
