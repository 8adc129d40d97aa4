// The extension reads masks, backgrounds and label files through vscode.workspace.fs (remote and
// virtual workspaces too). readFile on a FIFO in the workspace would never return and hang the
// editor, and on a device would read forever, so every read first checks, as the core readers do,
// that the resource is a regular file: on disk with the core's link-following check (bounded hops,
// one sentence naming a loop, a FIFO, a socket, a device), elsewhere from the file system's stat.
import * as vscode from 'vscode';
import { InputError } from '../core/errors';
import { notAFileSentence, pathKind } from '../core/io/regularFile';
import { statUri } from './statUri';

export interface ReadLimits {
  /** What the file was wanted as, for the sentence: "a label file". */
  readonly role: string;
  /** Larger files are refused before reading. */
  readonly maxBytes?: number;
}

/** What the resource is, refused in one sentence unless it is a regular file; its size. */
export async function checkRegularUri(uri: vscode.Uri, limits: ReadLimits): Promise<number> {
  const name = uri.scheme === 'file' ? uri.fsPath : uri.toString(true);
  if (uri.scheme === 'file') {
    const { kind } = await pathKind(uri.fsPath);
    if (kind !== 'file') throw new InputError(notAFileSentence(name, kind, limits.role));
  }
  const stat = await statUri(uri);
  if ((stat.type & vscode.FileType.File) === 0) {
    throw new InputError(notAFileSentence(name, (stat.type & vscode.FileType.Directory) !== 0 ? 'directory' : 'other', limits.role));
  }
  if (limits.maxBytes !== undefined && stat.size > limits.maxBytes) {
    throw new InputError(`${name} is ${stat.size} bytes, more than the ${limits.maxBytes} bytes allowed for ${limits.role}.`);
  }
  return stat.size;
}

/** The bytes of a regular file (checkRegularUri first). */
export async function readRegularUri(uri: vscode.Uri, limits: ReadLimits): Promise<Uint8Array> {
  await checkRegularUri(uri, limits);
  return vscode.workspace.fs.readFile(uri);
}
