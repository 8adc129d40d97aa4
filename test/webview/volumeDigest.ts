// What a read produced, small enough to compare across hosts: the header facts and a hash of every
// voxel as streamed (slab by slab, as the comparison reads). Used by Node and by the browser bundle.
import { isInputError } from '../../src/core/errors';
import type { VolumeSource } from '../../src/core/io/api';

export interface VolumeDigest {
  readonly format: string;
  readonly dataType: string;
  readonly shape: readonly number[];
  readonly affine: readonly number[];
  readonly voxels: number;
  readonly sum: number;
  /** FNV-1a over the voxels' bytes in stream order. */
  readonly hash: number;
  readonly slabs: number;
}

export type ReadOutcome = { readonly kind: 'read'; readonly digest: VolumeDigest } | { readonly kind: 'refused'; readonly inputError: boolean; readonly message: string };

export async function digestOf(open: () => VolumeSource): Promise<ReadOutcome> {
  try {
    const source = open();
    let voxels = 0;
    let sum = 0;
    let hash = 0x811c9dc5;
    let slabs = 0;
    for await (const slab of source.slabs()) {
      slabs++;
      const data = slab.data;
      for (let i = 0; i < data.length; i++) sum += data[i]!;
      voxels += data.length;
      const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
      for (let i = 0; i < bytes.length; i++) hash = Math.imul(hash ^ bytes[i]!, 0x01000193) >>> 0;
    }
    const h = source.header;
    return { kind: 'read', digest: { format: h.format, dataType: h.dataType, shape: [...h.geometry.shape], affine: [...h.geometry.affine], voxels, sum, hash, slabs } };
  } catch (e) {
    return { kind: 'refused', inputError: isInputError(e), message: e instanceof Error ? e.message : String(e) };
  }
}
