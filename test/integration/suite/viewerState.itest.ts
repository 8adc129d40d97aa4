// The viewer's state in a real VS Code: background pairing (same grid, reoriented, mismatched),
// label names from files and settings, settings pushed to open webviews, view state surviving a
// hidden tab whose webview was discarded, and PNG masks through "Open With".
import * as assert from 'node:assert/strict';
import { afterEach, before, describe, it } from 'mocha';
import * as vscode from 'vscode';
import { paletteColour } from '../../../src/webview/palette';
import { closeAll, documentState, EXTENSION_ID, fixture, openAndWait, probe, renderedState, rgb, setSetting, until } from './viewerHelpers';

interface Expected {
  slices: Record<string, Record<string, number[]>>;
  /** The automatic window the viewer opens with (make_viewer_fixtures.py auto_window). */
  autoWindow: [number, number];
}

async function expectedFor(name: string): Promise<Expected> {
  const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(fixture('viewer/expected.json')));
  return (JSON.parse(text) as Record<string, Expected>)[name]!;
}

const MASK = 'viewer/mask_ras.nii.gz';

describe('viewer state', function () {
  this.timeout(60000);

  before(async () => {
    await vscode.extensions.getExtension(EXTENSION_ID)?.activate();
    await setSetting('overlayOpacity', 1);
    await setSetting('palette', 'colorblind');
  });

  afterEach(async () => {
    // The pairing is remembered per mask; forget it so each test starts without a background.
    await vscode.commands.executeCommand('maskInspector.clearBackground', fixture(MASK));
    await closeAll();
    await setSetting('overlayOpacity', 1);
    await setSetting('labelNames', undefined);
  });

  it('pairs a background on the same grid: grey intensities under transparent voxels, label colours on top', async () => {
    const uri = fixture(MASK);
    await openAndWait(uri);
    await vscode.commands.executeCommand('maskInspector.setBackground', uri, fixture('viewer/ct_ras.nii.gz'));
    const doc = await until('the background', async () => ((await documentState(uri))?.background ? documentState(uri) : undefined));
    assert.equal(doc?.state, 'ready');

    const ct = await expectedFor('ct_ras.nii.gz');
    const [low, high] = ct.autoWindow;
    const voxels = [[0, 0, 2], [6, 5, 2], [3, 4, 2], [2, 1, 2]] as const;
    // Wait for the redraw with the background: the probe may first see the mask-only image still
    // on screen while the new slices are on their way.
    let report = '';
    const drawnAsExpected = async (): Promise<true | undefined> => {
      const result = await probe(uri, 'axial', 2, voxels.map((v) => [...v] as [number, number, number]));
      const problems: string[] = [];
      for (let n = 0; n < 3; n++) {
        const [i, j] = voxels[n]!;
        const drawn = rgb(result.samples[n]!.rgba)!;
        const value = ct.slices['axial']!['2']![i + 7 * j]!;
        const grey = Math.round(255 * Math.min(1, Math.max(0, (value - low) / (high - low))));
        if (drawn[0] !== drawn[1] || drawn[1] !== drawn[2] || Math.abs(drawn[0]! - grey) > 3) {
          problems.push(`(${i},${j}) intensity ${value} drawn [${drawn.join(',')}], expected grey ~${grey} for window [${low}, ${high}]`);
        }
      }
      if (JSON.stringify(rgb(result.samples[3]!.rgba)) !== JSON.stringify(rgb(paletteColour(1)))) problems.push('label 1 not in its colour');
      report = problems.join('; ');
      return problems.length === 0 ? true : undefined;
    };
    await until('the background drawn under the mask', drawnAsExpected, 10000).catch(() => assert.fail(report));

    // The pairing is remembered: closing and reopening the mask brings the background back.
    await closeAll();
    await until('the document to close', async () => ((await documentState(uri)) ? undefined : true));
    await openAndWait(uri);
    await until('the remembered background', async () => ((await documentState(uri))?.background?.endsWith('ct_ras.nii.gz') ? true : undefined));
  });

  it('reorients an LPS background onto the RAS mask and refuses one on another grid, keeping the mask', async () => {
    const uri = fixture(MASK);
    await openAndWait(uri);
    await vscode.commands.executeCommand('maskInspector.setBackground', uri, fixture('viewer/ct_spacing.nii.gz'));
    const refused = await until('the refusal', async () => {
      const d = await documentState(uri);
      return d?.backgroundProblem ? d : undefined;
    });
    assert.match(refused.backgroundProblem!, /^ct_spacing\.nii\.gz is not on the grid of mask_ras\.nii\.gz: The voxel spacing differs/);
    assert.equal(refused.state, 'ready');
    assert.deepEqual(rgb((await probe(uri, 'axial', 2, [[2, 1, 2]])).samples[0]!.rgba), rgb(paletteColour(1)), 'the mask stays drawn');

    // The LPS copy draws exactly what the RAS background drew at the same voxel.
    await vscode.commands.executeCommand('maskInspector.setBackground', uri, fixture('viewer/ct_lps.nii.gz'));
    await until('the LPS background', async () => ((await documentState(uri))?.background?.endsWith('ct_lps.nii.gz') ? true : undefined));
    const viaLps = rgb((await probe(uri, 'coronal', 3, [[0, 3, 1]])).samples[0]!.rgba);
    await vscode.commands.executeCommand('maskInspector.setBackground', uri, fixture('viewer/ct_ras.nii.gz'));
    await until('the RAS background', async () => ((await documentState(uri))?.background?.endsWith('ct_ras.nii.gz') ? true : undefined));
    const viaRas = rgb((await probe(uri, 'coronal', 3, [[0, 3, 1]])).samples[0]!.rgba);
    assert.ok(viaLps && viaRas);
    assert.notDeepEqual(viaRas, [0, 0, 0], 'the background is drawn');
    assert.deepEqual(viaLps, viaRas);
  });

  it('names labels from <mask>.labels.json, overridden by the labelNames setting', async () => {
    const uri = fixture(MASK);
    const doc = await openAndWait(uri);
    assert.deepEqual(doc.labels, [
      { value: 1, voxelCount: 18, name: 'liver' },
      { value: 2, voxelCount: 12, name: 'spleen' },
      { value: 7, voxelCount: 1, name: 'lesion' },
    ]);
    await setSetting('labelNames', { '2': 'kidney' });
    await until('the setting to apply', async () => ((await documentState(uri))?.labels?.[1]?.name === 'kidney' ? true : undefined));
  });

  it('pushes a changed opacity setting to the open webview, where it weighs the labels over a background', async () => {
    const uri = fixture(MASK);
    await openAndWait(uri);
    const full = paletteColour(2);
    const drawn = async (): Promise<number[] | null> => rgb((await probe(uri, 'axial', 1, [[5, 4, 1]])).samples[0]!.rgba);
    const isFull = (c: readonly number[] | null): boolean => !!c && c.every((v, n) => Math.abs(v - full[n]!) <= 2);
    // Over black (no background) labels are drawn in full colour, whatever the opacity.
    await setSetting('overlayOpacity', 0.5);
    await until('full colour over black', async () => (isFull(await drawn()) ? true : undefined));
    await vscode.commands.executeCommand('maskInspector.setBackground', uri, fixture('viewer/ct_ras.nii.gz'));
    await until('the background', async () => ((await documentState(uri))?.background ? true : undefined));
    await setSetting('overlayOpacity', 1);
    await until('the opaque label colour', async () => (isFull(await drawn()) ? true : undefined));
    // Opacity 0 leaves the CT's grey alone under the label.
    await setSetting('overlayOpacity', 0);
    await until('the background grey alone', async () => {
      const c = await drawn();
      return c && !isFull(c) && c[0] === c[1] && c[1] === c[2] ? true : undefined;
    });
  });

  it('keeps the slice when the tab is hidden (webview discarded) and shown again', async () => {
    const uri = fixture(MASK);
    await openAndWait(uri);
    await probe(uri, 'axial', 1, [[0, 0, 1]]);
    // Another editor in the same group hides the viewer; without retainContextWhenHidden its webview goes.
    await vscode.commands.executeCommand('vscode.openWith', fixture('viewer/mask_asl.nii.gz'), 'maskInspector.viewer');
    await renderedState(fixture('viewer/mask_asl.nii.gz'));
    await vscode.commands.executeCommand('vscode.openWith', uri, 'maskInspector.viewer');
    const doc = await until('the viewer to come back', async () => {
      const d = await documentState(uri);
      return d && d.panels[0]!.starts >= 2 && d.panels[0]!.rendered?.views.length ? d : undefined;
    });
    assert.deepEqual(doc.panels[0]!.rendered!.views, [{ plane: 'axial', index: 1 }]);
  });

  it('reloads when the file changes on disk', async () => {
    // A copy in the throwaway workspace, rewritten in place by the test as a training run would
    // rewrite a prediction.
    const copy = fixture('viewer/changing.nii.gz');
    await vscode.workspace.fs.copy(fixture(MASK), copy, { overwrite: true });
    const before = await openAndWait(copy);
    assert.deepEqual(before.labels?.map((l) => l.value), [1, 2, 7]);
    await vscode.workspace.fs.writeFile(copy, await vscode.workspace.fs.readFile(fixture('viewer/ct_ras.nii.gz')));
    // The CT has hundreds of distinct values: the label list changes, and the view stays up.
    await until('the reload', async () => {
      const d = await documentState(copy);
      return d?.state === 'ready' && (d.labels?.length ?? 0) > 3 && d.panels[0]!.rendered?.view === 'volume' ? d : undefined;
    });
  });

  it('opens a PNG mask through "Open With" (the PNG viewType)', async () => {
    const doc = await openAndWait(fixture('io/palette.png'), 'maskInspector.pngViewer');
    assert.equal(doc.state, 'ready');
    assert.equal(doc.panels[0]!.rendered!.view, 'volume');
    assert.ok((doc.labels ?? []).length > 0);
  });
});
