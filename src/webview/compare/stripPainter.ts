// Paints the per-slice Dice strip on a 2-D canvas: one bar per slice (height and colour by Dice), a
// dashed line at the threshold, hatched grey columns with a grey foot for slices where Dice is
// undefined (both masks empty), the current slice boxed with a marker above, slice numbers below.
// When slices outnumber pixels, a column shows the worst Dice among its slices, so a bad slice is
// never averaged away. While the files are read, the slices not counted yet are a faint band behind
// a dashed reading front, told apart from n/a (hatched) and Dice 0 (a vermillion stub).
import type { SliceMetrics } from '../../core/metrics/types';
import { cssColour } from '../palette';
import { barLeft, barWidth, diceColour, diceY, tickStep, type StripLayout } from './stripGeometry';

/** Theme colours, resolved from CSS custom properties of the strip (see media/compare.css). */
export interface StripTheme {
  readonly text: string;
  readonly axis: string;
  readonly threshold: string;
  readonly current: string;
  readonly na: string;
  /** Drawn translucent over the bar under the pointer. */
  readonly hover: string;
  readonly font: string;
}

export interface StripData {
  readonly slices: readonly SliceMetrics[];
  readonly threshold: number;
  readonly current: number | undefined;
  readonly hover: number | undefined;
  /** The files are being read: slices past `slices` are not counted yet. */
  readonly reading: boolean;
}

/** Height of the solid grey foot of an n/a column, in CSS px: visible even at a glance. */
export const NA_FOOT = 3;
/** Smallest bar height, so Dice 0 (one mask empty, the other not) still shows a bar. */
const MIN_BAR = 3;

export function paintStrip(ctx: CanvasRenderingContext2D, l: StripLayout, data: StripData, theme: StripTheme): void {
  paintAxes(ctx, l, theme);
  const hatch = hatchPattern(ctx, theme.na);
  const counted = data.reading ? Math.min(l.count, data.slices.length) : l.count;
  if (counted < l.count) paintNotRead(ctx, l, counted, theme);
  forEachColumn(l, counted, data.slices, (x0, x1, worst) => {
    const gap = x1 - x0 >= 4 ? 1 : 0;
    if (worst === null) {
      ctx.fillStyle = hatch ?? theme.na;
      ctx.fillRect(x0, l.top, x1 - x0 - gap, l.baseline - l.top);
      ctx.fillStyle = theme.na;
      ctx.fillRect(x0, l.baseline - NA_FOOT, x1 - x0 - gap, NA_FOOT);
      return;
    }
    const y = Math.min(diceY(l, worst), l.baseline - MIN_BAR);
    ctx.fillStyle = cssColour(diceColour(worst, data.threshold));
    ctx.fillRect(x0, y, x1 - x0 - gap, l.baseline - y);
  });
  paintThreshold(ctx, l, data.threshold, theme);
  if (data.hover !== undefined) paintHover(ctx, l, data.hover, theme);
  paintTicks(ctx, l, data.current, theme);
  if (data.current !== undefined) paintCurrent(ctx, l, data.current, theme);
}

/**
 * Calls `draw` for each pixel column group: slices whose bars start in the same device pixel are
 * one group, drawn with the worst (lowest) defined Dice; null when none of them has a Dice.
 */
function forEachColumn(
  l: StripLayout, count: number, slices: readonly SliceMetrics[], draw: (x0: number, x1: number, worst: number | null) => void,
): void {
  let start = 0;
  while (start < count) {
    const x0 = Math.round(barLeft(l, start));
    let end = start + 1;
    while (end < count && Math.round(barLeft(l, end)) <= x0) end++;
    const x1 = Math.max(x0 + 1, Math.round(barLeft(l, end)));
    let worst: number | null = null;
    for (let i = start; i < end; i++) {
      const d = slices[i]?.dice ?? null;
      if (d !== null && (worst === null || d < worst)) worst = d;
    }
    draw(x0, x1, worst);
    start = end;
  }
}

function paintAxes(ctx: CanvasRenderingContext2D, l: StripLayout, theme: StripTheme): void {
  ctx.fillStyle = theme.axis;
  ctx.fillRect(l.left, l.baseline, l.right - l.left, 1);
  ctx.globalAlpha = 0.35;
  ctx.fillRect(l.left, Math.round(diceY(l, 1)), l.right - l.left, 1);
  ctx.fillRect(l.left, Math.round(diceY(l, 0.5)), l.right - l.left, 1);
  ctx.globalAlpha = 1;
  ctx.fillStyle = theme.text;
  ctx.font = `10px ${theme.font}`;
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  ctx.fillText('1', l.left - 6, diceY(l, 1));
  ctx.fillText('0.5', l.left - 6, diceY(l, 0.5));
  ctx.fillText('0', l.left - 6, l.baseline);
}

