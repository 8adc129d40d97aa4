// What every row of the format table (src/core/formats/formatTable.ts) needs from its reader. Two
// ways in: a path (CLI, worker: the reader streams from disk and opens detached data files itself)
// and bytes already read (the VS Code host reads through vscode.workspace.fs, so it first asks
// `companions` which other files the header names, reads those too, and hands them over).
import type { ReadOptions, VolumeSource } from './api';

/** Detached files' bytes by the name the header uses for them (relative to the header's folder). */
export type Companions = ReadonlyMap<string, Uint8Array>;

export interface FormatReader {
  /**
   * The other files (relative paths as written in the header) this file's voxels live in; none
   * for formats that keep everything in one file. Reads the header only.
   */
  companions(name: string, bytes: Uint8Array): readonly string[];
  /** Opens a regular file on disk (the caller checked it is one; the reader refuses an empty one). */
  openFile(path: string, opts: ReadOptions): Promise<VolumeSource>;
  /** Opens a file held in memory; `name` names it in messages. */
  openBytes(name: string, bytes: Uint8Array, opts: ReadOptions, companions: Companions): VolumeSource;
  /** A folder as one volume (formats whose row has folderOfSlices or folderOfOneObject). */
  openFolder?(path: string, opts: ReadOptions): Promise<VolumeSource>;
  /** folderOfOneObject rows: whether the folder holds files of this format at all (then openFolder opens it). */
  claimsFolder?(path: string): Promise<boolean>;
}

export const NO_COMPANIONS: Companions = new Map();
