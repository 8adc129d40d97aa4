// Messages between the extension host and the volume worker (node:worker_threads). One worker holds
// one document's mask (and its background); the host sends file bytes in (transferred, not copied)
// and forwards the slices that come back to the webview.
import type { BackgroundInfo, DetachedFile, Plane, SliceData, VolumeInfo } from './viewer';

export type VolumeRole = 'mask' | 'background';

export type HostToWorker =
  /**
   * Decode `bytes` (transferred) as the mask or the background. Loading a mask drops any background;
   * a background is checked against the mask's grid. A volume needing more than `maxBytes` of
   * memory is refused from its header, before its voxels are decoded.
   */
  | {
      readonly type: 'load';
      readonly requestId: number;
      readonly role: VolumeRole;
      /** The file name; the reader picks the format from its extension and names it in errors. */
      readonly name: string;
      readonly bytes: ArrayBuffer;
      /** The detached data files its header names, if any. */
      readonly companions?: readonly DetachedFile[];
      readonly maxBytes: number;
    }
  | { readonly type: 'clearBackground' }
  | { readonly type: 'slice'; readonly requestId: number; readonly plane: Plane; readonly index: number };

export type WorkerToHost =
  /** `info.labels` carry only the names the file itself gives (Slicer segments); the host adds label files' names. */
  | { readonly type: 'maskLoaded'; readonly requestId: number; readonly info: VolumeInfo }
  | { readonly type: 'backgroundLoaded'; readonly requestId: number; readonly info: BackgroundInfo }
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