/** Slices [from, count) not read yet: a faint band, a dashed front line, and words when they fit. */
function paintNotRead(ctx: CanvasRenderingContext2D, l: StripLayout, from: number, theme: StripTheme): void {
  const x0 = Math.round(barLeft(l, from));
  ctx.fillStyle = theme.axis;
  ctx.globalAlpha = 0.12;
  ctx.fillRect(x0, l.top, l.right - x0, l.baseline - l.top);
  ctx.globalAlpha = 1;
  ctx.strokeStyle = theme.current;
  ctx.lineWidth = 1;
  ctx.setLineDash([3, 3]);
  ctx.beginPath();
  ctx.moveTo(x0 + 0.5, l.top);
  ctx.lineTo(x0 + 0.5, l.baseline);
  ctx.stroke();
  ctx.setLineDash([]);
  const words = 'not read yet';
  ctx.font = `10px ${theme.font}`;
  if (ctx.measureText(words).width + 12 > l.right - x0) return;
  ctx.fillStyle = theme.text;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.fillText(words, (x0 + l.right) / 2, (l.top + l.baseline) / 2);
}

function paintThreshold(ctx: CanvasRenderingContext2D, l: StripLayout, threshold: number, theme: StripTheme): void {
  const y = Math.round(diceY(l, threshold)) + 0.5;
  ctx.strokeStyle = theme.threshold;
  ctx.lineWidth = 1;
  ctx.setLineDash([4, 3]);
  ctx.beginPath();
  ctx.moveTo(l.left, y);
  ctx.lineTo(l.right, y);
  ctx.stroke();
  ctx.setLineDash([]);
  ctx.fillStyle = theme.threshold;
  ctx.font = `10px ${theme.font}`;
  ctx.textAlign = 'left';
  ctx.textBaseline = 'middle';
  ctx.fillText(threshold.toFixed(2), l.right + 5, y);
}

function paintHover(ctx: CanvasRenderingContext2D, l: StripLayout, index: number, theme: StripTheme): void {
  const x0 = Math.round(barLeft(l, index));
  const x1 = Math.max(x0 + 1, Math.round(barLeft(l, index + 1)));
  ctx.fillStyle = theme.hover;
  ctx.globalAlpha = 0.18;
  ctx.fillRect(x0, l.top, x1 - x0, l.baseline - l.top);
  ctx.globalAlpha = 1;
}

function paintCurrent(ctx: CanvasRenderingContext2D, l: StripLayout, index: number, theme: StripTheme): void {
  const x0 = Math.round(barLeft(l, index));
  const x1 = Math.max(x0 + 1, Math.round(barLeft(l, index + 1)));
  const centre = (x0 + x1) / 2;
  ctx.strokeStyle = theme.current;
  ctx.lineWidth = 1;
  ctx.strokeRect(x0 - 1.5, l.top - 1.5, x1 - x0 + 2, l.baseline - l.top + 2);
  ctx.fillStyle = theme.current;
  ctx.beginPath();
  ctx.moveTo(centre - 4, 1);
  ctx.lineTo(centre + 4, 1);
  ctx.lineTo(centre, l.top - 3);
  ctx.closePath();
  ctx.fill();
  // The current slice number, on a backing box so it reads over the regular tick labels.
  const label = String(index);
  ctx.font = `bold 10px ${theme.font}`;
  const width = ctx.measureText(label).width + 6;
  const x = Math.min(l.right - width / 2, Math.max(l.left + width / 2, centre));
  ctx.fillStyle = theme.current;
  ctx.fillRect(x - width / 2, l.baseline + 2, width, 13);
  ctx.globalCompositeOperation = 'destination-out';
  ctx.fillStyle = '#000';
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  ctx.fillText(label, x, l.baseline + 3);
  ctx.globalCompositeOperation = 'source-over';
}

function paintTicks(ctx: CanvasRenderingContext2D, l: StripLayout, current: number | undefined, theme: StripTheme): void {
  const step = tickStep(l);
  const w = barWidth(l);
  ctx.font = `10px ${theme.font}`;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  for (let i = 0; i < l.count; i += step) {
    const x = barLeft(l, i) + w / 2;
    ctx.fillStyle = theme.axis;
    ctx.fillRect(Math.round(x), l.baseline, 1, 3);
    // Leave room for the current slice's own label.
    if (current !== undefined && Math.abs(barLeft(l, current) - barLeft(l, i)) < 22) continue;
    ctx.fillStyle = theme.text;
    ctx.fillText(String(i), x, l.baseline + 3);
  }
}

/** Diagonal grey hatching for n/a columns (null if the canvas cannot make patterns). */
function hatchPattern(ctx: CanvasRenderingContext2D, colour: string): CanvasPattern | null {
  const tile = document.createElement('canvas');
  tile.width = 6;
  tile.height = 6;
  const t = tile.getContext('2d');
  if (!t) return null;
  t.strokeStyle = colour;
  t.globalAlpha = 0.55;
  t.lineWidth = 1;
  t.beginPath();
  t.moveTo(0, 6);
  t.lineTo(6, 0);
  t.moveTo(-1, 1);
  t.lineTo(1, -1);
  t.moveTo(5, 7);
  t.lineTo(7, 5);
  t.stroke();
  return ctx.createPattern(tile, 'repeat');
}
