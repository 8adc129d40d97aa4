// DICOM SEG as a VolumeSource: a `.dcm` file (or a folder holding one SEG object among other DICOM
// files, as a study export is laid out) read whole, since SEG objects are small and their frames
// come in any order. Segments become labels named by SegmentLabel and coloured by
// RecommendedDisplayCIELabValue. Overlapping segments come as several volumes (layers, see
// segVolume.ts), a FRACTIONAL SEG as one probability map per segment; `volumeIndex` picks one, as it
// picks a volume of a 4-D NIfTI.
//
// Colours: DICOM scales L*a*b* to 0..65535 relative to the D50 white of the ICC Profile Connection
// Space (PS3.3 C.10.7.1.1); sRGB's white is D65. dcmjs's Colors.dicomlab2RGB8 converts with a linear
// Bradford adaptation and the sRGB matrices of CSS Color 4, the conversion DCMTK and highdicom use.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type * as Dcmjs from 'dcmjs';
import { InputError } from '../../errors';
import { makeGeometry } from '../../geometry/orientation';
import type { SegmentInfo, VolumeHeader } from '../../volume';
import type { ReadOptions, VolumeSource } from '../api';
import { readFilePrefix } from '../byteSource';
import { readRegularFile } from '../regularFile';
import { DEFAULT_MAX_VOXELS } from '../niftiLayout';
import { inMemorySource } from '../memorySource';
import { hasDicomPreamble, readSegObject, SEGMENTATION_STORAGE, type SegObject } from './dataset';
import { segGrid } from './grid';
import { segVolumes, type SegVolumes } from './segVolume';

/** The File Meta Information (with the SOP class) sits in the first few hundred bytes. */
const SNIFF_BYTES = 1024;

type Rgba = readonly [number, number, number, number];

function cielabToRgba(cielab: readonly [number, number, number]): Rgba {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- dcmjs is loaded on first use (see dataset.ts)
  const [r, g, b] = (require('dcmjs') as typeof Dcmjs).data.Colors.dicomlab2RGB8(cielab);
  return [r ?? 0, g ?? 0, b ?? 0, 255];
}

function headerOf(seg: SegObject, volumes: SegVolumes, index: number, shapeAffine: ReturnType<typeof segGrid>): VolumeHeader {
  const held = new Set(volumes.segmentsOf[index]);
  const segments = seg.segments.filter((s) => held.has(s.number));
  // A probability map's voxels are probabilities, not segment numbers: thresholded it is label 1.
  const labelOf = (n: number): number => (volumes.kind === 'probability' ? 1 : n);
  const labelColours = new Map<number, Rgba>();
  for (const s of segments) if (s.cielab) labelColours.set(labelOf(s.number), cielabToRgba(s.cielab));
  const array = volumes.arrays[index]!;
  const layerOf = new Map(volumes.segmentsOf.flatMap((numbers, layer) => numbers.map((n) => [n, layer] as const)));
  const all: SegmentInfo[] = seg.segments.map((s) => ({
    index: s.number,
    name: s.label,
    labelValue: labelOf(s.number),
    layer: layerOf.get(s.number) ?? 0,
    ...(s.cielab ? { colour: cielabToRgba(s.cielab) } : {}),
  }));
  const shown = segments.map((s) => s.label).join(', ') || 'no segments';
  const notes =
    volumes.arrays.length === 1 ? []
    : volumes.kind === 'labels'
      ? [`its segments overlap, so they are read as ${volumes.arrays.length} layers; layer ${index} is read (${shown}); the volume index (--volume in the CLI) picks another`]
      : [`it holds ${volumes.arrays.length} probability maps, one per segment; map ${index} is read (${shown}); the volume index (--volume in the CLI) picks another`];
  return {
    source: seg.name,
    format: 'dicom-seg',
    dataType: array instanceof Float32Array ? 'float32' : array instanceof Uint16Array ? 'uint16' : 'uint8',
    geometry: makeGeometry(shapeAffine.shape, shapeAffine.affine, 'dicom'),
    scaling: { slope: 1, inter: 0 },
    volumes: volumes.arrays.length,
    volumeIndex: index,
    labelNames: new Map(segments.map((s) => [labelOf(s.number), s.label])),
    segments: all,
    ...(notes.length > 0 ? { notes } : {}),
    ...(labelColours.size > 0 ? { labelColours } : {}),
  };
}

