// Known voxels must appear in the right colour at the right screen position, in all three planes,
// whether the file stores the anatomy as RAS, LPS or with permuted axes. Expected positions come
// from anatomy (volumes.ts expectedScreen), expected colours from the Okabe-Ito palette's published
// hex values; pixels are read from real Chromium screenshots and from the webview's probe answer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PLANES, type Rgba } from '../../src/protocol/viewer';
import { DOTS, LPS, RAS, SLP, expectedScreen, store, toStorage, type Anatomy, type Storage } from './volumes';
import { openViewer, pointOf, screenshot, surfaceRect } from './page';

/** Okabe & Ito (2008): orange, sky blue, bluish green — labels 1, 2, 3 at opacity 1 over black. */
const LABEL_COLOUR: Record<number, Rgba> = { 1: [230, 159, 0, 255], 2: [86, 180, 233, 255], 3: [0, 158, 115, 255] };
const BLACK: Rgba = [0, 0, 0, 255];

async function checkStorage(storage: Storage, convention: 'radiological' | 'neurological'): Promise<void> {
  const volume = store(DOTS, storage);
  const viewer = await openViewer(volume, {
    initialState: { crosshair: false },
    settings: { displayConvention: convention, overlayOpacity: 1, outlineMode: 'filled', palette: 'colorblind' },
  });
  try {
    for (const plane of PLANES) {
      for (const dot of DOTS.dots) {
        const voxel = toStorage(storage, DOTS.size, dot.c);
        const index = voxel[volume.sliceAxes[plane]];
        const what = `${storage.name} ${convention} ${plane} slice ${index}, label ${dot.label} at canonical ${dot.c}`;
        const probe = await viewer.host.probe(plane, index, [voxel]);
        assert.deepEqual(probe.samples[0]?.rgba, LABEL_COLOUR[dot.label], `probe: ${what}`);

        const expected = expectedScreen(DOTS, plane, dot.c, convention);
        const rect = await surfaceRect(viewer.page, plane);
        const screen = await screenshot(viewer.page);
        const p = pointOf(rect, expected);
        assert.deepEqual(screen.at(p.x, p.y), LABEL_COLOUR[dot.label], `screen colour: ${what}`);
        // The mirror images (the wrong left/right or up/down) must not show it.
        const mirroredCol = pointOf(rect, { ...expected, col: expected.cols - 1 - expected.col });
        const mirroredRow = pointOf(rect, { ...expected, row: expected.rows - 1 - expected.row });
        assert.deepEqual(screen.at(mirroredCol.x, mirroredCol.y), BLACK, `left/right mirror is empty: ${what}`);
        assert.deepEqual(screen.at(mirroredRow.x, mirroredRow.y), BLACK, `up/down mirror is empty: ${what}`);
      }
    }
  } finally {
    await viewer.close();
  }
}

test('RAS file: known voxels at their anatomical screen positions in all planes (radiological)', () => checkStorage(RAS, 'radiological'));
test('LPS file: the same anatomy lands on the same screen positions (radiological)', () => checkStorage(LPS, 'radiological'));
test('permuted SLP file: the same anatomy lands on the same screen positions (radiological)', () => checkStorage(SLP, 'radiological'));
test('RAS file in neurological convention: the patient\'s left is on screen left', () => checkStorage(RAS, 'neurological'));
test('LPS file in neurological convention', () => checkStorage(LPS, 'neurological'));

/** A 7 × 5 PNG mask: label 1 at column 1 row 0, label 2 at column 5 row 3 (as stored). */
const PNG_PIXELS: Anatomy = {
  size: [7, 5, 1], spacing: [1, 1, 1],
  // The PNG reader's grid is LPS: column i runs toward the patient's left, row j toward posterior,
  // so canonical x = 6 − column and y = 4 − row.
  label: (x, y) => (x === 6 - 1 && y === 4 - 0 ? 1 : x === 6 - 5 && y === 4 - 3 ? 2 : 0),
};

test('a PNG mask is shown as stored (row 0 on top, column 0 left) even in neurological convention, in one plane', async () => {
  const volume = { ...store(PNG_PIXELS, LPS), fileName: 'slice.png', png: true };
  const viewer = await openViewer(volume, {
    initialState: { crosshair: false, layout: 'row' },
    settings: { displayConvention: 'neurological', overlayOpacity: 1, outlineMode: 'filled', palette: 'colorblind' },
  });
  try {
    await viewer.host.renderedShowing(0, 'axial', 0);
    assert.equal(await viewer.page.locator('[data-plane="coronal"]').isVisible(), false, 'a 2-D image shows one plane');
    const rect = await surfaceRect(viewer.page, 'axial');
    const screen = await screenshot(viewer.page, 'viewer-png');
    const at = (col: number, row: number) => {
      const p = pointOf(rect, { col, row, cols: 7, rows: 5, widthMm: 7, heightMm: 5 });
      return screen.at(p.x, p.y);
    };
    assert.deepEqual(at(1, 0), LABEL_COLOUR[1]);
    assert.deepEqual(at(5, 3), LABEL_COLOUR[2]);
    assert.deepEqual(at(5, 0), BLACK);
    assert.deepEqual(at(1, 3), BLACK);
  } finally {
    await viewer.close();
  }
});
