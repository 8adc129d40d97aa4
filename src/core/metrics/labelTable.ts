// Per-slice counts for every label seen so far, in dense slice × label-column tables. Labels get a
// column the first time they appear, so a 117-label mask costs slices × 117 × 3 counters (about
// 1.4 MB for 1000 slices), never slices × K² as a label-pair histogram per slice would.
import { InputError } from '../errors';

/** Beyond this many distinct values a "mask" is almost surely an image; refuse before tables grow. */
export const MAX_LABELS = 5000;

export class LabelTable {
  /** Column -> label value, in order of first appearance. */
  readonly labels: number[] = [];
  /** Counters at [slice * capacity + column]. Uint32 is exact because a slice holds < 2^32 voxels. */
  ref: Uint32Array;
  pred: Uint32Array;
  inter: Uint32Array;
  capacity: number;
  /** Foreground (any non-zero value) per slice: only the intersection needs its own counter, the
   * reference and prediction foregrounds are sums over labels. */
  readonly fgInter: Float64Array;
  /**
   * Foreground per slice counted directly, for segmentations whose segments overlap (one voxel
   * in two labels); null when labels exclude each other and the sums over labels are exact.
   */
  fgRef: Float64Array | null = null;
  fgPred: Float64Array | null = null;
  private readonly columns = new Map<number, number>();
  /** Small non-negative labels (the common case) skip the Map. -1 = no column yet. */
  private readonly smallColumns = new Int32Array(65536).fill(-1);

  constructor(
    readonly sliceCount: number,
    private readonly describe: string,
  ) {
    this.capacity = 8;
    this.ref = new Uint32Array(sliceCount * this.capacity);
    this.pred = new Uint32Array(sliceCount * this.capacity);
    this.inter = new Uint32Array(sliceCount * this.capacity);
    this.fgInter = new Float64Array(sliceCount);
  }

  /** The column of a non-zero label, creating it (and growing the tables) on first sight. */
  column(label: number): number {
    if (label >= 0 && label < 65536) {
      const c = this.smallColumns[label];
      if (c >= 0) return c;
    } else {
      const c = this.columns.get(label);
      if (c !== undefined) return c;
    }
    return this.addLabel(label);
  }

  private addLabel(label: number): number {
    const c = this.labels.length;
    if (c >= MAX_LABELS) {
      throw new InputError(`${this.describe} hold more than ${MAX_LABELS} distinct values, which looks like an image rather than a label mask.`);
    }
    if (c === this.capacity) this.grow(this.capacity * 2);
    this.labels.push(label);
    if (label >= 0 && label < 65536) this.smallColumns[label] = c;
    else this.columns.set(label, c);
    return c;
  }

  private grow(capacity: number): void {
    const widen = (old: Uint32Array): Uint32Array => {
      const next = new Uint32Array(this.sliceCount * capacity);
      for (let s = 0; s < this.sliceCount; s++) {
        next.set(old.subarray(s * this.capacity, (s + 1) * this.capacity), s * capacity);
      }
      return next;
    };
    this.ref = widen(this.ref);
    this.pred = widen(this.pred);
    this.inter = widen(this.inter);
    this.capacity = capacity;
  }

  /**
   * Adds `count` voxels of the pair (reference value r, prediction value p) in one slice.
   * Values are label values (0 = background), already thresholded for probability maps.
   */
  addPair(slice: number, r: number, p: number, count: number): void {
    if (r !== 0) {
      const rc = this.column(r);
      this.ref[slice * this.capacity + rc] += count;
      if (p !== 0) {
        this.fgInter[slice] += count;
        if (p === r) this.inter[slice * this.capacity + rc] += count;
      }
    }
    if (p !== 0) {
      const pc = this.column(p);
      this.pred[slice * this.capacity + pc] += count;
    }
  }
}
