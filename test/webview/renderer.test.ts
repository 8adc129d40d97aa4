// The pure parts of the webview, in Node: label/grey pixel maths, outline, LUT corner cases, the
// palette, zoom/pan maths, state restoring and the slice store's request discipline. Expected values
// are computed here from the definitions (alpha blending, linear window), not by the code under test.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildLabelLut, packRgba, unpackRgba } from '../../src/webview/lut';
import { renderLabelSlice, type SliceRaster } from '../../src/webview/renderer';
import { paletteColour } from '../../src/webview/palette';
import { placeImage, paneToImage, zoomAt, panBy } from '../../src/webview/viewport';
import { restoreViewState, cursorWithin } from '../../src/webview/state';
import { SliceStore } from '../../src/webview/sliceStore';
import type { Rgba, SliceData } from '../../src/protocol/viewer';

const RED: Rgba = [200, 40, 10, 255];
const BLUE: Rgba = [10, 60, 220, 255];
const row = (width: number): SliceRaster => ({ width, height: 1, origin: 0, stepX: 1, stepY: width });

function render(mask: ArrayLike<number>, background: number[] | undefined, opts: { opacity?: number; hidden?: number[]; outline?: boolean; width?: number; unlisted?: Rgba } = {}): Rgba[] {
  const values = Float32Array.from(mask);
  const lut = buildLabelLut([{ value: 1, colour: RED }, { value: 2, colour: BLUE }, { value: 5000, colour: BLUE }, { value: 2.5, colour: RED }],
    new Set(opts.hidden ?? []), opts.opacity ?? 1, opts.unlisted);
  const width = opts.width ?? values.length;
  const out = new Uint32Array(values.length);
  const raster: SliceRaster = { width, height: values.length / width, origin: 0, stepX: 1, stepY: width };
  renderLabelSlice(out, raster, values, background ? Float32Array.from(background) : undefined, { lut, outline: opts.outline ?? false, window: { low: 0, high: 255 } });
  return [...out].map(unpackRgba);
}

/** Alpha blending of colour c over grey g at opacity o, as bytes (truncated like canvas maths). */
function blend(c: Rgba, g: number, o: number): Rgba {
  const a = Math.round(255 * o) / 255;
  return [Math.trunc(g + (c[0] - g) * a), Math.trunc(g + (c[1] - g) * a), Math.trunc(g + (c[2] - g) * a), 255];
}

test('over black: 0 is black, labels take their colour scaled by opacity', () => {
  assert.deepEqual(render([0, 1, 2], undefined), [[0, 0, 0, 255], RED, BLUE]);
  const half = render([1], undefined, { opacity: 0.5 })[0]!;
  assert.deepEqual(half, [Math.round(200 * 128 / 255), Math.round(40 * 128 / 255), Math.round(10 * 128 / 255), 255]);
});

test('over a background: grey from the window, labels blended; table and map paths agree', () => {
  const px = render([0, 1, 2, 5000, 2.5], [100, 100, 30, 30, 250], { opacity: 0.4 });
  assert.deepEqual(px[0], [100, 100, 100, 255]);
  assert.deepEqual(px[1], blend(RED, 100, 0.4));
  assert.deepEqual(px[2], blend(BLUE, 30, 0.4));
  assert.deepEqual(px[3], blend(BLUE, 30, 0.4), 'value 5000 (outside the table) blends the same way');
  assert.deepEqual(px[4], blend(RED, 250, 0.4), 'a non-integer label value works');
  // The window clamps: below low is black, above high is white.
  const clamped = render([0, 0], [-50, 900]);
  assert.deepEqual(clamped, [[0, 0, 0, 255], [255, 255, 255, 255]]);
});

test('over a background with a short label table: the pre-mixed path gives the same blend', () => {
  const lut = buildLabelLut([{ value: 1, colour: RED }, { value: 2, colour: BLUE }], new Set([2]), 0.3);
  assert.ok(lut.overGrey, 'small tables are pre-mixed');
  const out = new Uint32Array(4);
  renderLabelSlice(out, row(4), Uint8Array.from([1, 1, 2, 0]), Int16Array.from([0, 200, 200, 77]), { lut, outline: false, window: { low: 0, high: 255 } });
  assert.deepEqual([...out].map(unpackRgba), [blend(RED, 0, 0.3), blend(RED, 200, 0.3), [200, 200, 200, 255], [77, 77, 77, 255]]);
});

