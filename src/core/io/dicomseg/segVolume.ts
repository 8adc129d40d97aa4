// Turns a checked SEG object and its grid into voxel arrays.
// BINARY frames are 1 bit per pixel, packed back to back over all frames with the first pixel in the
// lowest bit (PS3.5 8.1.1), so frame f starts at bit f·rows·columns, often mid-byte. Each segment
// becomes the label equal to its Segment Number. Segments that overlap cannot share one label array:
// they go into layers, each a label array, a segment going into the first layer where it overlaps
// nothing (Slicer's .seg.nrrd layers work the same way), so every segment keeps all its voxels.
// FRACTIONAL frames are 8-bit; each segment becomes a probability map, value / MaximumFractionalValue.
// Voxels are stored i (column) fastest, then j (row), then k, as a frame's pixels already are.
import type { VoxelArray } from '../../volume';
import type { SegObject } from './dataset';
import type { SegGrid } from './grid';

export interface SegVolumes {
  readonly kind: 'labels' | 'probability';
  /** labels: one array per layer (at least one); probability: one map per segment. */
  readonly arrays: readonly VoxelArray[];
  /** The Segment Numbers each array holds. */
  readonly segmentsOf: readonly (readonly number[])[];
}

/** Frame indices grouped by segment, in Segment Sequence order. */
function framesBySegment(seg: SegObject): Map<number, number[]> {
  const groups = new Map<number, number[]>(seg.segments.map((s) => [s.number, []]));
  seg.frames.forEach((frame, f) => groups.get(frame.segment)!.push(f));
  return groups;
}

/** Calls visit(voxel) for every set pixel of a BINARY frame. */
function forEachSetPixel(seg: SegObject, grid: SegGrid, frame: number, visit: (voxel: number) => void): void {
  const pixels = seg.rows * seg.columns;
  const firstBit = frame * pixels;
  const sliceStart = grid.frameSlice[frame]! * pixels;
  const data = seg.pixelData;
  for (let p = 0; p < pixels; p++) {
    const bit = firstBit + p;
    const byte = data[bit >>> 3]!;
    if (byte === 0) {
      p += 7 - (bit & 7); // skip the rest of an empty byte
      continue;
    }
    if ((byte >>> (bit & 7)) & 1) visit(sliceStart + p);
  }
}

function labelVolumes(seg: SegObject, grid: SegGrid, voxels: number): SegVolumes {
  const wide = Math.max(...seg.segments.map((s) => s.number)) > 255;
  const layers: VoxelArray[] = [];
  const segmentsOf: number[][] = [];
  for (const [number, frames] of framesBySegment(seg)) {
    let layer = layers.findIndex((labels) => {
      let free = true;
      for (const f of frames) forEachSetPixel(seg, grid, f, (v) => { if (labels[v] !== 0 && labels[v] !== number) free = false; });
      return free;
    });
    if (layer < 0) {
      layer = layers.length;
      layers.push(wide ? new Uint16Array(voxels) : new Uint8Array(voxels));
      segmentsOf.push([]);
    }
    const labels = layers[layer]!;
    for (const f of frames) forEachSetPixel(seg, grid, f, (v) => { labels[v] = number; });
    segmentsOf[layer]!.push(number);
  }
  return { kind: 'labels', arrays: layers, segmentsOf };
}

function probabilityVolumes(seg: SegObject, grid: SegGrid, voxels: number): SegVolumes {
  const pixels = seg.rows * seg.columns;
  const arrays: Float32Array[] = [];
  const segmentsOf: number[][] = [];
  for (const [number, frames] of framesBySegment(seg)) {
    const map = new Float32Array(voxels);
    for (const f of frames) {
      const sliceStart = grid.frameSlice[f]! * pixels;
      const stored = seg.pixelData.subarray(f * pixels, (f + 1) * pixels);
      for (let p = 0; p < pixels; p++) {
        const value = Math.min(stored[p]!, seg.maxFractional) / seg.maxFractional;
        if (value > map[sliceStart + p]!) map[sliceStart + p] = value;
      }
    }
    arrays.push(map);
    segmentsOf.push([number]);
  }
  return { kind: 'probability', arrays, segmentsOf };
}

export function segVolumes(seg: SegObject, grid: SegGrid): SegVolumes {
  const voxels = grid.shape[0] * grid.shape[1] * grid.shape[2];
  return seg.type === 'BINARY' ? labelVolumes(seg, grid, voxels) : probabilityVolumes(seg, grid, voxels);
}
