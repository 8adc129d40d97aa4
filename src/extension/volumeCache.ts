// One decoded copy of each file, whichever editors show it. A mask open in the viewer and compared
// in a comparison panel (or a CT that is the background of both) is decoded once: the worker that
// reads it first decodes it into shared memory, and the next editor's worker borrows it from that
// worker (posting shares the memory, it does not copy it) and reads nothing. Kept free of the
// vscode API so unit tests can drive it.
//
// The host keeps no volume, only who can lend one: were it to hold the shared memory, a closed
// editor's volume would stay until the host's next garbage collection instead of going with its
// worker. An entry is keyed by the file's URI and stamped with its size and modification time: a
// file changed on disk has another stamp, so its old volume is never lent (the editors' file
// watchers read it again). It lives while some holder (a viewer document, a comparison) holds it;
// a holder releases it before its worker loads anything else, so a lender is only asked for what it
// holds (an ask already on its way is answered in order with the load: the volume as it then is).
import type { Volume } from '../core/volume';

/** What identifies one version of a file on disk. */
export interface FileStamp {
  readonly size: number;
  readonly mtime: number;
}

/** Asks a holder's worker for the volume it holds (undefined if it has none any more, or has died). */
export type Lender = () => Promise<Volume | undefined>;

interface Entry {
  readonly stamp: FileStamp;
  readonly lenders: Map<object, Lender>;
}

/** What tests and the bench see of the cache. */
export interface VolumeCacheState {
  /** Volumes held by editors: URI and how many holders use each. */
  readonly entries: readonly { readonly uri: string; readonly holders: number }[];
  /** Per URI, how many times a worker had to read the file (cache misses). */
  readonly reads: Readonly<Record<string, number>>;
}

export class VolumeCache {
  private readonly entries = new Map<string, Entry>();
  private readonly reads = new Map<string, number>();

  /** The volume of `uri` as it was at `stamp`, borrowed from an editor's worker that holds it. */
  async borrow(uri: string, stamp: FileStamp): Promise<Volume | undefined> {
    const entry = this.entries.get(uri);
    if (!entry || !sameStamp(entry.stamp, stamp)) return undefined;
    for (const [holder, lend] of [...entry.lenders]) {
      // While an earlier lender was asked, this one may have released the file and posted its
      // worker another load: asked now, it would answer with that (another file's voxels). One
      // still holding it is asked before any load it posts later, so its answer is this file.
      if (this.entries.get(uri) !== entry || entry.lenders.get(holder) !== lend) continue;
      try {
        const volume = await lend();
        if (volume) return volume;
      } catch {
        // That worker died or was disposed meanwhile: ask the next.
      }
    }
    return undefined;
  }

  /** A worker is about to read `uri` from disk (counted, so a test can prove a second editor did not). */
  noteRead(uri: string): void {
    this.reads.set(uri, (this.reads.get(uri) ?? 0) + 1);
  }

  /**
   * `holder` holds `uri` as it was at `stamp` and can lend it through `lend`. Another stamp replaces
   * the entry (its old holders are reading the changed file again).
   */
  hold(holder: object, uri: string, stamp: FileStamp, lend: Lender): void {
    const entry = this.entries.get(uri);
    if (entry && sameStamp(entry.stamp, stamp)) {
      entry.lenders.set(holder, lend);
      return;
    }
    this.entries.set(uri, { stamp, lenders: new Map([[holder, lend]]) });
  }

  /** `holder` no longer holds anything (its editor closed, or its worker is about to read again). */
  release(holder: object): void {
    for (const [uri, entry] of [...this.entries]) {
      entry.lenders.delete(holder);
      if (entry.lenders.size === 0) this.entries.delete(uri);
    }
  }

  state(): VolumeCacheState {
    return {
      entries: [...this.entries].map(([uri, e]) => ({ uri, holders: e.lenders.size })),
      reads: Object.fromEntries(this.reads),
    };
  }
}

function sameStamp(a: FileStamp, b: FileStamp): boolean {
  return a.size === b.size && a.mtime === b.mtime;
}
