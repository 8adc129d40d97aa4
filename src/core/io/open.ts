// Entry points: open a mask or image volume from a path (CLI, worker) or from bytes already read
// (the VS Code host reads through vscode.workspace.fs). The format comes from the name's extension
// as listed in the format table, else from the file's magic bytes; the row's reader does the rest.
// Only regular files are opened (see regularFile.ts).
import { InputError } from '../errors';
import { extensionList, FORMAT_TABLE, formatOfMagic, formatOfName, type FileFormat } from '../formats/formatTable';
import type { ReadOptions, VolumeSource } from './api';
import { readFilePrefix } from './byteSource';
import { NO_COMPANIONS, type Companions, type FormatReader } from './formatReader';
import { READERS } from './readers';
import { notAFileSentence, pathKind } from './regularFile';

/** Enough stored bytes for every row's magic. */
const MAGIC_PREFIX = 132;

function unknownFormat(name: string): InputError {
  const folders = FORMAT_TABLE.flatMap((f) => [
    ...('folderOfSlices' in f && f.folderOfSlices ? [`a folder of ${f.extensions[0]} slices`] : []),
    ...('folderOfOneObject' in f && f.folderOfOneObject ? [`a folder holding one ${f.name} object`] : []),
  ]);
  return new InputError(`${name} is not a supported mask file (expected ${[extensionList(), ...folders].join(' or ')}).`);
}

/** The last part of a path or URI path, with either separator (no node:path: browser hosts open bytes too). */
function baseName(path: string): string {
  return path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
}

function readerOf(name: string, prefix: Uint8Array): FormatReader {
  const format: FileFormat | undefined = formatOfName(baseName(name))?.format ?? formatOfMagic(prefix);
  if (!format) throw unknownFormat(name);
  return READERS[format.id];
}

/**
 * Opens a mask or image file of any format in the table, a folder holding one DICOM SEG object, or
 * else a folder of slices (PNG, natural sort order).
 */
export async function openVolume(path: string, opts: ReadOptions = {}): Promise<VolumeSource> {
  const { kind } = await pathKind(path);
  if (kind === 'directory') {
    for (const f of FORMAT_TABLE) {
      const reader = READERS[f.id];
      if ('folderOfOneObject' in f && f.folderOfOneObject && reader.openFolder && (await reader.claimsFolder?.(path))) return reader.openFolder(path, opts);
    }
    const folderFormat = FORMAT_TABLE.find((f) => 'folderOfSlices' in f && f.folderOfSlices);
    const openFolder = folderFormat ? READERS[folderFormat.id].openFolder : undefined;
    if (!openFolder) throw unknownFormat(path);
    return openFolder(path, opts);
  }
  const known = formatOfName(baseName(path));
  if (kind !== 'file') {
    if (!known) throw unknownFormat(path);
    throw new InputError(notAFileSentence(path, kind, 'a mask or image file'));
  }
  if (known) return READERS[known.format.id].openFile(path, opts);
  const { prefix, size } = await readFilePrefix(path, MAGIC_PREFIX);
  if (size === 0) throw unknownFormat(path);
  return readerOf(path, prefix).openFile(path, opts);
}

/**
 * Opens a file held in memory; `name` picks the format (else its magic bytes) and names the file in
 * messages. `companions` holds the detached files its header names (see companionFiles).
 */
export function openVolumeFromBytes(name: string, bytes: Uint8Array, opts: ReadOptions = {}, companions: Companions = NO_COMPANIONS): VolumeSource {
  const reader = readerOf(name, bytes);
  if (bytes.length === 0) throw new InputError(`${name} is empty (0 bytes).`);
  return reader.openBytes(name, bytes, opts, companions);
}

/**
 * The other files (paths relative to the file's folder) a host must read and pass to
 * openVolumeFromBytes: detached voxel data of .nhdr and .mhd headers. Empty for single-file formats.
 */
export function companionFiles(name: string, bytes: Uint8Array): readonly string[] {
  if (bytes.length === 0) return [];
  return readerOf(name, bytes).companions(name, bytes);
}
