// NRRD, Slicer .seg.nrrd and MetaImage in a real VS Code: each opens in the default editor, a .nhdr
// with its detached data read next to it, a .seg.nrrd with its segments as named, coloured labels;
// a .nhdr whose data file is missing shows the error view's sentence; Compare Masks of a .seg.nrrd
// against the .nii.gz of the same array, and of two .seg.nrrd numbered differently, gives Dice 1;
// a .nhdr whose detached data file alone is rewritten is read again, in the viewer and the comparison.
// Expected counts and colours: test/fixtures/formats/expected.json (numpy).
import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'mocha';
import * as vscode from 'vscode';
import { api } from './compareHelpers';
import { closeAll, documentState, EXTENSION_ID, fixture, openAndWait, setSetting, until } from './viewerHelpers';

interface Expected {
  readonly multilabel: { counts: Record<string, number> };
  readonly slicer_one_layer: { segments: readonly { name: string; labelValue: number; rgb: number[] }[] };
  readonly slicer_two_layers: { layers: Record<string, number>[] };
  readonly slicer_two_layers_pred: { foreground: { dice: number } };
}

async function expected(): Promise<Expected> {
  const bytes = await vscode.workspace.fs.readFile(fixture('formats/expected.json'));
  return JSON.parse(new TextDecoder().decode(bytes)) as Expected;
}

describe('NRRD, .seg.nrrd and MetaImage', function () {
  this.timeout(60000);

  before(async () => {
    await vscode.extensions.getExtension(EXTENSION_ID)?.activate();
    await setSetting('palette', 'auto');
  });

  after(async () => {
    await closeAll();
    await setSetting('palette', undefined);
  });

  it('opens .nrrd, .nhdr (detached data), .mha, .mhd and a LIST of slices with numpy\'s label counts', async () => {
    const want = await expected();
    for (const name of ['itk_multilabel.nrrd', 'itk_multilabel.nhdr', 'itk_multilabel.mha', 'itk_multilabel.mhd', 'list_slices.mhd']) {
      const doc = await openAndWait(fixture(`formats/${name}`));
      assert.equal(doc.state, 'ready', `${name}: ${doc.message}`);
      assert.deepEqual(Object.fromEntries(doc.labels!.map((l) => [String(l.value), l.voxelCount])), want.multilabel.counts, name);
    }
  });

  it('a .seg.nrrd shows its segments by name (their colours: volumeWorker.test.ts)', async () => {
    const want = await expected();
    const doc = await openAndWait(fixture('formats/slicer_one_layer.seg.nrrd'));
    assert.equal(doc.state, 'ready', doc.message);
    assert.deepEqual(doc.labels!.map((l) => [l.value, l.name]), want.slicer_one_layer.segments.map((s) => [s.labelValue, s.name]));
  });

  it('a .nhdr whose data file is missing shows one sentence in the error view', async () => {
    const doc = await openAndWait(fixture('formats/bad/missing_data.nhdr'));
    assert.equal(doc.state, 'error');
    const rendered = doc.panels[0]!.rendered!;
    assert.equal(rendered.view, 'error');
    assert.match(rendered.message ?? '', /names its data file missing\.raw, which does not exist/);
  });

  it('Compare Masks: .seg.nrrd against the .nii.gz of the same array, and two .seg.nrrd numbered differently, agree', async () => {
    const a = await api();
    await a.compare(fixture('formats/multilabel.nii.gz'), fixture('formats/slicer_one_layer.seg.nrrd'));
    assert.equal(a.activeComparison()?.volumeDice, 1);
    await a.compare(fixture('formats/slicer_one_layer.seg.nrrd'), fixture('formats/slicer_renumbered.seg.nrrd'));
    assert.equal(a.activeComparison()?.volumeDice, 1, 'segments matched by name');
    await a.compare(fixture('formats/itk_multilabel.mha'), fixture('formats/itk_multilabel.nhdr'));
    assert.equal(a.activeComparison()?.volumeDice, 1);
  });

  it('a .seg.nrrd in two layers shows every segment with its own count, and compares segment by segment', async () => {
    const want = await expected();
    const doc = await openAndWait(fixture('formats/slicer_two_layers.seg.nrrd'));
    assert.equal(doc.state, 'ready', doc.message);
    const [organ, second] = want.slicer_two_layers.layers;
    assert.deepEqual(doc.labels!.map((l) => [l.value, l.name, l.voxelCount]), [[1, 'organ', organ!['1']], [2, 'tumour', second!['1']], [3, 'edema', second!['2']]]);
    const a = await api();
    await a.compare(fixture('formats/slicer_two_layers.seg.nrrd'), fixture('formats/slicer_two_layers_pred.seg.nrrd'));
    // The foreground is any segment; numpy's Dice of the union of the binary masks.
    assert.ok(Math.abs(a.activeComparison()!.volumeDice! - want.slicer_two_layers_pred.foreground.dice) < 1e-12, String(a.activeComparison()?.volumeDice));
  });

  it('a .nhdr whose data file alone is rewritten reloads, in the viewer and in a comparison', async () => {
    // Copies in the throwaway workspace: the header names its own data file, rewritten in place as
    // a training run would rewrite a prediction's voxels and leave its header.
    const header = fixture('formats/changing_data.nhdr');
    const data = fixture('formats/changing_data.raw');
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(fixture('formats/itk_multilabel.nhdr')));
    await vscode.workspace.fs.writeFile(header, new TextEncoder().encode(text.replace('data file: itk_multilabel_nhdr.raw', 'data file: changing_data.raw')));
    const voxels = await vscode.workspace.fs.readFile(fixture('formats/itk_multilabel_nhdr.raw'));
    await vscode.workspace.fs.writeFile(data, voxels);
    const before = await openAndWait(header);
    assert.deepEqual(before.labels!.map((l) => l.value), [1, 2, 3]);
    const a = await api();
    await a.compare(fixture('formats/multilabel.nii.gz'), header);
    assert.equal(a.activeComparison()?.volumeDice, 1);
    // Label 3 is erased (the foreground shrinks): the header's bytes do not change.
    await vscode.workspace.fs.writeFile(data, voxels.map((v) => (v === 3 ? 0 : v)));
    await until('the viewer to read the new data file', async () => {
      const d = await documentState(header);
      return d?.state === 'ready' && d.labels?.map((l) => l.value).join() === '1,2' ? d : undefined;
    });
    await until('the comparison to read the new data file', async () => {
      const dice = a.activeComparison()?.volumeDice;
      return dice !== undefined && dice !== null && dice < 1 ? dice : undefined;
    });
  });
});
