// How an editor hands a file to its worker through the volume cache: held, borrowed from another
// editor's worker that has it decoded already (nothing is read); otherwise by path on this machine's
// disk (the worker streams it) or as bytes read through vscode.workspace.fs (remote and virtual
// workspaces). After its worker answers, the editor holds the file in the cache and lends it on.
import * as vscode from 'vscode';
import type { NamedFile } from './detachedFiles';
import { readMaskFile } from './maskFiles';
import { checkRegularUri } from './readRegularUri';
import type { FileStamp, Lender, VolumeCache } from './volumeCache';

export interface FileForWorker {
  readonly uri: vscode.Uri;
  readonly named: NamedFile;
  /** Undefined for what the cache must not hold (see cacheStamp). */
  readonly stamp: FileStamp | undefined;
}

const nameOf = (uri: vscode.Uri): string => uri.path.slice(uri.path.lastIndexOf('/') + 1);

/** `uri` as its worker should get it: held from the cache, else by path (file: URIs) or bytes. */
export async function fileForWorker(cache: VolumeCache, uri: vscode.Uri): Promise<FileForWorker> {
  const stamp = await cacheStamp(uri);
  const held = stamp && (await cache.borrow(uri.toString(), stamp));
  if (held) return { uri, named: { name: nameOf(uri), held }, stamp };
  cache.noteRead(uri.toString());
  if (uri.scheme !== 'file') return { uri, named: await readMaskFile(uri), stamp };
  await checkRegularUri(uri, { role: 'a mask or image file' });
  return { uri, named: { name: nameOf(uri), path: uri.fsPath }, stamp };
}

/** After its worker took `file`: `holder` holds it and lends it through `lend`, when the worker can. */
export function holdAnswered(cache: VolumeCache, holder: object, file: FileForWorker, lendable: boolean, lend: Lender): void {
  if (file.stamp && lendable) cache.hold(holder, file.uri.toString(), file.stamp, lend);
}

/**
 * The size and modification time a cached volume of `uri` is stamped with. Undefined for a folder
 * (PNG slices, a DICOM SEG folder) and for a header whose voxels are in other files (.nhdr, .mhd):
 * rewriting what they point to changes neither stamp, so they are read each time.
 */
async function cacheStamp(uri: vscode.Uri): Promise<FileStamp | undefined> {
  const lower = uri.path.toLowerCase();
  if (lower.endsWith('.nhdr') || lower.endsWith('.mhd')) return undefined;
  try {
    const stat = await vscode.workspace.fs.stat(uri);
    return (stat.type & vscode.FileType.File) !== 0 ? { size: stat.size, mtime: stat.mtime } : undefined;
  } catch {
    return undefined; // not there: the read that follows says so in its own sentence
  }
}
