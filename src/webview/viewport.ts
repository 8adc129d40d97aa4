// Zoom and pan of one pane, as pure maths. The image fills the pane at zoom 1 (letterboxed), with
// each voxel's on-screen width and height proportional to its spacing, so anisotropic voxels keep
// their true aspect. Pan is stored in image pixels (the voxel under the pane centre), so it does not
// depend on the pane's size and survives resizes and reopening.

export interface PaneZoom {
  readonly zoom: number;
  /** The image point (in slice-image pixels, relative to the image centre) shown at the pane centre. */
  readonly panX: number;
  readonly panY: number;
}

export interface ImageSize {
  readonly width: number;
  readonly height: number;
  readonly pixelWidthMm: number;
  readonly pixelHeightMm: number;
}

/** Where the slice image lands in the pane, in CSS pixels: image pixel x spans [left + x·scaleX, +scaleX). */
export interface ImagePlacement {
  readonly left: number;
  readonly top: number;
  readonly scaleX: number;
  readonly scaleY: number;
}

export const MIN_ZOOM = 0.25;
export const MAX_ZOOM = 64;
export const RESET_ZOOM: PaneZoom = { zoom: 1, panX: 0, panY: 0 };

export function placeImage(paneWidth: number, paneHeight: number, image: ImageSize, view: PaneZoom): ImagePlacement {
  const widthMm = image.width * image.pixelWidthMm;
  const heightMm = image.height * image.pixelHeightMm;
  const fit = Math.min(paneWidth / widthMm, paneHeight / heightMm);
  const scaleX = fit * view.zoom * image.pixelWidthMm;
  const scaleY = fit * view.zoom * image.pixelHeightMm;
  return {
    left: paneWidth / 2 - (image.width / 2 + view.panX) * scaleX,
    top: paneHeight / 2 - (image.height / 2 + view.panY) * scaleY,
    scaleX,
    scaleY,
  };
}

/** Slice-image coordinates (fractional pixels) under a pane point. */
export function paneToImage(p: ImagePlacement, px: number, py: number): { x: number; y: number } {
  return { x: (px - p.left) / p.scaleX, y: (py - p.top) / p.scaleY };
}

/** The pane point at the centre of slice-image pixel (x, y). */
export function imageToPane(p: ImagePlacement, x: number, y: number): { x: number; y: number } {
  return { x: p.left + (x + 0.5) * p.scaleX, y: p.top + (y + 0.5) * p.scaleY };
}

/** Zooms by `factor` keeping the image point under pane point (px, py) where it is. */
export function zoomAt(
  view: PaneZoom, paneWidth: number, paneHeight: number, image: ImageSize, px: number, py: number, factor: number,
): PaneZoom {
  const zoom = Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, view.zoom * factor));
  const before = placeImage(paneWidth, paneHeight, image, view);
  const anchor = paneToImage(before, px, py);
  const after = placeImage(paneWidth, paneHeight, image, { zoom, panX: 0, panY: 0 });
  // Solve paneToImage(after shifted by pan) = anchor for the pan.
  return {
    zoom,
    panX: (paneWidth / 2 - px) / after.scaleX + anchor.x - image.width / 2,
    panY: (paneHeight / 2 - py) / after.scaleY + anchor.y - image.height / 2,
  };
}

/** Moves the image with the pointer by (dx, dy) CSS pixels. */
export function panBy(view: PaneZoom, placement: ImagePlacement, dx: number, dy: number): PaneZoom {
  return { zoom: view.zoom, panX: view.panX - dx / placement.scaleX, panY: view.panY - dy / placement.scaleY };
}
