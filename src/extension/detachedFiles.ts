// A file as the host hands it to a worker: its bytes with the detached data files its header
// names, its path on this machine, or a volume already held in shared memory (kept free of the
// vscode API so the worker wrappers stay testable outside VS Code).
import type { DetachedFile } from '../protocol/viewer';
import type { VolumeFile, VolumeFileHeld, VolumeFilePath } from '../protocol/volumeFile';
import { ownedBuffer } from './workerChannel';

export interface MaskFileBytes {
  readonly name: string;
  readonly bytes: Uint8Array;
  readonly companions?: readonly { readonly name: string; readonly bytes: Uint8Array }[];
}

/** The companions as protocol values plus their buffers to transfer. */
export function companionMessage(file: MaskFileBytes): { companions: DetachedFile[]; transfer: ArrayBuffer[] } {
  const companions = (file.companions ?? []).map((c) => ({ name: c.name, bytes: ownedBuffer(c.bytes) }));
  return { companions, transfer: companions.map((c) => c.bytes) };
}

/** A file for a worker: bytes the host read, a path the worker streams, or a held volume. */
export type NamedFile = MaskFileBytes | VolumeFilePath | VolumeFileHeld;

/** A file as a worker message carries it, and the buffers to transfer with it (bytes move, shared memory is shared). */
export function volumeFileMessage(named: NamedFile): { file: VolumeFile; transfer: ArrayBuffer[] } {
  if ('path' in named) return { file: { name: named.name, path: named.path }, transfer: [] };
  if ('held' in named) return { file: { name: named.name, held: named.held }, transfer: [] };
  const bytes = ownedBuffer(named.bytes);
  const detached = companionMessage(named);
  const file = { name: named.name, bytes, ...(detached.companions.length > 0 && { companions: detached.companions }) };
  return { file, transfer: [bytes, ...detached.transfer] };
}
