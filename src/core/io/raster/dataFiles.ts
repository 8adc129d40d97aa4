// Detached voxel files of NRRD (.nhdr) and MetaImage (.mhd) headers: where they are (named relative
// to the header's folder, or absolute), how a path or a host's companion bytes become a PieceStore,
// and the one sentence for a file that is not there. Pieces of one volume are cut out of the files
// here too (a 4-D file's chosen volume, or the run of slice files that holds it).
import { dirname, isAbsolute, join } from 'node:path';
import { InputError } from '../../errors';
import type { Companions } from '../formatReader';
import { MissingFileError, notAFileSentence, pathKind } from '../regularFile';
import type { PieceCompression, PieceStore, RasterPiece } from './rasterPieces';

/** The bytes after the header in the header's own file (NRRD attached, MetaImage LOCAL). */
export interface AttachedData {
  readonly kind: 'attached';
}

export type DataFileList = AttachedData | { readonly kind: 'files'; readonly names: readonly string[] };

export function dataFilePath(headerPath: string, dataName: string): string {
  return isAbsolute(dataName) ? dataName : join(dirname(headerPath), dataName);
}

/** The store of a detached data file on disk; one sentence when it is missing or not a file. */
export async function fileStore(headerPath: string, dataName: string): Promise<PieceStore> {
  const path = dataFilePath(headerPath, dataName);
  let found: Awaited<ReturnType<typeof pathKind>>;
  try {
    found = await pathKind(path);
  } catch (e) {
    if (e instanceof MissingFileError) throw new InputError(`${headerPath} names its data file ${dataName}, which does not exist (looked for ${path}).`);
    throw e;
  }
  if (found.kind !== 'file') throw new InputError(notAFileSentence(path, found.kind, `the data file of ${headerPath}`));
  return { kind: 'file', path, size: found.size };
}

/** The store of a detached data file the host read for us (see FormatReader.companions). */
export function memoryStore(headerName: string, dataName: string, companions: Companions): PieceStore {
  const bytes = companions.get(dataName);
  if (!bytes) throw new InputError(`${headerName} names its data file ${dataName}, which does not exist next to it.`);
  return { kind: 'memory', bytes };
}

export interface PieceRun {
  /** Each file's name and store, in order; each holds `bytesPerFile` voxel bytes after `skip`. */
  readonly files: readonly { readonly name: string; readonly store: PieceStore; readonly storedStart: number; readonly storedEnd?: number }[];
  readonly bytesPerFile: number;
  readonly skip: number;
  readonly compression: PieceCompression;
}

/**
 * The pieces holding bytes [start, start + length) of the data the files hold back to back: whole
 * files are dropped or trimmed (a trimmed compressed file is still inflated from its start).
 */
export function piecesFor(run: PieceRun, start: number, length: number): RasterPiece[] {
  const pieces: RasterPiece[] = [];
  run.files.forEach((f, n) => {
    const from = Math.max(start, n * run.bytesPerFile);
    const to = Math.min(start + length, (n + 1) * run.bytesPerFile);
    if (to <= from) return;
    const within = from - n * run.bytesPerFile;
    const skip = run.skip < 0 ? -1 : run.skip + within;
    if (run.skip < 0 && (within !== 0 || to - from !== run.bytesPerFile)) {
      throw new InputError(`${f.name} gives its data's position from its end (a skip of -1), which is read only for whole files.`);
    }
    pieces.push({ name: f.name, store: f.store, storedStart: f.storedStart, ...(f.storedEnd === undefined ? {} : { storedEnd: f.storedEnd }), compression: run.compression, skip, length: to - from });
  });
  return pieces;
}
