// The overlay's TP / FP / FN defaults are not label colours and stay apart for people with the
// common colour-vision deficiencies. Distances are CIE76 ΔE in CIELAB (D65, sRGB) — about 2.3 is a
// just-noticeable difference; colour-blind vision is simulated with Machado, Oliveira & Fernandes
// (2009), severity 1, applied in linear RGB. The manifest's defaults are the ones the code uses.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_OVERLAY_HEX, hexToRgba } from '../../../src/core/overlayColours';
import { paletteColour } from '../../../src/webview/palette';

type Rgb = readonly [number, number, number];
type Matrix = readonly [Rgb, Rgb, Rgb];

const toLinear = (c: number): number => { const s = c / 255; return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4; };
const toByte = (c: number): number => { const s = Math.min(1, Math.max(0, c)); return 255 * (s <= 0.0031308 ? 12.92 * s : 1.055 * s ** (1 / 2.4) - 0.055); };
const apply = (m: Matrix, v: Rgb): Rgb => [0, 1, 2].map((i) => m[i]![0] * v[0] + m[i]![1] * v[1] + m[i]![2] * v[2]) as unknown as Rgb;

function lab(rgb: Rgb): Rgb {
  const [x, y, z] = apply([[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722], [0.0193, 0.1192, 0.9505]], rgb.map(toLinear) as unknown as Rgb);
  const f = (t: number): number => (t > 0.008856 ? Math.cbrt(t) : 7.787 * t + 16 / 116);
  const [fx, fy, fz] = [f(x / 0.95047), f(y), f(z / 1.08883)];
  return [116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)];
}
const deltaE = (a: Rgb, b: Rgb): number => Math.hypot(...lab(a).map((v, i) => v - lab(b)[i]!));

const MACHADO: Record<string, Matrix> = {
  protan: [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]],
  deutan: [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.011820, 0.042940, 0.968881]],
  tritan: [[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602], [0.004733, 0.691367, 0.303900]],
};
const simulate = (m: Matrix, c: Rgb): Rgb => apply(m, c.map(toLinear) as unknown as Rgb).map(toByte) as unknown as Rgb;

const rgb = (hex: string): Rgb => hexToRgba(hex).slice(0, 3) as unknown as Rgb;
const OVERLAY = Object.entries(DEFAULT_OVERLAY_HEX).map(([name, hex]) => ({ name, colour: rgb(hex) }));

test('no overlay default is near a colour of labels 1 to 64 (ΔE ≥ 15)', () => {
  for (const { name, colour } of OVERLAY) {
    for (let label = 1; label <= 64; label++) {
      const c = paletteColour(label);
      const d = deltaE(colour, [c[0], c[1], c[2]]);
      assert.ok(d >= 15, `${name} is ΔE ${d.toFixed(1)} from label ${label}'s colour`);
    }
  }
});

test('the three overlay defaults stay apart (ΔE ≥ 40) with normal, protan, deutan and tritan vision', () => {
  const identity: Matrix = [[1, 0, 0], [0, 1, 0], [0, 0, 1]];
  for (const [vision, m] of Object.entries({ normal: identity, ...MACHADO })) {
    for (let i = 0; i < OVERLAY.length; i++) {
      for (let j = i + 1; j < OVERLAY.length; j++) {
        const d = deltaE(simulate(m, OVERLAY[i]!.colour), simulate(m, OVERLAY[j]!.colour));
        assert.ok(d >= 40, `${vision}: ${OVERLAY[i]!.name} and ${OVERLAY[j]!.name} are only ΔE ${d.toFixed(1)} apart`);
      }
    }
  }
});

test('the check can fail: the former defaults equal labels 4, 6 and 2', () => {
  const former = ['#F0E442', '#D55E00', '#56B4E9'].map(rgb);
  const labels = [4, 6, 2].map((l) => paletteColour(l).slice(0, 3) as unknown as Rgb);
  former.forEach((c, i) => assert.ok(deltaE(c, labels[i]!) < 1));
});

test("package.json's maskInspector.compareColors defaults are the code's", () => {
  const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', '..', 'package.json'), 'utf8')) as {
    contributes: { configuration: { properties: Record<string, { default: unknown }> } };
  };
  assert.deepEqual(manifest.contributes.configuration.properties['maskInspector.compareColors']!.default, DEFAULT_OVERLAY_HEX);
});
