// Plays the extension host for the webview under test: answers `requestSlice` from a synthetic
// volume held here, slicing it with plain loops written independently of the webview's code (the
// layout the protocol documents: the two in-plane array axes ascending, the lower one fastest).
import type { Affine, Vec3 } from '../../src/core/volume';
import type {
  Axis, HostToWebview, LabelInfo, LabelNamesInfo, Plane, PlaneAxes, SliceData, ViewerSettings, VolumeInfo, WebviewToHost,
} from '../../src/protocol/viewer';
import type { WebviewPage } from './harness';

/** What the host sends when nothing names the labels. */
export const NO_LABEL_NAMES: LabelNamesInfo = { origin: { kind: 'none', chosen: false }, fromSetting: false, warning: null };

export interface TestVolume {
  readonly fileName: string;
  readonly shape: Vec3;
  readonly spacing: Vec3;
  readonly affine: Affine;
  readonly orientation: string;
  /** The array axis each plane slices along, stated by hand for each test file. */
  readonly sliceAxes: Readonly<Record<Plane, Axis>>;
  readonly mask: Uint8Array;
  readonly background?: Int16Array;
  readonly names?: ReadonlyMap<number, string>;
  /** A PNG mask: 'png' geometry (the reader's LPS grid), format png. */
  readonly png?: boolean;
}

export const DEFAULT_TEST_SETTINGS: ViewerSettings = {
  displayConvention: 'radiological', overlayOpacity: 1, outlineMode: 'filled', palette: 'colorblind',
};

function planeAxes(sliceAxis: Axis): PlaneAxes {
  const [fastAxis, slowAxis] = ([0, 1, 2] as const).filter((a) => a !== sliceAxis) as [Axis, Axis];
  return { sliceAxis, fastAxis, slowAxis };
}

export function volumeInfo(v: TestVolume): VolumeInfo {
  const counts = new Map<number, number>();
  for (const value of v.mask) if (value !== 0) counts.set(value, (counts.get(value) ?? 0) + 1);
  const labels: LabelInfo[] = [...counts.keys()].sort((a, b) => a - b).map((value) => ({
    value, voxelCount: counts.get(value)!, ...(v.names?.has(value) ? { name: v.names.get(value)! } : {}),
  }));
  return {
    fileName: v.fileName, format: v.png ? 'png' : 'nifti1', dataType: 'uint8', shape: v.shape, spacing: v.spacing, affine: v.affine,
    affineSource: v.png ? 'png' : 'sform', orientation: v.orientation,
    planes: { axial: planeAxes(v.sliceAxes.axial), coronal: planeAxes(v.sliceAxes.coronal), sagittal: planeAxes(v.sliceAxes.sagittal) },
    labels, labelsTruncated: false, volumes: 1, volumeIndex: 0,
  };
}

export function voxelIndex(shape: Vec3, v: Vec3): number {
  return v[0] + shape[0] * (v[1] + shape[1] * v[2]);
}

function cut<T extends Uint8Array | Int16Array>(data: T, shape: Vec3, sliceAxis: Axis, index: number, make: (n: number) => T, arrayType: SliceData['arrayType']): SliceData {
  const { fastAxis, slowAxis } = planeAxes(sliceAxis);
  const width = shape[fastAxis];
  const height = shape[slowAxis];
  const out = make(width * height);
  for (let row = 0; row < height; row++) {
    for (let col = 0; col < width; col++) {
      const voxel = [0, 0, 0];
      voxel[fastAxis] = col;
      voxel[slowAxis] = row;
      voxel[sliceAxis] = index;
      out[col + row * width] = data[voxelIndex(shape, voxel as unknown as Vec3)]!;
    }
  }
  return { arrayType, width, height, buffer: out.buffer as ArrayBuffer };
}

type Rendered = Extract<WebviewToHost, { type: 'rendered' }>;
type ProbeResult = Extract<WebviewToHost, { type: 'probeResult' }>;

export class FakeHost {
  private handled = 0;
  private running = true;
  private withBackground = false;
  private readonly loop: Promise<void>;
  /** Slice requests seen, in order (plane:index). */
  readonly requests: string[] = [];

  constructor(readonly webview: WebviewPage, private readonly volume: TestVolume) {
    this.loop = this.serve();
  }

  async open(settings: ViewerSettings = DEFAULT_TEST_SETTINGS, withBackground = false, labelNames: LabelNamesInfo = NO_LABEL_NAMES): Promise<void> {
    await this.webview.waitForPosted((m): m is { type: 'ready' } => (m as WebviewToHost).type === 'ready');
    await this.send({ type: 'settings', settings });
    await this.send({ type: 'volume', info: volumeInfo(this.volume), labelNames });
    if (withBackground && this.volume.background) {
      this.withBackground = true;
      let low = Infinity;
      let high = -Infinity;
      for (const v of this.volume.background) { low = Math.min(low, v); high = Math.max(high, v); }
      await this.send({ type: 'background', background: { fileName: 'ct.nii.gz', dataType: 'int16', range: [low, high], autoWindow: { low, high }, alignment: 'identical' } });
    }
  }

  send(message: HostToWebview): Promise<void> {
    return this.webview.send(message);
  }

  /** Marks the current end of the message log; `after` waits only for messages posted later. */
  mark(): number {
    return this.webview.posted.length;
  }

  after<T extends WebviewToHost>(since: number, match: (m: WebviewToHost) => m is T, timeoutMs = 10_000): Promise<T> {
    const posted = this.webview.posted;
    return this.webview.waitForPosted((m): m is T => posted.indexOf(m) >= since && match(m as WebviewToHost), timeoutMs);
  }

  /** The next `rendered` report (after `since`) that shows `plane` at `index`. */
  renderedShowing(since: number, plane: Plane, index: number): Promise<Rendered> {
    return this.after(since, (m): m is Rendered => m.type === 'rendered' && m.views.some((v) => v.plane === plane && v.index === index));
  }

  async probe(plane: Plane, index: number, voxels: readonly Vec3[]): Promise<ProbeResult> {
    const since = this.mark();
    const requestId = 1000 + since;
    await this.send({ type: 'probe', requestId, plane, index, voxels });
    return this.after(since, (m): m is ProbeResult => m.type === 'probeResult' && m.requestId === requestId);
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
  }

  private async serve(): Promise<void> {
    const posted = this.webview.posted;
    while (this.running) {
      try {
        await this.webview.waitForPosted((m): m is unknown => posted.indexOf(m) >= this.handled, 200);
      } catch {
        continue; // nothing new yet
      }
      while (this.handled < posted.length) {
        const m = posted[this.handled++] as WebviewToHost;
        if (m.type === 'requestSlice') await this.answer(m.requestId, m.plane, m.index);
      }
    }
  }

  private async answer(requestId: number, plane: Plane, index: number): Promise<void> {
    this.requests.push(`${plane}:${index}`);
    const v = this.volume;
    const axis = v.sliceAxes[plane];
    const mask = cut(v.mask, v.shape, axis, index, (n) => new Uint8Array(n), 'uint8');
    const background = this.withBackground && v.background ? cut(v.background, v.shape, axis, index, (n) => new Int16Array(n), 'int16') : undefined;
    try {
      await this.send({ type: 'slice', requestId, plane, index, mask, ...(background ? { background } : {}) });
    } catch {
      // the page closed while a reply was on its way
    }
  }
}
