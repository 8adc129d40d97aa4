// Masks on a file system that is not the extension host's disk (a remote or virtual workspace): the
// host reads them through vscode.workspace.fs and hands the worker their bytes, detached data files
// included. A provider registered here serves copies of fixtures, each as a view into a larger
// buffer (as bytes cut from an IPC message are): the viewer and the comparison must show exactly
// what they show for the same files on disk.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'mocha';
import * as vscode from 'vscode';
import { api } from './compareHelpers';
import { closeAll, documentState, EXTENSION_ID, fixture, openAndWait, setSetting } from './viewerHelpers';

const SCHEME = 'maskinspector-test-memory';

/** A read-only file system of fixture copies; every read returns a view at an offset of a larger buffer. */
class FixtureFileSystem implements vscode.FileSystemProvider {
  private readonly files = new Map<string, Uint8Array>();
  private readonly changed = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.changed.event;
  reads = 0;

  add(relative: string): vscode.Uri {
    const bytes = readFileSync(fixture(relative).fsPath);
    this.files.set(`/${relative}`, bytes);
    return vscode.Uri.from({ scheme: SCHEME, path: `/${relative}` });
  }

  private bytesOf(uri: vscode.Uri): Uint8Array {
    const bytes = this.files.get(uri.path);
    if (!bytes) throw vscode.FileSystemError.FileNotFound(uri);
    return bytes;
  }

  stat(uri: vscode.Uri): vscode.FileStat {
    if (this.files.has(uri.path)) return { type: vscode.FileType.File, ctime: 0, mtime: 1, size: this.bytesOf(uri).length };
    if ([...this.files.keys()].some((p) => p.startsWith(`${uri.path.replace(/\/$/, '')}/`))) return { type: vscode.FileType.Directory, ctime: 0, mtime: 1, size: 0 };
    throw vscode.FileSystemError.FileNotFound(uri);
  }

  readFile(uri: vscode.Uri): Uint8Array {
    this.reads++;
    const bytes = this.bytesOf(uri);
    const message = Buffer.alloc(bytes.length + 1000, 0x5a);
    message.set(bytes, 500);
    return message.subarray(500, 500 + bytes.length);
  }

  readDirectory(uri: vscode.Uri): [string, vscode.FileType][] {
    const prefix = `${uri.path.replace(/\/$/, '')}/`;
    const names = new Map<string, vscode.FileType>();
    for (const p of this.files.keys()) {
      if (!p.startsWith(prefix)) continue;
      const [first, ...rest] = p.slice(prefix.length).split('/');
      names.set(first!, rest.length > 0 ? vscode.FileType.Directory : vscode.FileType.File);
    }
    return [...names];
  }

  watch(): vscode.Disposable {
    return new vscode.Disposable(() => undefined);
  }

  createDirectory(uri: vscode.Uri): void {
    throw vscode.FileSystemError.NoPermissions(uri);
  }

  writeFile(uri: vscode.Uri): void {
    throw vscode.FileSystemError.NoPermissions(uri);
  }

  delete(uri: vscode.Uri): void {
    throw vscode.FileSystemError.NoPermissions(uri);
  }

  rename(uri: vscode.Uri): void {
    throw vscode.FileSystemError.NoPermissions(uri);
  }
}

async function labelsShown(uri: vscode.Uri): Promise<readonly { value: number; voxelCount: number }[]> {
  const doc = await openAndWait(uri);
  assert.equal(doc.state, 'ready', `${uri.toString()}: ${doc.message ?? ''}`);
  const labels = (await documentState(uri))?.labels;
  assert.ok(labels && labels.length > 0, `${uri.toString()} lists labels`);
  return labels.map(({ value, voxelCount }) => ({ value, voxelCount }));
}

describe('masks on a virtual file system (read through workspace.fs)', function () {
  this.timeout(90_000);
  const memory = new FixtureFileSystem();
  let registration: vscode.Disposable;

  before(async () => {
    await vscode.extensions.getExtension(EXTENSION_ID)?.activate();
    await setSetting('palette', 'auto');
    registration = vscode.workspace.registerFileSystemProvider(SCHEME, memory, { isReadonly: true });
  });

  after(async () => {
    await closeAll();
    registration.dispose();
  });

  it('the viewer shows the labels the same file shows on disk: gzip and plain NIfTI, and a .nhdr with its detached data', async () => {
    for (const relative of ['metrics/multilabel_ref.nii.gz', 'io/dt_uint8.nii', 'formats/itk_multilabel.nhdr']) {
      if (relative.endsWith('.nhdr')) memory.add('formats/itk_multilabel_nhdr.raw');
      const virtual = memory.add(relative);
      const before = memory.reads;
      const shown = await labelsShown(virtual);
      assert.ok(memory.reads > before, `${relative} was read through the provider`);
      assert.deepEqual(shown, await labelsShown(fixture(relative)), relative);
      await closeAll();
    }
  });

  it('a comparison of two masks on it gives the Dice the same files give on disk', async () => {
    const [ref, pred] = ['metrics/multilabel_ref.nii.gz', 'metrics/multilabel_pred.nii.gz'];
    const mi = await api();
    await mi.compare(memory.add(ref), memory.add(pred));
    const virtual = mi.activeComparison();
    assert.ok(virtual, 'the virtual comparison is active');
    assert.equal(virtual.reference.scheme, SCHEME);
    await closeAll();
    await mi.compare(fixture(ref), fixture(pred));
    const onDisk = mi.activeComparison();
    assert.ok(onDisk);
    assert.equal(onDisk.reference.scheme, 'file');
    const metrics = (c: typeof onDisk): unknown => ({ ...c, reference: undefined, prediction: undefined });
    assert.ok(virtual.volumeDice !== null && virtual.volumeDice > 0 && virtual.volumeDice < 1, `Dice ${virtual.volumeDice}`);
    assert.deepEqual(metrics(virtual), metrics(onDisk));
  });
});
