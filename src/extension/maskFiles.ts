// Reading a mask or image file for a worker: its bytes, and for a header-only file (NRRD .nhdr,
// MetaImage .mhd) the detached data files its header names, read next to it through
// vscode.workspace.fs (so remote and virtual workspaces work as for single files). The worker opens
// them together; a detached file that cannot be read is left out and the worker's reader names it.
import * as vscode from 'vscode';
import { isInputError } from '../core/errors';
import { companionFiles } from '../core/io/open';
import { MissingFileError } from '../core/io/regularFile';
import type { MaskFileBytes } from './detachedFiles';
import { readRegularUri } from './readRegularUri';

/** The file name a URI ends in: what the readers pick the format by and what sentences name. */
export function fileNameOf(uri: vscode.Uri): string {
  return uri.path.slice(uri.path.lastIndexOf('/') + 1);
}

function companionUri(header: vscode.Uri, name: string): vscode.Uri {
  if (name.startsWith('/')) return header.with({ path: name });
  return vscode.Uri.joinPath(header, '..', name);
}

export async function readMaskFile(uri: vscode.Uri): Promise<MaskFileBytes> {
  const bytes = await readRegularUri(uri, { role: 'a mask or image file' });
  const name = fileNameOf(uri);
  let names: readonly string[] = [];
  try {
    names = companionFiles(name, bytes);
  } catch (e) {
    // The header itself is wrong: the worker's reader says how, in the same sentence as the CLI.
    if (!isInputError(e)) throw e;
  }
  const read = await Promise.all(names.map(async (n) => {
    try {
      return { name: n, bytes: await readRegularUri(companionUri(uri, n), { role: 'a detached data file' }) };
    } catch (e) {
      // Not a regular file (a FIFO would hang the read): one sentence; missing ones the reader names.
      if (isInputError(e) && !(e instanceof MissingFileError)) throw e;
      return undefined;
    }
  }));
  return { name, bytes, companions: read.filter((c) => c !== undefined) };
}
