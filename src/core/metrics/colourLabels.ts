// RGB/RGBA PNG masks number their colours in order of first appearance in each file, so label 1 of
// the reference can be another colour than label 1 of the prediction. Before counting, the
// prediction's labels are renumbered so that one colour is one label in both files; colours only
// the prediction has get new numbers after the reference's largest. Every label then carries its
// colour into the result, so a person can tell which structure "label 3" is.
import { InputError } from '../errors';
import type { Slab, Volume, VolumeHeader, VoxelArray } from '../volume';

type Rgba = readonly [number, number, number, number];

export interface LabelColourPlan {
  /** prediction label -> reference label; null when the prediction's numbers already agree. */
  readonly predRemap: ReadonlyMap<number, number> | null;
  /** label (in the reference's numbering) -> "#rrggbb" ("#rrggbbaa" when not opaque). */
  readonly colours: ReadonlyMap<number, string>;
  /** label (in the reference's numbering) -> the name the files give it (Slicer segments). */
  readonly names: ReadonlyMap<number, string>;
  /** Sentences for the result's warnings, e.g. that segments were matched by name. */
  readonly notes: readonly string[];
}

/**
 * Two files that name their labels (Slicer .seg.nrrd segments) may number them differently: the
 * prediction's labels are matched to the reference's by name; a name only the prediction has keeps
 * its number unless the reference uses that number, then gets one after the reference's largest.
 */
function planByName(ref: VolumeHeader, pred: VolumeHeader): LabelColourPlan | undefined {
  const refNames = ref.labelNames;
  const predNames = pred.labelNames;
  if (!refNames || !predNames || refNames.size === 0 || predNames.size === 0) return undefined;
  const refValueOf = new Map([...refNames].map(([value, name]) => [name, value]));
  let next = Math.max(0, ...refNames.keys(), ...predNames.keys()) + 1;
  const predRemap = new Map<number, number>();
  for (const [value, name] of predNames) {
    const target = refValueOf.get(name) ?? (refNames.has(value) ? next++ : value);
    predRemap.set(value, target);
  }
  const names = new Map(refNames);
  const colours = new Map<number, string>();
  for (const [value, c] of pred.labelColours ?? []) colours.set(predRemap.get(value) ?? value, colourHex(c));
  for (const [value, c] of ref.labelColours ?? []) colours.set(value, colourHex(c));
  for (const [value, name] of predNames) if (!names.has(predRemap.get(value)!)) names.set(predRemap.get(value)!, name);
  const moved = [...predRemap].filter(([from, to]) => from !== to);
  if (moved.length === 0) return { predRemap: null, colours, names, notes: [] };
  const matched = moved.filter(([from]) => refValueOf.has(predNames.get(from)!));
  const unmatched = moved.filter(([from]) => !refValueOf.has(predNames.get(from)!));
  const notes: string[] = [];
  if (matched.length > 0) {
    const list = matched.map(([from, to]) => `${predNames.get(from)} ${from} → ${to}`).join(', ');
    notes.push(`${pred.source} numbers its segments differently from ${ref.source}, so they were matched by name (${list}).`);
  }
  if (unmatched.length > 0) {
    const list = unmatched.map(([from, to]) => `${predNames.get(from)} ${from} → ${to}`).join(', ');
    notes.push(`${pred.source} has segments whose names ${ref.source} does not have; they were given numbers of their own (${list}).`);
  }
  return { predRemap, colours, names, notes };
}

const key = (c: Rgba): string => c.join(',');
const hex2 = (n: number): string => n.toString(16).padStart(2, '0');
export const colourHex = (c: Rgba): string => `#${hex2(c[0])}${hex2(c[1])}${hex2(c[2])}${c[3] === 255 ? '' : hex2(c[3])}`;

