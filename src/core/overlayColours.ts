// The default colours of the comparison's overlay: TP (in both masks), FP (prediction only) and
// FN (reference only). They must never be mistaken for a label, so none of them is a label-palette
// colour (src/webview/palette.ts uses Okabe & Ito, Paul Tol's muted set, then mid-lightness hues):
// TP is white (agreement, the least interesting class, reads as "highlighted"), FP a saturated red
// and FN a bright azure. Red and blue sit on the blue-yellow axis that protan and deutan vision
// keep, and white differs from both in lightness, so the three stay apart under the common
// colour-vision deficiencies (test/unit/labels/overlayColours.test.ts measures both properties).
// The hex strings are the maskInspector.compareColors defaults in package.json.

export const DEFAULT_OVERLAY_HEX = { truePositive: '#FFFFFF', falsePositive: '#FF1A30', falseNegative: '#1A8CFF' } as const;

/** '#RRGGBB' to opaque RGBA bytes. */
export function hexToRgba(hex: string): [number, number, number, number] {
  const n = parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255, 255];
}