test('hidden labels show the background; unlisted values use the unlisted colour when given', () => {
  assert.deepEqual(render([1, 2], [70, 70], { hidden: [1] }), [[70, 70, 70, 255], BLUE]);
  assert.deepEqual(render([1], undefined, { hidden: [1] }), [[0, 0, 0, 255]]);
  assert.deepEqual(render([3, 9999], undefined), [[0, 0, 0, 255], [0, 0, 0, 255]], 'unlisted, no colour: not drawn');
  const grey: Rgba = [220, 220, 220, 255];
  assert.deepEqual(render([3, 9999], undefined, { unlisted: grey }), [grey, grey]);
  assert.deepEqual(render([3], [10], { unlisted: grey }), [grey]);
});

test('outline keeps label voxels with a different 4-neighbour, over black and over a background', () => {
  // 4 × 4 block of label 1 inside a 6 × 6 slice: the inner 2 × 2 is interior.
  const mask = Array.from({ length: 36 }, (_, n) => (n % 6 >= 1 && n % 6 <= 4 && n >= 6 && n < 30 ? 1 : 0));
  const interior = new Set([14, 15, 20, 21]);
  for (const background of [undefined, Array.from({ length: 36 }, () => 50)]) {
    const px = render(mask, background, { outline: true, width: 6 });
    const off: Rgba = background ? [50, 50, 50, 255] : [0, 0, 0, 255];
    px.forEach((p, n) => assert.deepEqual(p, mask[n] && !interior.has(n) ? RED : off, `pixel ${n}`));
  }
});

test('strides with flips read the slice backwards', () => {
  const lut = buildLabelLut([{ value: 1, colour: RED }, { value: 2, colour: BLUE }], new Set(), 1);
  const out = new Uint32Array(3);
  renderLabelSlice(out, { width: 3, height: 1, origin: 2, stepX: -1, stepY: 3 }, Uint8Array.from([1, 0, 2]), undefined, { lut, outline: false, window: { low: 0, high: 1 } });
  assert.deepEqual([...out].map(unpackRgba), [BLUE, [0, 0, 0, 255], RED]);
  assert.equal(packRgba(1, 2, 3, 4), unpackRgba(packRgba(1, 2, 3, 4)).reduce((p, c, i) => p + c * 256 ** i, 0));
});

test('palette: Okabe-Ito first, then distinct colours for many labels; stable by value', () => {
  const hex = (c: Rgba) => '#' + c.slice(0, 3).map((v) => v.toString(16).padStart(2, '0')).join('').toUpperCase();
  assert.deepEqual([1, 2, 3, 4, 5, 6, 7].map((v) => hex(paletteColour(v))), ['#E69F00', '#56B4E9', '#009E73', '#F0E442', '#0072B2', '#D55E00', '#CC79A7']);
  const seen = new Set(Array.from({ length: 200 }, (_, n) => hex(paletteColour(n + 1))));
  assert.equal(seen.size, 200);
  assert.deepEqual(paletteColour(42), paletteColour(42));
  assert.notDeepEqual(paletteColour(0.5), paletteColour(1.5));
});

test('viewport: letterboxed fit with physical aspect; zoom keeps the point under the pointer; pan follows', () => {
  const image = { width: 100, height: 50, pixelWidthMm: 1, pixelHeightMm: 4 }; // 100 mm × 200 mm
  const fit = placeImage(400, 400, image, { zoom: 1, panX: 0, panY: 0 });
  assert.deepEqual([fit.scaleX, fit.scaleY, fit.left, fit.top], [2, 8, 100, 0]);
  const anchor = paneToImage(fit, 123, 321);
  const zoomed = zoomAt({ zoom: 1, panX: 0, panY: 0 }, 400, 400, image, 123, 321, 3);
  const after = paneToImage(placeImage(400, 400, image, zoomed), 123, 321);
  assert.ok(Math.abs(after.x - anchor.x) < 1e-9 && Math.abs(after.y - anchor.y) < 1e-9);
  assert.equal(zoomed.zoom, 3);
  const moved = placeImage(400, 400, image, panBy(zoomed, placeImage(400, 400, image, zoomed), 30, -12));
  const before = placeImage(400, 400, image, zoomed);
  assert.ok(Math.abs(moved.left - before.left - 30) < 1e-9 && Math.abs(moved.top - before.top + 12) < 1e-9);
});

