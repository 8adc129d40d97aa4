// Label names for `compare`: from `--labels FILE`, else from a label file next to the REFERENCE mask
// found in the extension's lookup order (src/core/labels/lookup.ts). They name the rows of the table
// and fill each label's `name` in --json. A file given with --labels must be usable (exit 2 if not);
// one found by the lookup that does not parse never stops a comparison: its problem is reported with
// the results (only an unreadable one, e.g. permission denied, is an input error).
import { basename, dirname, join } from 'node:path';
import { InputError } from '../core/errors';
import { MAX_SIDE_FILE_BYTES, MissingFileError, notAFileSentence, pathKind, readRegularFile } from '../core/io/regularFile';
import { findLabelFile, labelFileResult } from '../core/labels/lookup';
import type { LabelTable } from '../core/labels/parse';
import type { VolumeHeader } from '../core/volume';

export const LABEL_FLAGS = {
  labels: { type: 'string' },
} as const;

/** Where the names came from, as the JSON reports it. */
export interface LabelNamesSource {
  /** The label file used, or null when none was given or found. */
  readonly file: string | null;
  /** Why a label file found next to the reference was not used, else null. */
  readonly problem: string | null;
}

export interface CliLabelNames {
  readonly table: LabelTable;
  readonly source: LabelNamesSource;
}

/** A result's labels with a `name` each (null when unknown), and where the names came from. */
export type Named<R extends { readonly labels: readonly { readonly label: number }[] }> = Omit<R, 'labels'> & {
  readonly labels: readonly (R['labels'][number] & { readonly name: string | null })[];
  readonly labelNames: LabelNamesSource;
};

/**
 * The text of a label file, or undefined when there is no such file (a directory of that name is not
 * one either). Anything else that is not a regular file, or is larger than a label file can be, is
 * refused with a sentence: reading a FIFO would wait forever.
 */
async function readIfThere(path: string): Promise<string | undefined> {
  try {
    if ((await pathKind(path)).kind === 'directory') return undefined;
    return new TextDecoder().decode(await readRegularFile(path, { role: 'a label file', maxBytes: MAX_SIDE_FILE_BYTES }));
  } catch (e) {
    if (e instanceof MissingFileError) return undefined;
    throw e;
  }
}

export async function cliLabelNames(referencePath: string, labelsFlag: string | undefined): Promise<CliLabelNames> {
  if (labelsFlag !== undefined) {
    const { kind } = await pathKind(labelsFlag).catch((e: unknown) => {
      throw e instanceof MissingFileError ? new InputError(`${labelsFlag} (--labels) does not exist.`) : e;
    });
    if (kind !== 'file') throw new InputError(notAFileSentence(`${labelsFlag} (--labels)`, kind, 'a label file'));
    const text = await readIfThere(labelsFlag);
    if (text === undefined) throw new InputError(`${labelsFlag} (--labels) does not exist.`);
    const found = labelFileResult(labelsFlag, labelsFlag, text, labelsFlag);
    if (found.problem !== undefined) throw new InputError(found.problem);
    return { table: found.table, source: { file: labelsFlag, problem: null } };
  }
  const folder = dirname(referencePath);
  const found = await findLabelFile(basename(referencePath), async (relative) => {
    const path = join(folder, relative);
    const text = await readIfThere(path);
    return text === undefined ? undefined : { file: path, name: path, text };
  });
  return { table: found.table, source: { file: found.file ?? null, problem: found.problem ?? null } };
}

/**
 * The label file's names, with the names the files themselves give (DICOM SEG segment labels) for
 * labels it does not name, the reference's before the prediction's.
 */
export function withFileLabelNames(names: CliLabelNames, reference: VolumeHeader, prediction: VolumeHeader): CliLabelNames {
  const table = new Map(names.table);
  for (const header of [reference, prediction]) {
    for (const [value, name] of header.labelNames ?? []) if (!table.has(value)) table.set(value, { name });
  }
  return { ...names, table };
}

/** `result` with each label's name (null when unknown) right after its value, and the names' source. */
export function withLabelNames<R extends { readonly labels: readonly { readonly label: number }[] }>(result: R, names: CliLabelNames): Named<R> {
  return { ...result, labels: result.labels.map((l) => nameLabel(l, names)), labelNames: names.source };
}

/** One label of withLabelNames' result: its name (null when unknown) right after its value. */
export function nameLabel<L extends { readonly label: number }>(l: L, names: CliLabelNames): L & { readonly name: string | null } {
  // A label file's name wins over the name the mask file itself gives (a Slicer segment's).
  const name = names.table.get(l.label)?.name ?? ('name' in l && typeof l.name === 'string' ? l.name : null);
  // Object.assign keeps `label, name` as the first two keys of each label in the JSON.
  return Object.assign({ label: l.label, name }, l, { name });
}
