// A file's bytes with the detached data files its header names, as the workers receive them
// (kept free of the vscode API so the worker wrappers stay testable outside VS Code).
import type { DetachedFile } from '../protocol/viewer';
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