test('state: unknown or broken fields fall back; the cursor is clamped into the grid', () => {
  const s = restoreViewState({ layout: 'grid', plane: 'nope', cursor: [1, 2], opacity: 2, hidden: [3, '4'], window: { width: -1, level: 0 }, zoom: { axial: { zoom: 1000, panX: 1, panY: 2 } } });
  assert.equal(s.layout, 'grid');
  assert.equal(s.plane, 'axial');
  assert.equal(s.cursor, null);
  assert.equal(s.opacity, null);
  assert.deepEqual(s.hidden, [3]);
  assert.equal(s.window, null);
  assert.equal(s.zoom.axial.zoom, 64);
  assert.deepEqual(cursorWithin([50, 1, 9], [10, 10, 10]), [9, 1, 9]);
  assert.deepEqual(cursorWithin(null, [10, 11, 1]), [5, 5, 0]);
});

function sliceData(width: number, height: number): SliceData {
  return { arrayType: 'uint8', width, height, buffer: new Uint8Array(width * height).buffer };
}

test('slice store: one request per plane in flight, the newest wanted slice asked next, LRU by bytes', () => {
  const sent: [number, string, number][] = [];
  const store = new SliceStore((id, plane, index) => sent.push([id, plane, index]), 3 * 100);
  store.want('axial', 1);
  store.want('axial', 2);
  store.want('axial', 3); // scrolled on while 1 was on its way
  store.want('coronal', 7);
  assert.deepEqual(sent, [[1, 'axial', 1], [2, 'coronal', 7]]);
  assert.deepEqual(store.receive(1, 'axial', 1, sliceData(10, 10)), { plane: 'axial', index: 1 });
  assert.deepEqual(sent.at(-1), [3, 'axial', 3], 'asks for the newest, skipping 2');
  store.receive(3, 'axial', 3, sliceData(10, 10));
  store.receive(2, 'coronal', 7, sliceData(10, 10));
  assert.ok(store.get('axial', 1) && store.get('axial', 3) && store.get('coronal', 7));
  store.readAhead('axial', [4]);
  store.receive(4, 'axial', 4, sliceData(10, 10)); // 4 × 100 bytes > budget: least recently used goes
  assert.equal(store.get('axial', 1), undefined);
  assert.ok(store.get('axial', 4));
  store.want('axial', 9);
  store.clear();
  assert.equal(store.receive(5, 'axial', 9, sliceData(10, 10)), undefined, 'a reply from before clear() is ignored');
});

test('slice store while reading: a slice known to be read is asked at once beside one awaited ahead of the read', () => {
  const sent: [number, string, number][] = [];
  const store = new SliceStore((id, plane, index) => sent.push([id, plane, index]));
  store.want('axial', 20); // ahead of the read: its answer waits
  store.want('axial', 25);
  assert.deepEqual(sent, [[1, 'axial', 20]], 'one at a time while nothing is known to be read');
  store.markRead('axial', 10); // slices 0..9 are read; the wanted 25 is not
  assert.deepEqual(sent, [[1, 'axial', 20]]);
  store.want('axial', 3);
  assert.deepEqual(sent.at(-1), [2, 'axial', 3], 'a read slice does not wait behind 20');
  store.want('axial', 3);
  assert.equal(sent.length, 2, 'asked once');
  store.markRead('coronal', 50);
  store.want('axial', 12);
  assert.equal(sent.length, 2, 'past the read front: waits its turn');
  store.markRead('axial', 13); // the read moved past the wanted 12
  assert.deepEqual(sent.at(-1), [3, 'axial', 12]);
  store.clear();
  store.want('axial', 1);
  store.want('axial', 2);
  assert.deepEqual(sent.at(-1), [4, 'axial', 1], 'after clear() nothing is known to be read');
});
