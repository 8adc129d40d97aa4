// Label names in a real VS Code: the viewer says which file named its labels; "Use Label Names
// From…" applies a preset (remembered for the folder, so a mask opened again keeps it) and can be
// undone; a chosen label file that names fewer labels than a comparison's masks hold is reported in
// one sentence, and its names reach the comparison.
import * as assert from 'node:assert/strict';
import { afterEach, before, describe, it } from 'mocha';
import * as vscode from 'vscode';
import { api, compareState, until as untilCompared } from './compareHelpers';
import { closeAll, documentState, EXTENSION_ID, fixture, openAndWait, until } from './viewerHelpers';

const MASK = 'viewer/mask_ras.nii.gz';
const USE = 'maskInspector.useLabelNamesFrom';

describe('label names', function () {
  this.timeout(60000);

  before(async () => {
    await vscode.extensions.getExtension(EXTENSION_ID)?.activate();
  });

  afterEach(async () => {
    // Choices are remembered per workspace folder: put the default lookup back for other tests.
    await vscode.commands.executeCommand(USE, fixture(MASK), null);
    await closeAll();
  });

  it('the viewer names the label file it used; a preset replaces it, is remembered, and can be undone', async () => {
    const uri = fixture(MASK);
    const opened = await openAndWait(uri);
    assert.deepEqual(opened.labelNames, { origin: { kind: 'file', path: 'viewer/mask_ras.labels.json', chosen: false }, fromSetting: false, warning: null });

    await vscode.commands.executeCommand(USE, uri, { kind: 'preset', id: 'kits21' });
    const withPreset = await until('the preset names', async () => {
      const d = await documentState(uri);
      return d?.labelNames?.origin.kind === 'preset' ? d : undefined;
    });
    // mask_ras holds labels 1, 2 and 7 (make_viewer_fixtures.py); KiTS names 1 kidney, 2 tumor, 3 cyst.
    assert.deepEqual(withPreset.labels?.map((l) => [l.value, l.name ?? null]), [[1, 'kidney'], [2, 'tumor'], [7, null]]);
    assert.equal(withPreset.labelNames?.warning, 'The preset KiTS21 / KiTS23 (kidney, tumor, cyst) names 2 of the 3 labels present (no name for 7): check that it describes this mask.');

    await closeAll();
    await until('the document to close', async () => ((await documentState(uri)) ? undefined : true));
    const reopened = await openAndWait(uri);
    assert.equal(reopened.labelNames?.origin.kind, 'preset', 'the choice is remembered for the folder');
    assert.equal(reopened.labels?.[0]?.name, 'kidney');

    await vscode.commands.executeCommand(USE, uri, null);
    await until('the label file again', async () => ((await documentState(uri))?.labelNames?.origin.kind === 'file' ? true : undefined));
    assert.equal((await documentState(uri))?.labels?.[0]?.name, 'liver');
  });

  it('a chosen label file naming 4 of the 6 labels of a comparison is reported once, and names them', async () => {
    const reference = fixture('metrics/multilabel_ref.nii.gz');
    await vscode.commands.executeCommand(USE, reference, { kind: 'file', uri: fixture('labels/labels.json').toString() });
    await (await api()).compare(reference, fixture('metrics/multilabel_pred.nii.gz'));
    const c = await untilCompared('the names', async () => (await compareState()).comparisons.find((x) => x.state === 'ready'));
    assert.deepEqual(c.labelNames.origin, { kind: 'file', path: 'labels/labels.json', chosen: true });
    assert.equal(c.labelNames.warning, 'labels/labels.json names 4 of the 6 labels present (no name for 4, 6): check that it describes these masks.');
    assert.deepEqual(c.names, [[1, 'liver'], [2, 'spleen'], [3, 'right kidney'], [5, 'aorta']]);
  });
});
