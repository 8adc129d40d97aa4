// The phantom's "patient": ellipsoid organs with wavy boundaries in normalised coordinates
// (u, v, w) in [-1, 1] along the RAS-stored array axes i, j, k, so any grid size shows the same
// anatomy. The prediction is the reference after the mistakes segmentation models really make:
// shifted, dilated and eroded boundaries, a few missed slices, false-positive blobs, and one organ
// given its neighbour's label over part of its extent.
import { between, seededRandom, type Random } from './random';

export interface Blob {
  readonly label: number;
  readonly centre: readonly [number, number, number];
  readonly radii: readonly [number, number, number];
  /** Boundary waviness: relative amplitude and a phase, different per blob and per mask. */
  readonly wobble: number;
  readonly phase: number;
  /** Slices (in w) where the blob is left out: the "missed slices" of a prediction. */
  readonly skipW?: readonly [number, number];
  /** Above this w the blob carries another label: a swap over part of an organ. */
  readonly relabelAbove?: { readonly w: number; readonly label: number };
}

interface Organ {
  readonly name: string;
  readonly centre: readonly [number, number, number];
  readonly radii: readonly [number, number, number];
}

/** Labels 1..6 in order; more labels are small random organs inside the body. */
const ORGANS: readonly Organ[] = [
  { name: 'liver', centre: [0.35, 0.05, 0.15], radii: [0.32, 0.3, 0.25] },
  { name: 'spleen', centre: [-0.45, -0.15, 0.2], radii: [0.13, 0.15, 0.12] },
  { name: 'right kidney', centre: [0.28, -0.35, -0.05], radii: [0.1, 0.12, 0.15] },
  { name: 'left kidney', centre: [-0.28, -0.35, -0.02], radii: [0.1, 0.12, 0.15] },
  { name: 'aorta', centre: [0.0, -0.3, 0.0], radii: [0.055, 0.055, 0.85] },
  { name: 'bladder', centre: [0.0, 0.1, -0.7], radii: [0.18, 0.14, 0.12] },
];

/** The body outline in the (u, v) plane, for the image volume. */
export const BODY = { radii: [0.85, 0.62] as const, spine: { centre: [0, -0.5] as const, radius: 0.08 } };

function organs(count: number, random: Random): Organ[] {
  const out = ORGANS.slice(0, count);
  for (let label = out.length + 1; label <= count; label++) {
    const r = between(random, 0.03, 0.08);
    out.push({
      name: `structure ${label}`,
      centre: [between(random, -0.6, 0.6), between(random, -0.4, 0.4), between(random, -0.8, 0.8)],
      radii: [r, r * between(random, 0.8, 1.3), r * between(random, 1, 2.5)],
    });
  }
  return out;
}

export interface PhantomAnatomy {
  readonly reference: readonly Blob[];
  readonly prediction: readonly Blob[];
  readonly names: readonly string[];
}

export function phantomAnatomy(labelCount: number, seed: number): PhantomAnatomy {
  const random = seededRandom(seed);
  const list = organs(labelCount, random);
  const reference: Blob[] = list.map((o, idx) => ({
    label: idx + 1, centre: o.centre, radii: o.radii, wobble: 0.05, phase: between(random, 0, 6.28),
  }));
  const prediction: Blob[] = reference.map((b) => {
    const noisier = { ...b, wobble: 0.07, phase: b.phase + between(random, 0.3, 0.9) };
    const scaled = (f: number): Blob => ({ ...noisier, radii: [b.radii[0] * f, b.radii[1] * f, b.radii[2] * f] });
    switch (b.label) {
      case 1: // boundary shifted sideways and down
        return { ...noisier, centre: [b.centre[0] + 0.03, b.centre[1], b.centre[2] - 0.02] };
      case 2:
        return scaled(1.12);
      case 3: // eroded, and its top part labelled as the other kidney
        return { ...scaled(0.88), relabelAbove: { w: b.centre[2] + 0.4 * b.radii[2], label: 4 } };
      case 4: // a few slices missed in the middle of the organ
        return { ...noisier, skipW: [b.centre[2] - 0.012, b.centre[2] + 0.012] };
      default:
        return noisier;
    }
  });
  // False-positive blobs: small spurious islands of real labels.
  for (let n = 0; n < 3; n++) {
    const r = between(random, 0.02, 0.04);
    prediction.push({
      label: 1 + Math.floor(random() * labelCount),
      centre: [between(random, -0.5, 0.5), between(random, -0.3, 0.3), between(random, -0.6, 0.6)],
      radii: [r, r, r * 1.5],
      wobble: 0.05,
      phase: between(random, 0, 6.28),
    });
  }
  return { reference, prediction, names: list.map((o) => o.name) };
}
