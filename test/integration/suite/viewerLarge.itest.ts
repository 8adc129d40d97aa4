// A 512×512×1000 mask in a real VS Code: it opens and shows its first slice within seconds, slices
// keep coming quickly, and the size limit refuses it with a message instead of loading it.
// The pair is written at test time (by the CLI's phantom command) into the throwaway workspace.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { after, before, describe, it } from 'mocha';
import * as vscode from 'vscode';
import { closeAll, documentState, EXTENSION_ID, fixture, openAndWait, probe, setSetting, until } from './viewerHelpers';

describe('viewer with a 512×512×1000 mask', function () {
  this.timeout(120000);

  before(async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension);
    await extension.activate();
    const out = fixture('large').fsPath;
    // process.execPath is node under code-server and Electron in desktop VS Code; both run the CLI as node.
    execFileSync(process.execPath, [join(extension.extensionPath, 'dist', 'cli.js'), 'phantom', out, '--shape', '512,512,1000', '--no-image'], {
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
      stdio: 'ignore',
    });
  });

  after(async () => {
    await closeAll();
    await setSetting('maxVolumeMegabytes', undefined);
  });

  it('shows its first slice within seconds, and later slices quickly', async () => {
    const uri = fixture('large/reference.nii.gz');
    const started = Date.now();
    await vscode.commands.executeCommand('vscode.openWith', uri, 'maskInspector.viewer');
    const doc = await until('the first slice', async () => {
      const d = await documentState(uri);
      return d?.panels[0]?.rendered?.views.length ? d : undefined;
    }, 60000);
    const firstSliceMs = Date.now() - started;
    console.log(`[viewer] 512×512×1000: first slice drawn after ${firstSliceMs} ms`);
    assert.equal(doc.state, 'ready');
    assert.ok(firstSliceMs < 20000, `first slice after ${firstSliceMs} ms`);

    const t0 = Date.now();
    const indices = [0, 100, 200, 300, 400, 500, 600, 700, 800, 999];
    for (const index of indices) {
      const r = await probe(uri, 'axial', index, [[256, 256, index]]);
      assert.equal(r.index, index);
    }
    const perSlice = (Date.now() - t0) / indices.length;
    console.log(`[viewer] 512×512×1000: ${perSlice.toFixed(1)} ms per uncached axial slice, host round trip included`);
    assert.ok(perSlice < 1000, `${perSlice} ms per slice`);
  });

  it('refuses it with a message when it is over maskInspector.maxVolumeMegabytes', async () => {
    await setSetting('maxVolumeMegabytes', 100);
    const doc = await openAndWait(fixture('large/prediction.nii.gz'));
    assert.equal(doc.state, 'error');
    assert.match(doc.panels[0]!.rendered!.message ?? '', /^prediction\.nii\.gz needs 250 MB .* maskInspector\.maxVolumeMegabytes limit of 100 MB; raise that setting if this machine has the memory\.$/);
  });
});
