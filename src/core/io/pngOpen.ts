// PNG masks as VolumeSources: one PNG is a single-slice volume, a folder of PNGs (natural sort
// order: slice2 before slice10) is a stack. PNG slices are small, so they are decoded at open time
// and slabs() hands out views of the decoded volume.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { InputError } from '../errors';
import type { ReadOptions, VolumeSource } from './api';
import { DEFAULT_MAX_VOXELS } from './niftiLayout';
import { inMemorySource } from './memorySource';
import { readRegularFile } from './regularFile';
import { naturalCompare } from './naturalSort';
import { decodeMaskPng, pngHeader } from './pngDecode';
import { stackPngSlices } from './pngVolume';

function checkVolumeIndex(name: string, opts: ReadOptions): void {
  if ((opts.volumeIndex ?? 0) !== 0) throw new InputError(`${name} holds 1 volume, so volume index ${opts.volumeIndex} does not exist.`);
}

export function openPngFromBytes(name: string, bytes: Uint8Array, opts: ReadOptions = {}): VolumeSource {
  if (bytes.length === 0) throw new InputError(`${name} is empty (0 bytes).`);
  checkVolumeIndex(name, opts);
  const slice = decodeMaskPng(name, bytes, opts.maxVoxels ?? DEFAULT_MAX_VOXELS);
  return inMemorySource(stackPngSlices(name, 'png', [slice]), opts);
}

/** A stack of PNG slices already read, in the given order (callers sort; see naturalCompare). */
export function openPngSeriesFromBytes(folder: string, files: readonly { name: string; bytes: Uint8Array }[], opts: ReadOptions = {}): VolumeSource {
  if (files.length === 0) throw new InputError(`${folder} contains no .png files.`);
  checkVolumeIndex(folder, opts);
  const maxVoxels = opts.maxVoxels ?? DEFAULT_MAX_VOXELS;
  for (const f of files) {
    if (f.bytes.length === 0) throw new InputError(`${f.name} is empty (0 bytes).`);
    const { width, height } = pngHeader(f.name, f.bytes);
    if (width * height * files.length > maxVoxels) {
      throw new InputError(`${f.name} is ${width}×${height} pixels, which over ${files.length} slices exceeds the limit of ${maxVoxels} voxels.`);
    }
  }
  const slices = files.map((f) => decodeMaskPng(f.name, f.bytes, maxVoxels));
  return inMemorySource(stackPngSlices(folder, 'png-series', slices), opts);
}

/** The .png files of a folder (hidden files skipped) in natural sort order. */
export async function pngSeriesFiles(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && !e.name.startsWith('.') && e.name.toLowerCase().endsWith('.png'))
    .map((e) => e.name)
    .sort(naturalCompare);
}

export async function openPngSeriesFolder(folder: string, opts: ReadOptions = {}): Promise<VolumeSource> {
  const names = await pngSeriesFiles(folder);
  const files = await Promise.all(names.map(async (n) => {
    const path = join(folder, n);
    return { name: path, bytes: await readRegularFile(path, { role: 'a PNG slice' }) };
  }));
  return openPngSeriesFromBytes(folder, files, opts);
}
