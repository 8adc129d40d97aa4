// The counting pass for segmentations whose segments overlap (see io/segmentLayers.ts): each file is
// one or more label layers, and a voxel can hold one segment per layer. Every segment is counted as
// its own binary mask: a voxel adds to a segment's reference count when any reference layer holds
// it, to its prediction count when any prediction layer does, and to both-count when both do. The
// foreground (any segment) is counted directly, since sums over overlapping segments would count a
// voxel twice. Same tables, slices and progress as countingPass, so summarise() needs nothing new.
import type { Slab, Vec3, VoxelArray } from '../volume';
import { alignedSlabs } from '../io/alignedSlabs';
import { LabelTable } from './labelTable';
import type { PassControl, PassCounts } from './countingPass';

/** Stored value -> label for one layer; values past the table are themselves when passThrough, else no segment. */
export interface LayerLabels {
  readonly table: Uint32Array;
  readonly passThrough: boolean;
}

export interface SegmentSide {
  /** One stream per layer, in the reference's voxel layout. */
  readonly layers: readonly AsyncIterable<Slab>[];
  /** Per layer; null: the stored value is the label (a plain label mask). */
  readonly labels: readonly (LayerLabels | null)[];
}

export interface SegmentPassInput {
  readonly ref: SegmentSide;
  readonly pred: SegmentSide;
  readonly shape: Vec3;
  readonly axis: 0 | 1 | 2;
  readonly refPath: string;
  readonly predPath: string;
}

const PIECE_VOXELS = 4 << 20;

function labelOf(map: LayerLabels | null, stored: number): number {
  if (map === null) return stored;
  if (stored < map.table.length) return map.table[stored]!;
  return map.passThrough ? stored : 0;
}

interface Piece {
  readonly ref: readonly VoxelArray[];
  readonly pred: readonly VoxelArray[];
  readonly nx: number;
  readonly ny: number;
  readonly kStart: number;
  readonly length: number;
  readonly axis: 0 | 1 | 2;
}

/** The segments voxel v is in, one per layer at most, into `found`; returns how many. */
function segmentsAt(layers: readonly VoxelArray[], labels: SegmentSide['labels'], v: number, found: Float64Array): number {
  let n = 0;
  for (let l = 0; l < layers.length; l++) {
    const stored = layers[l]![v]!;
    if (stored === 0) continue;
    const label = labelOf(labels[l]!, stored);
    if (label !== 0) found[n++] = label;
  }
  return n;
}

/**
 * For byte layers on 4-byte boundaries (the usual uint8 masks): whether word w (voxels 4w..4w+3)
 * is zero in every layer; null when the layers are of another type or alignment.
 */
function backgroundWords(p: Piece): ((w: number) => boolean) | null {
  const arrays = [...p.ref, ...p.pred];
  if (!arrays.every((a) => a instanceof Uint8Array && (a.byteOffset & 3) === 0)) return null;
  const words = arrays.map((a) => new Uint32Array(a.buffer, a.byteOffset, p.length >> 2));
  if (words.length === 2) {
    const [a, b] = words as [Uint32Array, Uint32Array];
    return (w) => (a[w]! | b[w]!) === 0;
  }
  return (w) => {
    for (const word of words) if (word[w] !== 0) return false;
    return true;
  };
}

function countPiece(p: Piece, refLabels: SegmentSide['labels'], predLabels: SegmentSide['labels'], table: LabelTable): void {
  const refFound = new Float64Array(p.ref.length);
  const predFound = new Float64Array(p.pred.length);
  const sliceLength = p.nx * p.ny;
  const fgRef = table.fgRef!;
  const fgPred = table.fgPred!;
  const skip = backgroundWords(p);
  for (let v = 0; v < p.length; v++) {
    // Four voxels at once where every layer of both files is background (most of a mask).
    if (skip !== null && (v & 3) === 0 && v + 4 <= p.length && skip(v >> 2)) {
      v += 3;
      continue;
    }
    const nR = segmentsAt(p.ref, refLabels, v, refFound);
    const nP = segmentsAt(p.pred, predLabels, v, predFound);
    if (nR === 0 && nP === 0) continue;
    const slice = p.axis === 0 ? v % p.nx : p.axis === 1 ? Math.floor(v / p.nx) % p.ny : p.kStart + Math.floor(v / sliceLength);
    for (let a = 0; a < nR; a++) {
      const column = table.column(refFound[a]!);
      const at = slice * table.capacity + column;
      table.ref[at]!++;
      for (let b = 0; b < nP; b++) {
        if (predFound[b] === refFound[a]) {
          table.inter[at]!++;
          break;
        }
      }
    }
    for (let b = 0; b < nP; b++) table.pred[slice * table.capacity + table.column(predFound[b]!)]!++;
    if (nR > 0) fgRef[slice]!++;
    if (nP > 0) fgPred[slice]!++;
    if (nR > 0 && nP > 0) table.fgInter[slice]!++;
  }
}

export async function segmentCountingPass(input: SegmentPassInput, control: PassControl = {}): Promise<PassCounts> {
  const [nx, ny, nz] = input.shape;
  const sliceLength = nx * ny;
  const table = new LabelTable(input.shape[input.axis], `${input.refPath} and ${input.predPath}`);
  table.fgRef = new Float64Array(table.sliceCount);
  table.fgPred = new Float64Array(table.sliceCount);
  const refCount = input.ref.layers.length;
  control.signal?.throwIfAborted();
  const piece = Math.max(1, Math.floor(PIECE_VOXELS / sliceLength));
  for await (const run of alignedSlabs([...input.ref.layers, ...input.pred.layers], sliceLength, nz)) {
    for (let dk = 0; dk < run.kCount; dk += piece) {
      const kCount = Math.min(piece, run.kCount - dk);
      const cut = (a: VoxelArray): VoxelArray => a.subarray(dk * sliceLength, (dk + kCount) * sliceLength);
      const kStart = run.kStart + dk;
      const data = run.data.map(cut);
      countPiece({ ref: data.slice(0, refCount), pred: data.slice(refCount), nx, ny, kStart, length: kCount * sliceLength, axis: input.axis }, input.ref.labels, input.pred.labels, table);
      if (input.axis === 2) control.onFinished?.(table, kStart + kCount);
      if (control.signal) await new Promise<void>((resolve) => setImmediate(resolve));
      control.signal?.throwIfAborted();
      control.onProgress?.((kStart + kCount) / nz);
    }
  }
  return { table, refKind: 'labels', predKind: 'labels', soft: null };
}