/** Opens a DICOM SEG held in memory; `name` names it in messages. */
export function openDicomSegFromBytes(name: string, bytes: Uint8Array, opts: ReadOptions = {}): VolumeSource {
  if (bytes.length === 0) throw new InputError(`${name} is empty (0 bytes).`);
  const seg = readSegObject(name, bytes);
  const grid = segGrid(seg, opts.maxVoxels ?? DEFAULT_MAX_VOXELS);
  const volumes = segVolumes(seg, grid);
  const index = opts.volumeIndex ?? 0;
  if (!Number.isInteger(index) || index < 0 || index >= volumes.arrays.length) {
    const what = volumes.kind === 'labels' ? 'layers of overlapping segments' : 'segment probability maps';
    throw new InputError(`${name} holds ${volumes.arrays.length} volume(s) (${what}), so volume index ${index} does not exist.`);
  }
  const header = headerOf(seg, volumes, index, grid);
  const source = inMemorySource({ header, data: volumes.arrays[index]! }, opts);
  // Overlapping segments, no layer asked for: every layer is on offer, so each segment can be its own label.
  if (opts.volumeIndex !== undefined || volumes.kind !== 'labels' || volumes.arrays.length < 2) return source;
  const open = (layer: number): Promise<VolumeSource> =>
    Promise.resolve(inMemorySource({ header: headerOf(seg, volumes, layer, grid), data: volumes.arrays[layer]! }, { ...opts, volumeIndex: layer }));
  return { ...source, segmentLayers: { count: volumes.arrays.length, open } };
}

export async function openDicomSegFile(path: string, opts: ReadOptions = {}): Promise<VolumeSource> {
  return openDicomSegFromBytes(path, await readRegularFile(path, { role: 'a mask or image file' }), opts);
}

/** True when a file's first bytes are a Part 10 header whose SOP class is Segmentation Storage. */
function looksLikeSeg(prefix: Uint8Array): boolean {
  const uid = new RegExp(`${SEGMENTATION_STORAGE.replace(/\./g, '\\.')}(?![0-9.])`);
  return hasDicomPreamble(prefix) && uid.test(new TextDecoder('latin1').decode(prefix));
}

/** The DICOM files of a folder (recognised by their DICM preamble, whatever their names) and which are SEG. */
export async function scanDicomFolder(folder: string): Promise<{ readonly dicomFiles: number; readonly segs: readonly string[] }> {
  const entries = await readdir(folder, { withFileTypes: true });
  const segs: string[] = [];
  let dicomFiles = 0;
  for (const e of entries) {
    if (!e.isFile() || e.name.startsWith('.')) continue;
    const path = join(folder, e.name);
    const { prefix } = await readFilePrefix(path, SNIFF_BYTES);
    if (!hasDicomPreamble(prefix)) continue;
    dicomFiles++;
    if (looksLikeSeg(prefix)) segs.push(e.name);
  }
  return { dicomFiles, segs: segs.sort() };
}

/** A folder holding exactly one SEG object (next to the images it segments, say): opens that one. */
export async function openDicomSegFolder(folder: string, opts: ReadOptions = {}): Promise<VolumeSource> {
  const { dicomFiles, segs } = await scanDicomFolder(folder);
  if (segs.length !== 1) {
    const found = segs.length === 0 ? `none of its ${dicomFiles} DICOM files is a Segmentation (SEG)` : `it holds ${segs.length} SEG objects (${segs.slice(0, 3).join(', ')}${segs.length > 3 ? ', …' : ''}); open one of them`;
    throw new InputError(`${folder} is not a folder holding one DICOM SEG: ${found}.`);
  }
  return openDicomSegFile(join(folder, segs[0]!), opts);
}
