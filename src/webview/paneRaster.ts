// The voxel-sized offscreen image of one pane and its scaled presentation. The slice is rendered
// once into a reused ImageData (through a Uint32Array view) only when the slice or its appearance
// changed; zoom, pan and resizes just redraw that bitmap scaled with smoothing off.
import type { PlaneMapping } from '../core/geometry/display';
import { sliceStrides } from '../core/geometry/display';
import type { Rgba } from '../protocol/viewer';
import type { PaneSource } from './paneSource';
import type { SliceRaster } from './renderer';
import type { DecodedSlice } from './sliceStore';
import type { ImagePlacement } from './viewport';

export class PaneRaster {
  private readonly canvas = document.createElement('canvas');
  private readonly ctx = this.canvas.getContext('2d')!;
  private imageData: ImageData | undefined;
  private pixels: Uint32Array | undefined;
  private renderedKey = '';

  /** Renders `slice` unless this exact slice and appearance is already in the bitmap. */
  update(m: PlaneMapping, index: number, source: PaneSource, slice: DecodedSlice): void {
    const key = `${m.plane}|${m.xAxis}${m.flipX}${m.yAxis}${m.flipY}|${index}|${source.version}`;
    if (key === this.renderedKey) return;
    if (!this.imageData || this.imageData.width !== m.width || this.imageData.height !== m.height) {
      this.canvas.width = m.width;
      this.canvas.height = m.height;
      this.imageData = this.ctx.createImageData(m.width, m.height);
      this.pixels = new Uint32Array(this.imageData.data.buffer);
    }
    const raster: SliceRaster = { width: m.width, height: m.height, ...sliceStrides(m) };
    source.render(this.pixels!, raster, slice);
    this.ctx.putImageData(this.imageData, 0, 0);
    this.renderedKey = key;
  }

  /** Draws the bitmap into a surface-filling canvas at the placement; blank until a slice arrived. */
  present(target: HTMLCanvasElement, p: ImagePlacement): void {
    const ctx = PaneRaster.sizeToSurface(target);
    if (!ctx || !this.imageData) return;
    ctx.imageSmoothingEnabled = false;
    ctx.drawImage(this.canvas, 0, 0, this.canvas.width, this.canvas.height,
      p.left, p.top, this.canvas.width * p.scaleX, this.canvas.height * p.scaleY);
  }

  /** The colour on `target` at a CSS-pixel point of its surface. */
  readPixel(target: HTMLCanvasElement, x: number, y: number): Rgba | null {
    const dpr = target.width / Math.max(1, target.clientWidth);
    const px = Math.floor(x * dpr);
    const py = Math.floor(y * dpr);
    if (px < 0 || py < 0 || px >= target.width || py >= target.height) return null;
    const d = target.getContext('2d')!.getImageData(px, py, 1, 1).data;
    return [d[0]!, d[1]!, d[2]!, d[3]!];
  }

  /**
   * Matches a canvas's backing store to its CSS size × devicePixelRatio (sharp on HiDPI screens),
   * clears it and returns a context that draws in CSS pixels.
   */
  static sizeToSurface(target: HTMLCanvasElement): CanvasRenderingContext2D | undefined {
    const dpr = window.devicePixelRatio || 1;
    const width = Math.round(target.clientWidth * dpr);
    const height = Math.round(target.clientHeight * dpr);
    if (width === 0 || height === 0) return undefined;
    if (target.width !== width) target.width = width;
    if (target.height !== height) target.height = height;
    const ctx = target.getContext('2d');
    if (!ctx) return undefined;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, width, height);
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    return ctx;
  }
}
