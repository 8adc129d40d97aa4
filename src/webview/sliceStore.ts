// Slices the panes have asked for: a small LRU of decoded slices (bounded by bytes, since a float64
// background slice weighs 8× a uint8 mask slice), request de-duplication, and read-ahead of
// neighbouring slices so scrolling usually finds the next slice already here.
import type { VoxelArray } from '../core/volume';
import type { ArrayType, Plane, SliceData } from '../protocol/viewer';

export interface DecodedSlice {
  readonly width: number;
  readonly height: number;
  readonly mask: VoxelArray;
  readonly background?: VoxelArray;
  /** The comparison editor's second mask (the prediction, on the same grid); `mask` is the reference. */
  readonly prediction?: VoxelArray;
}

const ARRAY_CONSTRUCTORS: Record<ArrayType, new (buffer: ArrayBuffer) => VoxelArray> = {
  uint8: Uint8Array,
  int8: Int8Array,
  uint16: Uint16Array,
  int16: Int16Array,
  uint32: Uint32Array,
  int32: Int32Array,
  float32: Float32Array,
  float64: Float64Array,
};

export function decodeSlice(data: SliceData): VoxelArray {
  const array = new ARRAY_CONSTRUCTORS[data.arrayType](data.buffer);
  if (array.length !== data.width * data.height) {
    throw new Error(`slice buffer holds ${array.length} values, expected ${data.width}×${data.height}`);
  }
  return array;
}

function keyOf(plane: Plane, index: number): string {
  return `${plane}:${index}`;
}

/** Default budget: about 100 uint8 512×512 mask slices with an int16 background each. */
const DEFAULT_BUDGET_BYTES = 80 * 1024 * 1024;

/**
 * At most one request per plane is outstanding (the host answers in order, so a queue of requests
 * made while scrolling fast would only delay the slice wanted now). While one is out, the newest
 * wanted index per plane is remembered and asked for when the reply comes. One exception: while a
 * comparison's files are read, a request for a slice not read yet waits for the read to reach it,
 * so a slice known to be read already (markRead) is asked for at once beside it, and answered at
 * once: scrolling back from ahead of the read does not wait for the read to get there.
 */
export class SliceStore {
  private readonly cache = new Map<string, DecodedSlice>(); // insertion order = recency
  private readonly pending = new Map<number, { plane: Plane; key: string }>(); // by requestId
  private readonly wanted = new Map<Plane, number>();
  /** While the files are read: slices 0 .. n - 1 of a plane are read in both files. */
  private readonly readBelow = new Map<Plane, number>();
  private bytes = 0;
  private nextRequestId = 1;

  constructor(
    private readonly send: (requestId: number, plane: Plane, index: number) => void,
    private readonly budgetBytes = DEFAULT_BUDGET_BYTES,
  ) {}

  /** The slice if cached (marks it recently used). */
  get(plane: Plane, index: number): DecodedSlice | undefined {
    const key = keyOf(plane, index);
    const slice = this.cache.get(key);
    if (slice) {
      this.cache.delete(key);
      this.cache.set(key, slice);
    }
    return slice;
  }

  /** Asks for the slice on screen now (or as soon as this plane's outstanding request answers). */
  want(plane: Plane, index: number): void {
    this.wanted.set(plane, index);
    if (index < (this.readBelow.get(plane) ?? 0)) this.request(plane, index);
    else this.requestIfIdle(plane, index);
  }

  /** While the files are read: slices 0 .. count - 1 of `plane` are read in both files (the reading counts say so). */
  markRead(plane: Plane, count: number): void {
    this.readBelow.set(plane, Math.max(count, this.readBelow.get(plane) ?? 0));
    this.askForWanted(plane);
  }

  /** Asks for slices likely needed next, one at a time, only when the plane has nothing outstanding. */
  readAhead(plane: Plane, indices: readonly number[]): void {
    const next = indices.find((index) => !this.cache.has(keyOf(plane, index)));
    if (next !== undefined) this.requestIfIdle(plane, next);
  }

  /** Stores a reply. Returns where it belongs, or undefined for a reply to a forgotten request. */
  receive(
    requestId: number, plane: Plane, index: number, mask: SliceData, background?: SliceData, prediction?: SliceData,
  ): { plane: Plane; index: number } | undefined {
    const request = this.pending.get(requestId);
    if (request === undefined) return undefined;
    this.pending.delete(requestId);
    const slice: DecodedSlice = {
      width: mask.width,
      height: mask.height,
      mask: decodeSlice(mask),
      ...(background ? { background: decodeSlice(background) } : {}),
      ...(prediction ? { prediction: decodeSlice(prediction) } : {}),
    };
    this.cache.set(request.key, slice);
    this.bytes += sizeOf(slice);
    this.evict();
    this.askForWanted(plane);
    return { plane, index };
  }

  /** A request failed: forget it so the slice can be asked for again. */
  fail(requestId: number): void {
    const request = this.pending.get(requestId);
    this.pending.delete(requestId);
    if (request && this.wanted.get(request.plane) !== undefined && keyOf(request.plane, this.wanted.get(request.plane)!) === request.key) {
      this.wanted.delete(request.plane); // do not ask again and again for a slice that fails
    }
    if (request) this.askForWanted(request.plane);
  }

  /** Drops everything (new mask, new or cleared background); replies to older requests are ignored. */
  clear(): void {
    this.cache.clear();
    this.pending.clear();
    this.wanted.clear();
    this.readBelow.clear();
    this.bytes = 0;
  }

  private askForWanted(plane: Plane): void {
    const index = this.wanted.get(plane);
    if (index !== undefined) this.want(plane, index);
  }

  private requestIfIdle(plane: Plane, index: number): void {
    for (const request of this.pending.values()) if (request.plane === plane) return;
    this.request(plane, index);
  }

  /** Sends the request unless the slice is here or already asked for. */
  private request(plane: Plane, index: number): void {
    const key = keyOf(plane, index);
    if (this.cache.has(key)) return;
    for (const request of this.pending.values()) if (request.key === key) return;
    const requestId = this.nextRequestId++;
    this.pending.set(requestId, { plane, key });
    this.send(requestId, plane, index);
  }

  private evict(): void {
    for (const [key, slice] of this.cache) {
      if (this.bytes <= this.budgetBytes || this.cache.size <= 1) return;
      this.cache.delete(key);
      this.bytes -= sizeOf(slice);
    }
  }
}

function sizeOf(slice: DecodedSlice): number {
  return slice.mask.byteLength + (slice.background?.byteLength ?? 0) + (slice.prediction?.byteLength ?? 0);
}
