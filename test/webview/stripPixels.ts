// Reading the Dice strip's canvas in the webview tests: where its plot area and bars are (from the
// data-plot-* attributes the strip publishes), the canvas's own pixel at a point, and what a bar,
// an n/a foot or blank canvas looks like there.
import type { Page } from 'playwright-core';

export interface Plot { left: number; right: number; top: number; baseline: number; count: number; x: number; y: number }

export async function plot(page: Page): Promise<Plot> {
  const canvas = page.locator('.mi-strip-canvas');
  const box = await canvas.boundingBox();
  if (!box) throw new Error('the strip is not visible');
  const n = async (name: string) => Number(await canvas.getAttribute(`data-plot-${name}`));
  return {
    left: await n('left'), right: await n('right'), top: await n('top'), baseline: await n('baseline'),
    count: Number(await canvas.getAttribute('data-count')), x: box.x, y: box.y,
  };
}

/** Page point at the middle of bar `index`, at Dice height `dice` (0 = the baseline). */
export function barPoint(p: Plot, index: number, dice: number): { x: number; y: number } {
  return {
    x: p.x + p.left + ((index + 0.5) * (p.right - p.left)) / p.count,
    y: p.y + p.baseline - dice * (p.baseline - p.top),
  };
}

/** The strip canvas's own pixel at a page point (what was drawn, before compositing). */
export async function stripPixel(page: Page, point: { x: number; y: number }): Promise<[number, number, number, number]> {
  return page.evaluate(({ x, y }) => {
    const c = document.querySelector('.mi-strip-canvas') as HTMLCanvasElement;
    const r = c.getBoundingClientRect();
    const dpr = c.width / r.width;
    const d = c.getContext('2d')!.getImageData(Math.floor((x - r.left) * dpr), Math.floor((y - r.top) * dpr), 1, 1).data;
    return [d[0]!, d[1]!, d[2]!, d[3]!] as [number, number, number, number];
  }, point);
}

export const isGrey = ([r, g, b, a]: number[]) => a! > 100 && Math.max(r!, g!, b!) - Math.min(r!, g!, b!) < 16 && r! > 60;
export const isBlueBar = ([r, , b, a]: number[]) => a === 255 && b! > r! + 60;
export const isOrangeBar = ([r, g, b, a]: number[]) => a === 255 && r! > 180 && g! > 60 && b! < 60;
export const isEmpty = ([, , , a]: number[]) => a! < 100;
