// One decoded copy of each file, whichever editors show it. A mask open in the viewer and compared
// in a comparison panel (or a CT that is the background of both) is decoded once: the worker that
// reads it first decodes it into shared memory and the host keeps it here; the next worker is sent
// the held volume and reads nothing. Kept free of the vscode API so unit tests can drive it.
//
// An entry is keyed by the file's URI and stamped with its size and modification time: a file
// changed on disk has another stamp, so its old volume is never handed out (the editors' file
// watchers read it again). It lives while some holder (a viewer document, a comparison) holds it
// and is dropped when the last one releases it: closing the last editor of a file frees its copy.
import type { Volume } from '../core/volume';

/** What identifies one version of a file on disk. */
export interface FileStamp {
  readonly size: number;
  readonly mtime: number;
}

interface Entry {
  readonly stamp: FileStamp;
  readonly volume: Volume;
  readonly holders: Set<object>;
}

/** What tests and the bench see of the cache. */
export interface VolumeCacheState {
  /** Held volumes: URI, voxel bytes and how many holders use each. */
  readonly entries: readonly { readonly uri: string; readonly bytes: number; readonly holders: number }[];
  /** Per URI, how many times a worker had to read the file (cache misses). */
  readonly reads: Readonly<Record<string, number>>;
}

export class VolumeCache {
  private readonly entries = new Map<string, Entry>();
  private readonly reads = new Map<string, number>();

  /** The volume of `uri` as it was at `stamp`, if an editor holds it. */
  find(uri: string, stamp: FileStamp): Volume | undefined {
    const entry = this.entries.get(uri);
    return entry && sameStamp(entry.stamp, stamp) ? entry.volume : undefined;
  }

  /** A worker is about to read `uri` from disk (counted, so a test can prove a second editor did not). */
  noteRead(uri: string): void {
    this.reads.set(uri, (this.reads.get(uri) ?? 0) + 1);
  }

  /**
   * `holder` uses `volume`, read from `uri` at `stamp`. A volume for another stamp replaces the
   * entry (its old holders keep their own reference until they read the file again).
   */
  hold(holder: object, uri: string, stamp: FileStamp, volume: Volume): void {
    const entry = this.entries.get(uri);
    if (entry && sameStamp(entry.stamp, stamp) && entry.volume === volume) {
      entry.holders.add(holder);
      return;
    }
    // The replaced entry's holders keep their volume through their own workers until they read again.
    this.entries.set(uri, { stamp, volume, holders: new Set([holder]) });
  }

  /** `holder` no longer uses anything it held (its editor closed, or it is reading its files again). */
  release(holder: object): void {
    for (const [uri, entry] of [...this.entries]) {
      entry.holders.delete(holder);
      if (entry.holders.size === 0) this.entries.delete(uri);
    }
  }

  state(): VolumeCacheState {
    return {
      entries: [...this.entries].map(([uri, e]) => ({ uri, bytes: e.volume.data.byteLength, holders: e.holders.size })),
      reads: Object.fromEntries(this.reads),
    };
  }
}

function sameStamp(a: FileStamp, b: FileStamp): boolean {
  return a.size === b.size && a.mtime === b.mtime;
}
