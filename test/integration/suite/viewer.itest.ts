// The mask viewer in a real VS Code: open real files with vscode.openWith, read back what the real
// webview drew (through the internal test commands: the webview samples its own canvas), check the
// error view for bad files, and check that closing editors terminates their worker threads.
import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'mocha';
import * as vscode from 'vscode';
import type { Vec3 } from '../../../src/core/volume';
import type { Plane } from '../../../src/protocol/viewer';
import { paletteColour } from '../../../src/webview/palette';
import { closeAll, EXTENSION_ID, fixture, openAndWait, probe, rgb, setSetting, testState as state, until } from './viewerHelpers';

describe('viewer', function () {
  this.timeout(60000);

  before(async () => {
    await vscode.extensions.getExtension(EXTENSION_ID)?.activate();
    // Fully opaque labels, so a drawn label pixel is exactly its palette colour.
    await setSetting('overlayOpacity', 1);
    await setSetting('palette', 'colorblind');
  });

  after(async () => {
    await closeAll();
    await setSetting('overlayOpacity', undefined);
    await setSetting('palette', undefined);
  });

  it('draws known voxels of a RAS .nii.gz in their label colours, in all three planes', async () => {
    const uri = fixture('viewer/mask_ras.nii.gz');
    const doc = await openAndWait(uri);
    assert.equal(doc.state, 'ready');
    assert.equal(doc.panels[0]!.rendered!.view, 'volume');
    // Labels written by make_viewer_fixtures.py: 1 in [1:4, 1:3, 1:4], 2 in [4:6, 2:5, 0:2], 7 at (2, 4, 4).
    const cases: [Plane, number, Vec3, number][] = [
      ['axial', 2, [2, 1, 2], 1],
      ['axial', 1, [5, 4, 1], 2],
      ['axial', 4, [2, 4, 4], 7],
      ['axial', 4, [0, 0, 4], 0],
      ['coronal', 4, [2, 4, 4], 7],
      ['coronal', 3, [4, 3, 0], 2],
      ['sagittal', 2, [2, 2, 3], 1],
      ['sagittal', 2, [2, 4, 4], 7],
    ];
    for (const [plane, index, voxel, label] of cases) {
      const result = await probe(uri, plane, index, [voxel]);
      assert.equal(result.plane, plane);
      assert.equal(result.index, index);
      const drawn = rgb(result.samples[0]!.rgba);
      assert.ok(drawn, `${plane} ${index}: voxel ${voxel.join(',')} is on screen`);
      if (label === 0) {
        for (const l of [1, 2, 7]) assert.notDeepEqual(drawn, rgb(paletteColour(l)), `label-0 voxel ${voxel.join(',')} drawn as label ${l}`);
      } else {
        assert.deepEqual(drawn, rgb(paletteColour(label)), `${plane} ${index}: voxel ${voxel.join(',')} should show label ${label}`);
      }
    }
  });

  it('the same voxels stored in another axis order (ASL) land in the same colours', async () => {
    // mask_asl voxel (a, s, l) holds mask_ras voxel (6 - l, a, s): axial slices run along its axis 1,
    // coronal along axis 0, sagittal along axis 2.
    const uri = fixture('viewer/mask_asl.nii.gz');
    await openAndWait(uri);
    const cases: [Plane, number, Vec3, number][] = [
      ['axial', 4, [4, 4, 4], 7], // RAS (2, 4, 4)
      ['axial', 2, [1, 2, 4], 1], // RAS (2, 1, 2)
      ['coronal', 4, [4, 4, 4], 7],
      ['sagittal', 1, [3, 0, 1], 2], // RAS (5, 3, 0)
    ];
    for (const [plane, index, voxel, label] of cases) {
      const result = await probe(uri, plane, index, [voxel]);
      assert.deepEqual(rgb(result.samples[0]!.rgba), rgb(paletteColour(label)), `${plane} ${index}: voxel ${voxel.join(',')}`);
    }
  });

  it('shows a readable error for a truncated .nii.gz, a wrong magic and an unsupported datatype', async () => {
    for (const [relative, pattern] of [
      ['viewer/truncated.nii.gz', /truncated\.nii\.gz/],
      ['io/bad/bad_magic.nii', /bad_magic\.nii/],
      ['io/bad/complex64.nii', /complex64/],
    ] as const) {
      const doc = await openAndWait(fixture(relative));
      assert.equal(doc.state, 'error', relative);
      const rendered = doc.panels[0]!.rendered!;
      assert.equal(rendered.view, 'error', `${relative}: the webview shows its error view`);
      assert.match(rendered.message ?? '', pattern);
      assert.match(rendered.message ?? '', /\.$/, 'one sentence');
    }
  });

  it('closing the editors terminates every worker', async () => {
    assert.ok((await state()).liveWorkers > 0, 'workers are running while files are open');
    await closeAll();
    await until('all workers to exit', async () => ((await state()).liveWorkers === 0 ? true : undefined));
    assert.equal((await state()).documents.length, 0);
  });
});
