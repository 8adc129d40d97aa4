// One `open` of a compare worker, from the moment its message arrives to its answer, and the slice
// requests waiting on it. Slice requests used to queue behind the whole read; now each waits only
// until its slice has been read in both files (see readingSlices.ts), or until the open ends: then
// it is cut from the opened pair, or fails with the open's error (cancelled when a `cancel` or a
// newer `open` stopped it), so no request is left unanswered and none sees a half-read voxel.
import type { HostToCompareWorker } from '../protocol/compare';
import type { SliceData } from '../protocol/viewer';
import type { Reply } from './compareSession';
import { readySlice, type ReadingPair } from './readingSlices';

type SliceRequest = Extract<HostToCompareWorker, { type: 'slice' }>;

/** `cut`: a slice of the pair this open read (bound to it, so a newer open cannot swap it underneath). */
type Outcome = { readonly kind: 'opened'; readonly cut: (msg: SliceRequest) => Reply } | { readonly kind: 'failed'; readonly error: unknown };

export class Opening {
  private reading: ReadingPair | undefined;
  private outcome: Outcome | undefined;
  /** Each returns true once it has answered (it is then dropped). */
  private readonly waiting = new Set<() => boolean>();

  constructor(readonly requestId: number) {}

  get settled(): boolean {
    return this.outcome !== undefined;
  }

  /** Both headers are read and the grids match: slices can be cut as the read passes them. */
  startReading(pair: ReadingPair): void {
    this.reading = pair;
    this.changed();
  }

  /** More voxels arrived (called per slab; cheap when nothing waits). */
  changed(): void {
    for (const answered of this.waiting) if (answered()) this.waiting.delete(answered);
  }

  /**
   * The open ended. The waiting slices are answered on the next turn, after the open's own answer
   * has been posted: the host then has the final volumes before their slices.
   */
  settle(outcome: Outcome): void {
    if (this.outcome) return;
    this.outcome = outcome;
    this.reading = undefined;
    setImmediate(() => this.changed());
  }

  /**
   * The slice `msg` asks of this open's pair: from the read (`early`) as soon as it holds it, else
   * from the opened pair; rejects with the open's failure if it failed.
   */
  slice(msg: SliceRequest, early: (s: { reference: SliceData; prediction: SliceData }) => Reply): Promise<Reply> {
    const { plane, index } = msg;
    return new Promise<Reply>((resolve, reject) => {
      const answered = (): boolean => {
        try {
          if (this.outcome?.kind === 'opened') resolve(this.outcome.cut(msg));
          else if (this.outcome?.kind === 'failed') reject(this.outcome.error);
          else {
            const ready = this.reading && readySlice(this.reading, plane, index);
            if (!ready) return false;
            resolve(early(ready));
          }
        } catch (e) {
          reject(e);
        }
        return true;
      };
      if (!answered()) this.waiting.add(answered);
    });
  }
}
