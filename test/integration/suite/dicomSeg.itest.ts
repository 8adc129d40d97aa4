// DICOM SEG in a real VS Code: a .dcm opens through "Open With…" (the table's option editor) with
// its segments as named labels drawn in their recommended colours, a bad .dcm shows the error view's
// sentence, and Compare Masks of a SEG against the NIfTI nibabel wrote from it gives Dice 1 for every
// label. Expected names, counts and colours: test/fixtures/dicomseg/expected.json (pydicom/numpy).
import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'mocha';
import * as vscode from 'vscode';
import { EDITOR_VIEW_TYPES } from '../../../src/core/formats/formatTable';
import { api } from './compareHelpers';
import { closeAll, EXTENSION_ID, fixture, openAndWait, probe, rgb, setSetting } from './viewerHelpers';

interface ExpectedSeg {
  readonly counts: Record<string, number>;
  readonly segments: readonly { number: number; label: string; rgb: number[] }[];
  readonly voxels: readonly { ijk: [number, number, number]; value: number }[];
}

async function expectedSeg(): Promise<ExpectedSeg> {
  const bytes = await vscode.workspace.fs.readFile(fixture('dicomseg/expected.json'));
  return (JSON.parse(new TextDecoder().decode(bytes)) as { seg: Record<string, ExpectedSeg> }).seg['binary.dcm']!;
}

describe('DICOM SEG', function () {
  this.timeout(60000);

  before(async () => {
    await vscode.extensions.getExtension(EXTENSION_ID)?.activate();
    await setSetting('overlayOpacity', 1);
    await setSetting('palette', 'auto');
  });

  after(async () => {
    await closeAll();
    await setSetting('overlayOpacity', undefined);
    await setSetting('palette', undefined);
  });

  it('opens with "Open With…": segments are labels named by SegmentLabel, drawn in their CIELab colours', async () => {
    const want = await expectedSeg();
    const uri = fixture('dicomseg/binary.dcm');
    const doc = await openAndWait(uri, EDITOR_VIEW_TYPES.option);
    assert.equal(doc.state, 'ready', doc.message);
    assert.deepEqual(
      doc.labels?.map((l) => [l.value, l.voxelCount, l.name]),
      want.segments.map((s) => [s.number, want.counts[String(s.number)], s.label]),
    );
    const labelled = want.voxels.filter((v) => v.value !== 0);
    assert.ok(labelled.length > 0);
    // The fixture is sagittal: its slices (k) are the sagittal plane.
    for (const v of labelled) {
      const result = await probe(uri, 'sagittal', v.ijk[2], [v.ijk]);
      const colour = want.segments.find((s) => s.number === v.value)!.rgb;
      assert.deepEqual(rgb(result.samples[0]!.rgba), colour, `voxel ${v.ijk.join(',')} in segment ${v.value}'s colour`);
    }
  });

  it('shows one sentence in the error view for a SEG without plane positions and for a CT image', async () => {
    for (const [relative, pattern] of [
      ['dicomseg/bad_no_positions.dcm', /no position for frame 1/],
      ['dicomseg/highdicom/ct_image.dcm', /not a DICOM Segmentation/],
    ] as const) {
      const doc = await openAndWait(fixture(relative), EDITOR_VIEW_TYPES.option);
      assert.equal(doc.state, 'error', relative);
      const rendered = doc.panels[0]!.rendered!;
      assert.equal(rendered.view, 'error', `${relative}: the webview shows its error view`);
      assert.match(rendered.message ?? '', pattern);
      assert.match(rendered.message ?? '', /\.$/, 'one sentence');
    }
  });

  it('Compare Masks: a SEG against the NIfTI written from it has Dice 1 for every label', async () => {
    const want = await expectedSeg();
    const a = await api();
    await a.compare(fixture('dicomseg/binary.dcm'), fixture('dicomseg/binary.nii.gz'));
    const shown = a.activeComparison();
    assert.ok(shown);
    assert.equal(shown.volumeDice, 1, 'foreground');
    assert.equal(want.segments.length, 3);
  });
});