export function planLabelColours(ref: VolumeHeader, pred: VolumeHeader): LabelColourPlan {
  const refByColour = ref.labelsByColour === true;
  const predByColour = pred.labelsByColour === true;
  if (refByColour !== predByColour) {
    const [byColour, byValue] = refByColour ? [ref, pred] : [pred, ref];
    throw new InputError(
      `${byColour.source} labels its voxels by colour but ${byValue.source} by value, so their label numbers cannot be matched; compare two colour masks or two value masks.`,
    );
  }
  const colours = new Map<number, string>();
  if (!refByColour) {
    const byName = planByName(ref, pred);
    if (byName) return byName;
    // Palette PNGs: the index is the label in both files; name it by whichever palette has it.
    for (const h of [pred, ref]) for (const [label, c] of h.labelColours ?? []) colours.set(label, colourHex(c));
    const names = new Map<number, string>();
    for (const h of [pred, ref]) for (const [label, name] of h.labelNames ?? []) names.set(label, name);
    return { predRemap: null, colours, names, notes: [] };
  }
  const refLabelOf = new Map<string, number>();
  let next = 1;
  for (const [label, c] of ref.labelColours ?? []) {
    refLabelOf.set(key(c), label);
    colours.set(label, colourHex(c));
    next = Math.max(next, label + 1);
  }
  const predRemap = new Map<number, number>();
  for (const [label, c] of pred.labelColours ?? []) {
    let target = refLabelOf.get(key(c));
    if (target === undefined) {
      target = next++;
      refLabelOf.set(key(c), target);
      colours.set(target, colourHex(c));
    }
    predRemap.set(label, target);
  }
  const identity = [...predRemap].every(([from, to]) => from === to);
  return { predRemap: identity ? null : predRemap, colours, names: new Map(), notes: [] };
}

/** A lookup table for `remap` and the largest label it produces. */
function lookup(remap: ReadonlyMap<number, number>): { lut: Uint32Array; largestTarget: number } {
  let largestSource = 0;
  let largestTarget = 0;
  for (const [from, to] of remap) {
    largestSource = Math.max(largestSource, from);
    largestTarget = Math.max(largestTarget, to);
  }
  const lut = new Uint32Array(largestSource + 1);
  for (const [from, to] of remap) lut[from] = to;
  return { lut, largestTarget };
}

function renumber(src: VoxelArray, lut: Uint32Array, out: VoxelArray): void {
  for (let i = 0; i < src.length; i++) {
    const v = src[i]!;
    out[i] = v < lut.length ? lut[v]! : v;
  }
}

/** The prediction's slabs with labels renumbered; background (0) stays 0. */
export async function* remapLabelSlabs(slabs: AsyncIterable<Slab>, remap: ReadonlyMap<number, number>): AsyncGenerator<Slab> {
  const { lut, largestTarget } = lookup(remap);
  let out: VoxelArray = new Uint8Array(0);
  for await (const slab of slabs) {
    if (out.length !== slab.data.length) out = allocateFor(largestTarget, slab.data.length);
    renumber(slab.data, lut, out);
    yield { kStart: slab.kStart, kCount: slab.kCount, data: out };
  }
}

/**
 * A colour-labelled prediction held in memory (the comparison worker's case), renumbered once to the
 * reference's colour numbers, so its slices, overlay and surface distances agree with the metrics.
 * Any other volume is returned as it is.
 */
export function renumberPredictionColours(ref: VolumeHeader, pred: Volume): Volume {
  const { predRemap } = planLabelColours(ref, pred.header);
  if (!predRemap) return pred;
  const { lut, largestTarget } = lookup(predRemap);
  const data = allocateFor(largestTarget, pred.data.length);
  renumber(pred.data, lut, data);
  const labelColours = new Map<number, Rgba>();
  const labelNames = new Map<number, string>();
  for (const [from, to] of predRemap) {
    const colour = pred.header.labelColours?.get(from);
    if (colour) labelColours.set(to, colour);
    const name = pred.header.labelNames?.get(from);
    if (name !== undefined) labelNames.set(to, name);
  }
  const dataType = data instanceof Uint8Array ? 'uint8' : data instanceof Uint16Array ? 'uint16' : 'uint32';
  return { header: { ...pred.header, dataType, labelColours, ...(pred.header.labelNames && { labelNames }) }, data };
}

function allocateFor(largest: number, length: number): VoxelArray {
  if (largest <= 0xff) return new Uint8Array(length);
  if (largest <= 0xffff) return new Uint16Array(length);
  return new Uint32Array(length);
}
