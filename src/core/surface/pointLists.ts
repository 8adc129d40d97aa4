// Small growable lists and a sparse index set for surface points. The collector keeps several lists
// per label, and a label image can hold thousands of labels with a handful of points each, so lists
// start empty (most are never used: the per-slice ones without per-slice output) and grow
// (nextCapacity), instead of reserving a page each; a set answers "is this cell a surface corner"
// without a grid the size of the label's box.

/** What every empty list starts from (never written: the first push grows it). */
const NO_INDICES = new Float64Array(0);
const NO_CODES = new Uint8Array(0);

/** Growable list of point indices (Float64: a volume's linear index can pass 2^32). */
export class IndexList {
  private items: Float64Array;
  length = 0;

  constructor(capacity = 0) {
    this.items = capacity === 0 ? NO_INDICES : new Float64Array(capacity);
  }

  push(index: number): void {
    if (this.length === this.items.length) this.items = grow(this.items, new Float64Array(nextCapacity(this.items.length)));
    this.items[this.length++] = index;
  }

  at(n: number): number {
    return this.items[n];
  }
}

/** Growable list of neighbour codes, parallel to an IndexList of corners. */
export class CodeList {
  private items: Uint8Array;
  length = 0;

  constructor(capacity = 0) {
    this.items = capacity === 0 ? NO_CODES : new Uint8Array(capacity);
  }

  push(code: number): void {
    if (this.length === this.items.length) this.items = grow(this.items, new Uint8Array(nextCapacity(this.items.length)));
    this.items[this.length++] = code;
  }

  at(n: number): number {
    return this.items[n];
  }
}

/**
 * 8, then 64, then doubling. V8 keeps typed arrays of up to 64 bytes on its heap, where they cost
 * about as little as an object; larger ones get a buffer of their own, slow to make and to free.
 * Jumping from 8 to 64 items makes most small labels' lists take one such buffer, not three.
 */
function nextCapacity(length: number): number {
  return length === 0 ? 8 : length === 8 ? 64 : length * 2;
}

function grow<T extends Float64Array | Uint8Array>(from: T, to: T): T {
  to.set(from);
  return to;
}

const EMPTY = 0xffffffff;

/** Open-addressing set of cell indices below 2^32 - 1, sized once for `keys`. */
export class IndexSet {
  private readonly slots: Uint32Array;
  private readonly mask: number;
  private readonly shift: number;

  /** `buffer(size)`: where the slots go (default a new array); its contents are overwritten. */
  constructor(keys: Uint32Array, buffer: (size: number) => Uint32Array = (size) => new Uint32Array(size)) {
    let bits = 4;
    while (1 << bits < keys.length * 2) bits++;
    this.slots = buffer(1 << bits).fill(EMPTY);
    this.mask = (1 << bits) - 1;
    this.shift = 32 - bits;
    for (let n = 0; n < keys.length; n++) {
      let s = this.slot(keys[n]);
      while (this.slots[s] !== EMPTY && this.slots[s] !== keys[n]) s = (s + 1) & this.mask;
      this.slots[s] = keys[n];
    }
  }

  private slot(key: number): number {
    // Fibonacci hashing: the product's high bits mix every bit of the key.
    return Math.imul(key, 0x9e3779b1) >>> this.shift;
  }

  has(key: number): boolean {
    let s = this.slot(key);
    for (;;) {
      const v = this.slots[s];
      if (v === key) return true;
      if (v === EMPTY) return false;
      s = (s + 1) & this.mask;
    }
  }
}
