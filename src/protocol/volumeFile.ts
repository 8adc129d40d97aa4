// How a mask or image file reaches a worker (the viewer's, or a comparison's). Three ways, cheapest
// last: its bytes read by the host (remote and virtual workspaces), its path on the extension host's
// own disk (the worker streams it), or a volume another editor already decoded, in shared memory
// (the host's volume cache): then nothing is read at all.
import type { Volume } from '../core/volume';
import type { DetachedFile } from './viewer';

/** A file sent as its bytes (the host read it through vscode.workspace.fs). */
export interface VolumeFileBytes {
  /** File name (the reader picks the format from its extension and names it in errors). */
  readonly name: string;
  /** Transferred, not copied. */
  readonly bytes: ArrayBuffer;
  /** The detached data files its header names, if any (transferred too). */
  readonly companions?: readonly DetachedFile[];
}

/**
 * A file on the extension host's own disk (a file: URI, checked by the host to be a regular file):
 * the worker streams it itself, detached data files included, without the host holding its bytes.
 */
export interface VolumeFilePath {
  readonly name: string;
  readonly path: string;
}

/**
 * A volume decoded before, by this or another worker, whose voxels live in a SharedArrayBuffer:
 * posting it shares the memory, so every editor showing the file uses one copy.
 */
export interface VolumeFileHeld {
  readonly name: string;
  readonly held: Volume;
}

export type VolumeFile = VolumeFileBytes | VolumeFilePath | VolumeFileHeld;
