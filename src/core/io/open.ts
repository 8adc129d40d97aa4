// Entry points: open a mask or image volume from a path (CLI, worker) or from bytes already read
// (the VS Code host reads through vscode.workspace.fs). The format comes from the name's extension;
// gzip is then recognised by magic bytes, so a mislabelled .nii/.nii.gz still reads.
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { InputError } from '../errors';
import type { ReadOptions, VolumeSource } from './api';
import { fileByteSource, isGzip, memoryByteSource, readFilePrefix } from './byteSource';
import { createNiftiSource, niftiHeaderBytes } from './niftiSource';
import { openPngFromBytes, openPngSeriesFolder } from './pngOpen';

type Format = 'nifti' | 'png';

function formatOf(name: string): Format | undefined {
  const lower = name.toLowerCase();
  if (lower.endsWith('.nii') || lower.endsWith('.nii.gz')) return 'nifti';
  if (lower.endsWith('.png')) return 'png';
  return undefined;
}

function unknownFormat(name: string): InputError {
  return new InputError(`${name} is not a supported mask file (expected .nii, .nii.gz, .png or a folder of .png slices).`);
}

async function statOrThrow(path: string): Promise<{ size: number; isDirectory: boolean }> {
  try {
    const s = await stat(path);
    return { size: s.size, isDirectory: s.isDirectory() };
  } catch (e) {
    const code = typeof e === 'object' && e !== null && 'code' in e ? String(e.code) : '';
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new InputError(`${path} does not exist.`);
    if (code === 'EACCES' || code === 'EPERM') throw new InputError(`${path} cannot be read (permission denied).`);
    throw e;
  }
}

/** Opens a .nii, .nii.gz or .png file, or a folder of per-slice .png files (natural sort order). */
export async function openVolume(path: string, opts: ReadOptions = {}): Promise<VolumeSource> {
  const { size, isDirectory } = await statOrThrow(path);
  if (isDirectory) return openPngSeriesFolder(path, opts);
  const format = formatOf(basename(path));
  if (!format) throw unknownFormat(path);
  if (size === 0) throw new InputError(`${path} is empty (0 bytes).`);
  if (format === 'png') return openPngFromBytes(path, new Uint8Array(await readFile(path)), opts);
  const prefix = await readFilePrefix(path, Math.min(size, 1 << 20));
  const gzip = isGzip(prefix);
  const header = niftiHeaderBytes(path, gzip, size, (n) => prefix.subarray(0, n));
  return createNiftiSource(fileByteSource(path, size, gzip), header, opts);
}

/** Opens a .nii, .nii.gz or .png held in memory; `name` picks the format and names the file in messages. */
export function openVolumeFromBytes(name: string, bytes: Uint8Array, opts: ReadOptions = {}): VolumeSource {
  const format = formatOf(name);
  if (!format) throw unknownFormat(name);
  if (bytes.length === 0) throw new InputError(`${name} is empty (0 bytes).`);
  if (format === 'png') return openPngFromBytes(name, bytes, opts);
  const gzip = isGzip(bytes);
  const header = niftiHeaderBytes(name, gzip, bytes.length, (n) => bytes.subarray(0, n));
  return createNiftiSource(memoryByteSource(name, bytes, gzip), header, opts);
}
