// Progress of a surface computation for a caller that shows it (the comparison worker). The work
// of a target is about proportional to the voxels of its box (extraction, borders, the distance
// transform), in 3-D and again per slice, so each target is weighted by its box.

import type { LabelExtent } from './box';

export type ProgressCallback = (fraction: number) => void;

/** Voxels of a box (0 for none). */
export function boxVoxels(box: LabelExtent | null): number {
  if (box === null) return 0;
  return (box.max[0] - box.min[0] + 1) * (box.max[1] - box.min[1] + 1) * (box.max[2] - box.min[2] + 1);
}

/** Sums the work done and reports it as a fraction of `total`; reports nothing without a callback. */
export class WorkProgress {
  private done = 0;

  constructor(
    private readonly total: number,
    private readonly report: ProgressCallback | undefined,
  ) {}

  add(work: number): void {
    if (this.report === undefined) return;
    this.done += work;
    this.report(this.total > 0 ? Math.min(1, this.done / this.total) : 1);
  }

  finish(): void {
    this.report?.(1);
  }
}
