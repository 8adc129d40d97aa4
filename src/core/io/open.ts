// Entry points: open a mask or image volume from a path (CLI, worker) or from bytes already read
// (the VS Code host reads through vscode.workspace.fs). The format comes from the name's extension;
// gzip is then recognised by magic bytes, so a mislabelled .nii/.nii.gz still reads.
import { basename } from 'node:path';
import { InputError } from '../errors';
import type { ReadOptions, VolumeSource } from './api';
import { fileByteSource, isGzip, memoryByteSource, readFilePrefix } from './byteSource';
import { notAFileSentence, pathKind, readRegularFile } from './regularFile';
import { createNiftiSource, MAX_HEADER_PREFIX, niftiHeaderBytes } from './niftiSource';
import type * as PngReaders from './pngOpen';

type Format = 'nifti' | 'png';

/**
 * The PNG readers, loaded on first use. fast-png brings fflate, which builds its inflate tables and
 * loads worker_threads when evaluated (the tables alone took ~5 ms here), a cost that a CLI run on
 * NIfTI files should not pay.
 * In the CommonJS bundles esbuild turns this require() of a bundled module into a lazy module
 * initialiser, so dist/cli.js and the workers stay single self-contained files. require() rather than
 * import() because openVolumeFromBytes is synchronous.
 */
function pngReaders(): typeof PngReaders {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the lazy load described above
  return require('./pngOpen') as typeof PngReaders;
}

function formatOf(name: string): Format | undefined {
  const lower = name.toLowerCase();
  if (lower.endsWith('.nii') || lower.endsWith('.nii.gz')) return 'nifti';
  if (lower.endsWith('.png')) return 'png';
  return undefined;
}

function unknownFormat(name: string): InputError {
  return new InputError(`${name} is not a supported mask file (expected .nii, .nii.gz, .png or a folder of .png slices).`);
}

/** Opens a .nii, .nii.gz or .png file, or a folder of per-slice .png files (natural sort order). */
export async function openVolume(path: string, opts: ReadOptions = {}): Promise<VolumeSource> {
  const { kind } = await pathKind(path);
  if (kind === 'directory') return pngReaders().openPngSeriesFolder(path, opts);
  const format = formatOf(basename(path));
  if (!format) throw unknownFormat(path);
  if (kind !== 'file') throw new InputError(notAFileSentence(path, kind, 'a mask or image file'));
  if (format === 'png') return pngReaders().openPngFromBytes(path, nonEmpty(path, await readRegularFile(path, { role: 'a mask or image file' })), opts);
  const { prefix, size } = await readFilePrefix(path, MAX_HEADER_PREFIX);
  if (size === 0) throw new InputError(`${path} is empty (0 bytes).`);
  const gzip = isGzip(prefix);
  const header = niftiHeaderBytes(path, gzip, size, (n) => prefix.subarray(0, n));
  return createNiftiSource(fileByteSource(path, size, gzip), header, opts);
}

function nonEmpty(path: string, bytes: Uint8Array): Uint8Array {
  if (bytes.length === 0) throw new InputError(`${path} is empty (0 bytes).`);
  return bytes;
}

/** Opens a .nii, .nii.gz or .png held in memory; `name` picks the format and names the file in messages. */
export function openVolumeFromBytes(name: string, bytes: Uint8Array, opts: ReadOptions = {}): VolumeSource {
  const format = formatOf(name);
  if (!format) throw unknownFormat(name);
  if (bytes.length === 0) throw new InputError(`${name} is empty (0 bytes).`);
  if (format === 'png') return pngReaders().openPngFromBytes(name, bytes, opts);
  const gzip = isGzip(bytes);
  const header = niftiHeaderBytes(name, gzip, bytes.length, (n) => bytes.subarray(0, n));
  return createNiftiSource(memoryByteSource(name, bytes, gzip), header, opts);
}
