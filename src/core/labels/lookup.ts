// Where label names for a mask come from, in order. The first file found wins (files are not merged,
// so two disagreeing files never mix); the `maskInspector.labelNames` setting then overrides per value.
import { InputError } from '../errors';
import { parseItkSnapLabels, parseJsonLabels, type LabelTable } from './parse';

const MASK_EXTENSIONS = ['.nii.gz', '.nii', '.png'];

/** `case01_seg.nii.gz` -> `case01_seg`. */
export function maskBaseName(fileName: string): string {
  const lower = fileName.toLowerCase();
  const ext = MASK_EXTENSIONS.find((e) => lower.endsWith(e));
  return ext ? fileName.slice(0, fileName.length - ext.length) : fileName;
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
