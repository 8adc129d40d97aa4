// What one worker holds for one open mask: the decoded mask, an optional background on its grid,
// and the answers to the host's requests. The host thread never decodes or loops over voxels;
// everything that touches the volume happens here.
import { InputError } from '../core/errors';
import { planeAxis } from '../core/geometry/orientation';
import { outputArrayKind } from '../core/io/voxelDecoder';
import { voxelCount, type Geometry, type Volume, type VolumeHeader } from '../core/volume';
import { assertNever } from '../protocol/assertNever';
import { PLANES, type Axis, type DetachedFile, type Plane, type PlaneAxes } from '../protocol/viewer';
import type { HostToWorker, WorkerToHost } from '../protocol/worker';
import { alignBackground } from './backgroundGrid';
import { intensityStats } from './intensity';
import { countLabels } from './labelCounts';
import { extractSlice, ownIndexMap, type VoxelIndexMap } from './slice';
import { segmentCounts } from './layeredVolume';
import { volumeInfo } from './compareInfo';
import { decodeFile } from './volumeFiles';

export interface Reply {
  readonly message: WorkerToHost;
  /** Buffers handed over to the host (zero-copy). */
  readonly transfer: ArrayBuffer[];
}

interface LoadedMask {
  readonly volume: Volume;
  readonly lendable: boolean;
  readonly planes: Readonly<Record<Plane, PlaneAxes>>;
}

interface LoadedBackground {
  readonly volume: Volume;
  readonly lendable: boolean;
  /** Where each mask-grid voxel is in the background's array. */
  readonly map: VoxelIndexMap;
}

export class ViewerSession {
  private mask: LoadedMask | undefined;
  private background: LoadedBackground | undefined;

  async handle(msg: HostToWorker): Promise<Reply | undefined> {
    switch (msg.type) {
      case 'load':
        return msg.role === 'mask' ? this.loadMask(msg) : this.loadBackground(msg);
      case 'clearBackground':
        this.background = undefined;
        return undefined;
      case 'slice':
        return this.slice(msg.requestId, msg.plane, msg.index);
      case 'lend': {
        const held = msg.role === 'mask' ? this.mask : this.background;
        return { message: { type: 'lent', requestId: msg.requestId, volume: held?.lendable ? held.volume : null }, transfer: [] };
      }
      default:
        return assertNever(msg);
    }
  }

  private async loadMask(msg: Extract<HostToWorker, { type: 'load' }>): Promise<Reply> {
    this.mask = undefined;
    this.background = undefined;
    const { volume, labels, lendable, source } = await decodeFile(msg.file, msg.maxBytes, { tally: true });
    const planes = planeLayouts(volume.header.geometry);
    this.mask = { volume, planes, lendable };
    // Overlapping segments: each segment's own count, not what the composite shows of it.
    const counted = (await segmentCounts(source)) ?? labels ?? countLabels(volume.data);
    const info = volumeInfo(msg.file.name, volume, counted);
    return { message: { type: 'maskLoaded', requestId: msg.requestId, info, lendable }, transfer: [] };
  }

  private async loadBackground(msg: Extract<HostToWorker, { type: 'load' }>): Promise<Reply> {
    const mask = this.mask;
    if (!mask) throw new Error('a background was sent before its mask finished loading');
    this.background = undefined; // a failed load must not leave the previous background showing
    const { volume, lendable } = await decodeFile(msg.file, msg.maxBytes, { tally: false });
    const { map, alignment } = alignBackground(mask.volume.header, volume.header);
    const stats = intensityStats(volume.data);
    this.background = { volume, map, lendable };
    return {
      message: {
        type: 'backgroundLoaded',
        requestId: msg.requestId,
        info: { fileName: msg.file.name, dataType: volume.header.dataType, ...stats, alignment },
        lendable,
      },
      transfer: [],
    };
  }

  private slice(requestId: number, plane: Plane, index: number): Reply {
    const mask = this.mask;
    if (!mask) throw new Error('a slice was requested before the mask finished loading');
    const axes = mask.planes[plane];
    const shape = mask.volume.header.geometry.shape;
    const maskSlice = extractSlice(mask.volume, shape, ownIndexMap(shape), axes, index);
    const bg = this.background;
    const bgSlice = bg ? extractSlice(bg.volume, shape, bg.map, axes, index) : undefined;
    const transfer = bgSlice ? [maskSlice.buffer, bgSlice.buffer] : [maskSlice.buffer];
    return {
      message: bgSlice
        ? { type: 'slice', requestId, plane, index, mask: maskSlice, background: bgSlice }
        : { type: 'slice', requestId, plane, index, mask: maskSlice },
      transfer,
    };
  }
}

/** Detached data files by the name their header gives them. */
export function detachedMap(files: readonly DetachedFile[]): Map<string, Uint8Array> {
  return new Map(files.map((f) => [f.name, new Uint8Array(f.bytes)]));
}

const BYTES_PER_ELEMENT = { Uint8Array: 1, Int8Array: 1, Uint16Array: 2, Int16Array: 2, Uint32Array: 4, Int32Array: 4, Float32Array: 4, Float64Array: 8 } as const;

/**
 * Refuses, from a header alone, a volume whose voxels (times `copies`: a segmentation's layers and
 * their composite) would not fit the maskInspector.maxVolumeMegabytes limit. One typed array holds
 * up to 2^32 values of any type in Node 20 (16 GiB of float32 allocates), and the readers refuse
 * more voxels than that from the header, so the bytes of one volume meet no other wall.
 */
export function memoryCheck(name: string, maxBytes: number): (header: VolumeHeader, copies: number) => void {
  return (header, copies) => {
    const one = memoryNeeded(header);
    const needed = one * copies;
    const what = `${header.geometry.shape.join('×')} ${header.dataType}`;
    if (needed > maxBytes) {
      const layers = copies > 1 ? `, its ${copies - 1} layers of overlapping segments and their composite` : '';
      throw new InputError(
        `${name} needs ${megabytes(needed)} MB of memory (${what}${layers}), over the maskInspector.maxVolumeMegabytes limit of ${megabytes(maxBytes)} MB; ` +
          'raise that setting if this machine has the memory.',
      );
    }
  };
}

export function memoryNeeded(header: VolumeHeader): number {
  return voxelCount(header.geometry.shape) * BYTES_PER_ELEMENT[outputArrayKind(header.dataType, header.scaling)];
}

function megabytes(bytes: number): string {
  return String(Math.round(bytes / 2 ** 20));
}

/** For each plane: the array axis it slices along, and the other two in ascending order. */
export function planeLayouts(geometry: Pick<Geometry, 'affine'>): Record<Plane, PlaneAxes> {
  const entries = PLANES.map((plane): [Plane, PlaneAxes] => {
    const sliceAxis = planeAxis(geometry, plane) as Axis;
    const [fastAxis, slowAxis] = ([0, 1, 2] as const).filter((a) => a !== sliceAxis) as [Axis, Axis];
    return [plane, { sliceAxis, fastAxis, slowAxis }];
  });
  return Object.fromEntries(entries) as Record<Plane, PlaneAxes>;
}
