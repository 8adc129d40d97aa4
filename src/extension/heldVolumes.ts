// How an editor hands a file to its worker through the volume cache: held, borrowed from another
// editor's worker that has it decoded already (nothing is read); otherwise by path on this machine's
// disk (the worker streams it) or as bytes read through vscode.workspace.fs (remote and virtual
// workspaces). After its worker answers, the editor holds the file in the cache and lends it on.
import * as vscode from 'vscode';
import type { NamedFile } from './detachedFiles';
import { detachedDataUris } from './fileWatch';
import { fileNameOf, readMaskFile } from './maskFiles';
import { checkRegularUri } from './readRegularUri';
import type { FileStamp, Lender, VolumeCache } from './volumeCache';
import { statUri } from './statUri';

export interface FileForWorker {
  readonly uri: vscode.Uri;
  readonly named: NamedFile;
  /** Undefined for what the cache must not hold (see cacheStamp). */
  readonly stamp: FileStamp | undefined;
}

/** `uri` as its worker should get it: held from the cache, else by path (file: URIs) or bytes. */
export async function fileForWorker(cache: VolumeCache, uri: vscode.Uri): Promise<FileForWorker> {
  const stamp = await cacheStamp(uri);
  const held = stamp && (await cache.borrow(uri.toString(), stamp));
  if (held) return { uri, named: { name: fileNameOf(uri), held }, stamp };
  cache.noteRead(uri.toString());
  if (uri.scheme !== 'file') return { uri, named: await readMaskFile(uri), stamp };
  await checkRegularUri(uri, { role: 'a mask or image file' });
  return { uri, named: { name: fileNameOf(uri), path: uri.fsPath }, stamp };
}

/** After its worker took `file`: `holder` holds it and lends it through `lend`, when the worker can. */
export function holdAnswered(cache: VolumeCache, holder: object, file: FileForWorker, lendable: boolean, lend: Lender): void {
  if (file.stamp && lendable) cache.hold(holder, file.uri.toString(), file.stamp, lend);
}

/**
 * The size and modification time a cached volume of `uri` is stamped with. Undefined for a folder
 * (PNG slices, a DICOM SEG folder) and for a header whose voxels are in data files it names (.nhdr,
 * .mhd, a .nrrd with a `data file` field; found as the file watcher finds them): rewriting what they
 * point to changes neither stamp, so they are read each time.
 */
async function cacheStamp(uri: vscode.Uri): Promise<FileStamp | undefined> {
  try {
    const stat = await statUri(uri);
    if ((stat.type & vscode.FileType.File) === 0) return undefined;
    if ((await detachedDataUris(uri)).length > 0) return undefined;
    return { size: stat.size, mtime: stat.mtime };
  } catch {
    return undefined; // not there: the read that follows says so in its own sentence
  }
}
