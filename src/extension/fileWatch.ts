// Reacts when a shown or compared file changes on disk (a training run writes a new prediction):
// one callback per burst of change events, after the writer has settled. A header-only file
// (.nhdr, .mhd) keeps its voxels in data files it names, and a new prediction may rewrite only
// those: they are watched too, and found again whenever the header changes.
import * as vscode from 'vscode';
import { isInputError } from '../core/errors';
import { formatOfName } from '../core/formats/formatTable';
import { readFilePrefix } from '../core/io/byteSource';
import { MAX_NRRD_HEADER_BYTES } from '../core/io/nrrd/nrrdHeader';
import { companionFiles } from '../core/io/open';
import { fileNameOf } from './maskFiles';

const SETTLE_MS = 300;

function folderOf(uri: vscode.Uri): vscode.Uri {
  const slash = uri.path.lastIndexOf('/');
  return uri.with({ path: uri.path.slice(0, slash) || '/' });
}

/** The detached data files a header names (none for single-file formats, or a header that cannot be read). */
export async function detachedDataUris(uri: vscode.Uri): Promise<vscode.Uri[]> {
  const format = formatOfName(fileNameOf(uri))?.format;
  if (!format || !('detachedData' in format && format.detachedData)) return [];
  try {
    // The header is at the start: on this machine's disk only it is read, elsewhere the whole file.
    const bytes = uri.scheme === 'file' ? (await readFilePrefix(uri.fsPath, MAX_NRRD_HEADER_BYTES)).prefix : await vscode.workspace.fs.readFile(uri);
    return companionFiles(fileNameOf(uri), bytes).map((n) => (n.startsWith('/') ? uri.with({ path: n }) : vscode.Uri.joinPath(uri, '..', n)));
  } catch (e) {
    // A header that is wrong or gone: the reload that follows says why.
    if (isInputError(e) || e instanceof vscode.FileSystemError || (e instanceof Error && 'code' in e)) return [];
    throw e;
  }
}

/** One watcher per folder for the files in it; created as well as changed (many writers replace a file by renaming). */
function watchIn(files: readonly vscode.Uri[], changed: (uri: vscode.Uri) => void): vscode.Disposable[] {
  const byFolder = new Map<string, { folder: vscode.Uri; paths: Set<string> }>();
  for (const f of files) {
    const folder = folderOf(f);
    const entry = byFolder.get(folder.toString()) ?? { folder, paths: new Set<string>() };
    entry.paths.add(f.path);
    byFolder.set(folder.toString(), entry);
  }
  return [...byFolder.values()].map(({ folder, paths }) => {
    // One file: a pattern of its name; several (a LIST of slices): the folder, filtered here.
    const pattern = paths.size === 1 ? new vscode.RelativePattern(folder, fileNameOf(files.find((f) => paths.has(f.path))!)) : new vscode.RelativePattern(folder, '*');
    const watcher = vscode.workspace.createFileSystemWatcher(pattern, false, false, true);
    const on = (uri: vscode.Uri): void => {
      if (paths.has(uri.path)) changed(uri);
    };
    return vscode.Disposable.from(watcher, watcher.onDidChange(on), watcher.onDidCreate(on));
  });
}

export function watchFiles(uris: readonly vscode.Uri[], onChange: () => void): vscode.Disposable {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let disposed = false;
  const settle = (): void => {
    clearTimeout(timer);
    timer = setTimeout(onChange, SETTLE_MS);
  };
  let dataWatchers: vscode.Disposable[] = [];
  const watchData = async (): Promise<void> => {
    const data = (await Promise.all(uris.map(detachedDataUris))).flat();
    if (disposed) return;
    for (const w of dataWatchers) w.dispose();
    dataWatchers = watchIn(data, settle);
  };
  const headerWatchers = watchIn(uris, () => {
    settle();
    // The header may name other data files now.
    void watchData();
  });
  void watchData();
  return new vscode.Disposable(() => {
    disposed = true;
    clearTimeout(timer);
    for (const w of [...headerWatchers, ...dataWatchers]) w.dispose();
  });
}
