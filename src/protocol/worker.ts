// Messages between the extension host and the volume worker (node:worker_threads). One worker holds
// one document's mask (and its background); the host sends the file in (bytes transferred, a path
// the worker streams, or a volume already decoded in shared memory) and forwards the slices that
// come back to the webview.
import type { Volume } from '../core/volume';
import type { BackgroundInfo, Plane, SliceData, VolumeInfo } from './viewer';
import type { VolumeFile } from './volumeFile';

export type VolumeRole = 'mask' | 'background';

export type HostToWorker =
  /**
   * Decode `file` as the mask or the background. Loading a mask drops any background; a background
   * is checked against the mask's grid. A volume needing more than `maxBytes` of memory is refused
   * from its header, before its voxels are decoded.
   */
  | {
      readonly type: 'load';
      readonly requestId: number;
      readonly role: VolumeRole;
      readonly file: VolumeFile;
      readonly maxBytes: number;
    }
  | { readonly type: 'clearBackground' }
  | { readonly type: 'slice'; readonly requestId: number; readonly plane: Plane; readonly index: number }
  /** Hand the held mask or background to another editor's worker (the host's volume cache). Answer `lent`. */
  | { readonly type: 'lend'; readonly requestId: number; readonly role: VolumeRole };

export type WorkerToHost =
  /** `info.labels` carry only the names the file itself gives (Slicer segments); the host adds label files' names. */
  /** `lendable`: the volume is in shared memory and can be lent to another editor's worker (not a file in layers). */
  | { readonly type: 'maskLoaded'; readonly requestId: number; readonly info: VolumeInfo; readonly lendable: boolean }
  | { readonly type: 'backgroundLoaded'; readonly requestId: number; readonly info: BackgroundInfo; readonly lendable: boolean }
  /** Reply to `lend`: the held volume (its memory shared, not copied), or null when it holds none to lend. */
  | { readonly type: 'lent'; readonly requestId: number; readonly volume: Volume | null }
  | {
      readonly type: 'slice';
      readonly requestId: number;
      readonly plane: Plane;
      readonly index: number;
      readonly mask: SliceData;
      readonly background?: SliceData;
    }
  /**
   * A request failed. `inputError`: a problem with the file a person can fix (message is one
   * sentence naming it); otherwise a bug, and `message` carries the stack for the log.
   */
  | { readonly type: 'failed'; readonly requestId: number; readonly message: string; readonly inputError: boolean };
