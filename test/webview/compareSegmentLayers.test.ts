// In real Chromium: the comparison of two Slicer .seg.nrrd files whose segments overlap and are
// listed, numbered and layered differently. The panes draw the core's composites of the fixture
// files and the metrics are the core's comparison of those files (numpy's per-segment counts are
// checked in test/unit/formats/overlappingSegments.test.ts); the Files panel says the segments
// overlap, were compared segment by segment, and were matched by name. Screenshot for review.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { openVolume } from '../../src/core/io/open';
import { compositeSource, openSegmentLayers } from '../../src/core/io/segmentLayers';
import { compareSources } from '../../src/core/metrics/compare';
import { renumberPredictionColours } from '../../src/core/metrics/colourLabels';
import type { Vec3, VolumeHeader } from '../../src/core/volume';
import { NO_LABEL_NAMES, volumeInfo, type TestVolume } from './fakeHost';
import { repoRoot } from './harness';
import { openComparison } from './compareHost';
import { screenshot } from './page';

const at = (name: string): string => join(repoRoot(), 'test', 'fixtures', 'formats', name);

async function composite(name: string, numberedAs?: VolumeHeader): Promise<TestVolume> {
  const layered = (await openSegmentLayers(await openVolume(at(name))))!;
  const read = await compositeSource(layered).readAll();
  // The editor's worker draws the prediction in the reference's numbering (matched by name).
  const volume = numberedAs ? renumberPredictionColours(numberedAs, read) : read;
  const g = volume.header.geometry;
  return {
    fileName: name, shape: g.shape, spacing: g.spacing as Vec3, affine: g.affine, orientation: g.orientation,
    sliceAxes: { axial: 2, coronal: 1, sagittal: 0 }, mask: volume.data as Uint8Array, names: volume.header.labelNames!,
  };
}

test('comparison of two layered .seg.nrrd: the Files panel says segments overlap, compared one by one, matched by name', async () => {
  const reference = await composite('slicer_two_layers.seg.nrrd');
  const referenceHeader = (await openSegmentLayers(await openVolume(at('slicer_two_layers.seg.nrrd'))))!.header;
  const prediction = await composite('slicer_two_layers_pred.seg.nrrd', referenceHeader);
  const result = await compareSources(await openVolume(at('slicer_two_layers.seg.nrrd')), await openVolume(at('slicer_two_layers_pred.seg.nrrd')));
  const c = await openComparison({ pair: { reference, prediction }, metrics: null, viewport: { width: 1280, height: 800 } });
  try {
    await c.host.send({
      type: 'volumes',
      volumes: { reference: { ...volumeInfo(reference), format: 'nrrd', segmentLayers: 2 }, prediction: { ...volumeInfo(prediction), format: 'nrrd', segmentLayers: 2 }, alignment: 'identical' },
      labelNames: NO_LABEL_NAMES,
    });
    await c.host.send({ type: 'metrics', result, labels: result.labels.map((l) => ({ value: l.label, name: reference.names!.get(l.label)! })) });
    const files = c.page.locator('.mi-cmp-panel, .mi-cmp-side, body').getByText(/Segments overlap/).first();
    await files.waitFor({ state: 'visible' });
    const text = (await files.textContent()) ?? '';
    assert.match(text, /Segments overlap \(reference in 2 layers, prediction in 2 layers\): compared segment by segment, each in full; where segments overlap the panes draw the smaller one on top\./);
    assert.match(text, /matched by name \(edema 1 → 3, organ 3 → 1\)/);
    const body = (await c.page.locator('body').textContent()) ?? '';
    for (const name of ['organ', 'tumour', 'edema']) assert.ok(body.includes(name), `${name} is listed`);
    await screenshot(c.page, 'compare-segment-layers');
    // Slice 4 (k = 4) holds all three segments; the tumour and edema drawn over the organ in both
    // files, though the prediction keeps the organ in its later layer.
    const strip = c.page.locator('canvas.mi-strip-canvas');
    const box = await strip.boundingBox();
    if (box) await c.page.mouse.click(box.x + box.width * (4.5 / 9.4), box.y + box.height / 2);
    await c.page.getByRole('button', { name: /^Overlay/ }).click();
    await screenshot(c.page, 'compare-segment-layers-overlay');
  } finally {
    await c.close();
  }
});
