// Opening a file a worker was sent (its bytes, its path, or a volume already held in shared memory)
// within the memory limit, and decoding it so the result can be shared: both workers (the viewer's
// and a comparison's) open files here, so a volume one of them decodes is in the form the other can
// be handed by the host's volume cache.
import type { VolumeSource } from '../core/io/api';
import { openVolume, openVolumeFromBytes } from '../core/io/open';
import type { Volume } from '../core/volume';
import type { VolumeFile } from '../protocol/volumeFile';
import { chunkedSource } from './compareSlabs';
import { fillingSource, type FillingOptions, type FillingSource } from './fillingSource';
import type { LabelCounts } from './labelCounts';
import { holdSegmentLayers } from './layeredVolume';
import { detachedMap, memoryCheck } from './session';

/**
 * Slabs about one inflated chunk (1 MiB), as the CLI streams: counting one slab overlaps with
 * inflating the next.
 */
const SLAB_BYTES = 1 << 20;

/**
 * Opens a file and checks, from the header alone, that its voxels fit in `maxBytes` (a held volume
 * too: the limit may have been lowered since). Nothing is read past the header yet.
 */
export async function openWithin(file: VolumeFile, maxBytes: number): Promise<VolumeSource> {
  const { name } = file;
  const checkBytes = memoryCheck(name, maxBytes);
  if ('held' in file) {
    const held = { ...file.held, header: { ...file.held.header, source: name } };
    checkBytes(held.header, 1);
    return chunkedSource(held);
  }
  const source =
    'path' in file
      ? await openVolume(file.path, { slabBytes: SLAB_BYTES })
      : openVolumeFromBytes(name, new Uint8Array(file.bytes), { slabBytes: SLAB_BYTES }, detachedMap(file.companions ?? []));
  checkBytes(source.header, 1);
  // Results and sentences name the file as the editor shows it, whichever way it was read.
  const named = 'path' in file ? { ...source, header: { ...source.header, source: name } } : source;
  // Overlapping segments: every layer is held, so each segment is drawn and counted.
  return holdSegmentLayers(named, checkBytes);
}

/**
 * The source that fills `file`'s volume as it streams: into shared memory when decoded here, or
 * straight through when it was sent held (nothing copied). A file in layers is already in memory.
 */
export function fillingFor(file: VolumeFile, source: VolumeSource, options: Omit<FillingOptions, 'into'> = {}): FillingSource {
  return fillingSource(source, 'held' in file ? { ...options, into: file.held } : options);
}

export interface DecodedFile {
  readonly volume: Volume;
  /** Its labels tallied while decoding; undefined when not tallied or when the file is in layers. */
  readonly labels: LabelCounts | undefined;
  /** In shared memory and not in layers: it can be lent to another editor's worker. */
  readonly lendable: boolean;
  readonly source: VolumeSource;
}

/** Opens and decodes a file whole, within `maxBytes`. */
export async function decodeFile(file: VolumeFile, maxBytes: number, options: { readonly tally: boolean }): Promise<DecodedFile> {
  const source = await openWithin(file, maxBytes);
  if (source.segmentLayers) return { volume: await source.readAll(), labels: undefined, lendable: false, source };
  const filling = fillingFor(file, source, { tally: options.tally });
  const volume = await filling.source.readAll();
  return { volume, labels: options.tally ? filling.labels() : undefined, lendable: isLendable(volume, false), source };
}

/**
 * Whether another editor's worker may borrow `volume`: its voxels are in shared memory (posting
 * shares them, it does not copy them), and it is not the composite of a file in layers (its layers
 * are its own editor's).
 */
export function isLendable(volume: Volume, layered: boolean): boolean {
  return !layered && volume.data.buffer instanceof SharedArrayBuffer;
}
