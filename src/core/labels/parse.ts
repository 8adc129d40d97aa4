// Label names (and colours) from the files people keep next to their masks: ITK-SNAP label
// description files and JSON maps (a plain {"1": "liver"} map, or the "labels" block of an nnU-Net /
// Medical Segmentation Decathlon dataset.json). Pure: the caller reads the text.
import { InputError } from '../errors';

export interface LabelEntry {
  readonly name: string;
  /** RGBA 0..255, when the file defines a colour (ITK-SNAP files do). */
  readonly colour?: readonly [number, number, number, number];
}

/** Label value -> entry. Value 0 is kept if the file names it; the viewer treats 0 as background. */
export type LabelTable = ReadonlyMap<number, LabelEntry>;

// IDX R G B A VIS MSH "LABEL"; A is an opacity in 0..1; the label is quoted and may hold spaces.
const ITK_SNAP_LINE = /^\s*(-?\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+([0-9.eE+-]+)\s+(\d+)\s+(\d+)\s+"(.*)"\s*$/;

/** Parses an ITK-SNAP label description file (`IDX -R- -G- -B- -A-- VIS MSH LABEL`, `#` comments). */
export function parseItkSnapLabels(text: string, source: string): LabelTable {
  const table = new Map<number, LabelEntry>();
  const lines = text.split(/\r?\n/);
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n]!;
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    const m = ITK_SNAP_LINE.exec(line);
    if (!m) {
      throw new InputError(`${source} line ${n + 1} is not an ITK-SNAP label line (IDX R G B A VIS MSH "LABEL").`);
    }
    const [r, g, b] = [Number(m[2]), Number(m[3]), Number(m[4])];
    const alpha = Math.round(Math.min(1, Math.max(0, Number(m[5]))) * 255);
    table.set(Number(m[1]), { name: m[8]!, colour: [clampByte(r), clampByte(g), clampByte(b), alpha] });
  }
  return table;
}

/**
 * Parses a JSON label map. Accepts `{"1": "liver"}` (value -> name), and an object with a "labels"
 * block in either direction: MSD / nnU-Net v1 `{"0": "background", "1": "liver"}` or nnU-Net v2
 * `{"background": 0, "liver": 1}`. nnU-Net v2 region entries (`"tumor core": [2, 3]`) name a union
 * of labels, not a label, so only single-value regions are kept.
 */
export function parseJsonLabels(text: string, source: string): LabelTable {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new InputError(`${source} is not valid JSON (${e instanceof Error ? e.message : String(e)}).`);
  }
  if (!isRecord(parsed)) throw new InputError(`${source} is not a JSON object of label names.`);
  const block = 'labels' in parsed ? parsed['labels'] : parsed;
  if (!isRecord(block)) throw new InputError(`${source} has a "labels" entry that is not an object.`);

  const table = new Map<number, LabelEntry>();
  for (const [key, value] of Object.entries(block)) {
    if (isIntegerText(key) && typeof value === 'string') {
      table.set(Number(key), { name: value });
    } else if (typeof value === 'number' && Number.isInteger(value)) {
      table.set(value, { name: key });
    } else if (Array.isArray(value) && value.length === 1 && Number.isInteger(value[0])) {
      table.set(value[0] as number, { name: key });
    } else if (Array.isArray(value)) {
      continue; // a multi-label region: it has no single voxel value to name
    } else {
      throw new InputError(`${source} maps "${key}" to ${JSON.stringify(value)}; expected {"1": "name"} or {"name": 1}.`);
    }
  }
  return table;
}

/** Names from the `maskInspector.labelNames` setting: `{"1": "liver"}`; other entries are ignored. */
export function labelNamesFromSetting(setting: unknown): LabelTable {
  const table = new Map<number, LabelEntry>();
  if (!isRecord(setting)) return table;
  for (const [key, value] of Object.entries(setting)) {
    if (isIntegerText(key) && typeof value === 'string') table.set(Number(key), { name: value });
  }
  return table;
}

/** `over` wins per value; a name-only entry in `over` keeps the colour from `base`. */
export function mergeLabelTables(base: LabelTable, over: LabelTable): LabelTable {
  const merged = new Map(base);
  for (const [value, entry] of over) {
    const colour = entry.colour ?? base.get(value)?.colour;
    merged.set(value, colour ? { name: entry.name, colour } : { name: entry.name });
  }
  return merged;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isIntegerText(s: string): boolean {
  return /^\s*-?\d+\s*$/.test(s);
}

function clampByte(v: number): number {
  return Math.min(255, Math.max(0, Math.round(v)));
}
