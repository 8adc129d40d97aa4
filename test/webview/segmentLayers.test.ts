// In real Chromium: a Slicer .seg.nrrd whose segments overlap (two layers), drawn from the composite
// the core builds from the fixture file itself: the legend lists every segment by name with its
// own voxel count, the info panel has a Layers row, and a banner says that where segments overlap
// the smaller segment is drawn on top (no silent "layer 0 only"). Screenshot for review.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { openVolume } from '../../src/core/io/open';
import { compositeSource, openSegmentLayers, segmentVoxelCounts } from '../../src/core/io/segmentLayers';
import type { Vec3 } from '../../src/core/volume';
import { NO_LABEL_NAMES, volumeInfo, type TestVolume } from './fakeHost';
import { repoRoot } from './harness';
import { openViewer, screenshot } from './page';

test('a two-layer .seg.nrrd: every segment in the legend, a Layers row, and a banner about overlaps', async () => {
  const path = join(repoRoot(), 'test', 'fixtures', 'formats', 'slicer_two_layers.seg.nrrd');
  const layered = (await openSegmentLayers(await openVolume(path)))!;
  const composite = await compositeSource(layered).readAll();
  const counts = await segmentVoxelCounts(layered);
  const g = composite.header.geometry;
  const volume: TestVolume = {
    fileName: 'slicer_two_layers.seg.nrrd', shape: g.shape, spacing: g.spacing as Vec3, affine: g.affine, orientation: g.orientation,
    // LPS storage: k runs along S (axial), j along P (coronal), i along L (sagittal).
    sliceAxes: { axial: 2, coronal: 1, sagittal: 0 },
    mask: composite.data as Uint8Array, names: composite.header.labelNames!,
  };
  const v = await openViewer(volume, { settings: { displayConvention: 'radiological', overlayOpacity: 1, outlineMode: 'filled', palette: 'colorblind' } });
  try {
    const info = volumeInfo(volume);
    const labels = [...counts].map(([value, voxelCount]) => ({ value, voxelCount, name: composite.header.labelNames!.get(value)! }));
    await v.host.send({ type: 'volume', info: { ...info, format: 'nrrd', labels, segmentLayers: 2 }, labelNames: NO_LABEL_NAMES });
    const banner = v.page.locator('.mi-geometry-banner');
    await banner.waitFor({ state: 'visible' });
    assert.match((await banner.textContent()) ?? '', /Overlapping segments: 3 segments stored in 2 layers, each its own label in the legend with its own voxel count\. Where segments overlap, the smaller segment is drawn on top\./);
    for (const name of ['organ', 'tumour', 'edema']) await v.page.locator('.mi-legend').getByText(name, { exact: false }).first().waitFor({ state: 'visible' });
    const legend = (await v.page.locator('.mi-legend').textContent()) ?? '';
    // The organ's count is its own (262 in numpy), not what the tumour leaves of it on screen.
    assert.ok(legend.includes(String(counts.get(1))), legend);
    // The info panel is the fourth cell of the 2×2 layout.
    await v.page.getByRole('button', { name: 'Show all three planes in a 2 by 2 grid' }).click();
    await v.page.locator('.mi-info').getByText('2 (overlapping segments, all shown)').waitFor({ state: 'visible' });
    await screenshot(v.page, 'viewer-segment-layers-grid');
    await v.page.getByRole('button', { name: 'Show the axial plane' }).click();
    await screenshot(v.page, 'viewer-segment-layers');
  } finally {
    await v.close();
  }
});
