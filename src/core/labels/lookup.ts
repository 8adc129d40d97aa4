// Where label names for a mask come from, in order. The first file found wins (files are not merged,
// so two disagreeing files never mix); the `maskInspector.labelNames` setting then overrides per value.
import { InputError, isInputError } from '../errors';
import { caseName } from '../formats/formatTable';
import { parseItkSnapLabels, parseJsonLabels, type LabelTable } from './parse';

/** `case01_seg.nii.gz` -> `case01_seg`, `case01.seg.nrrd` -> `case01` (the format table's extensions). */
export function maskBaseName(fileName: string): string {
  return caseName(fileName);
}

/**
 * Label files to try for a mask, as paths relative to the mask's folder, most specific first:
 * a file named after the mask, then the folder's shared files, then the parent folder's (nnU-Net
 * keeps dataset.json one level above labelsTr/ and imagesTr/).
 */
export function labelFileCandidates(maskFileName: string): string[] {
  const base = maskBaseName(maskFileName);
  const shared = ['labels.json', 'label_description.txt', 'dataset.json'];
  return [
    `${base}.labels.json`,
    `${base}.label_description.txt`,
    ...shared,
    ...shared.map((name) => `../${name}`),
  ];
}

/** Parses a label file by its extension: `.json` as a JSON map, `.txt` as ITK-SNAP. */
export function parseLabelFile(fileName: string, text: string, source: string): LabelTable {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.json')) return parseJsonLabels(text, source);
  if (lower.endsWith('.txt')) return parseItkSnapLabels(text, source);
  throw new InputError(`${source} is not a label file: expected a .json map or an ITK-SNAP .txt file.`);
}

/** What a label lookup found: the names (empty if none), the file they came from, or why a file was unusable. */
export interface FoundLabelFile<F> {
  readonly table: LabelTable;
  /** The file the names came from, if any. */
  readonly file?: F;
  /** A label file that exists but could not be used; the mask is still usable without names. */
  readonly problem?: string;
}

/** A candidate's text, its handle and its name for messages; undefined when there is no such file. */
export type ReadLabelCandidate<F> = (relativePath: string) => Promise<{ readonly file: F; readonly name: string; readonly text: string } | undefined>;

/** Parses a label file that was found; one that cannot be used becomes `problem` rather than an exception. */
export function labelFileResult<F>(file: F, fileName: string, text: string, name: string): FoundLabelFile<F> {
  try {
    return { table: parseLabelFile(fileName, text, name), file };
  } catch (e) {
    if (isInputError(e)) return { table: new Map(), problem: e.message };
    throw e;
  }
}

/**
 * The first usable label file for a mask, trying labelFileCandidates in order; the caller reads
 * (the extension through vscode.workspace.fs, the CLI from disk). A file named after the mask or a
 * labels/label_description file that cannot be used ends the search with its problem: it was meant
 * for this mask. A dataset.json is often about something else entirely (no "labels" block), so an
 * unusable one is passed over.
 */
export async function findLabelFile<F>(maskFileName: string, read: ReadLabelCandidate<F>): Promise<FoundLabelFile<F>> {
  for (const relative of labelFileCandidates(maskFileName)) {
    const candidate = await read(relative);
    if (candidate === undefined) continue;
    const found = labelFileResult(candidate.file, relative, candidate.text, candidate.name);
    if (found.problem !== undefined && relative.endsWith('dataset.json')) continue;
    return found;
  }
  return { table: new Map() };
}
