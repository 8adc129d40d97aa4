// Label names for a comparison: the reference's label files and settings first, the
// prediction's for labels only it names (a prediction folder often carries the dataset.json).
// Also says where the names came from (the reference's source when it names anything, else the
// prediction's) and whether they fit the labels of both masks.
import type * as vscode from 'vscode';
import type { LabelNamesInfo } from '../../core/labels/namesSource';
import type { LabelNames } from '../../core/report/sliceText';
import type { CompareVolumes } from '../../protocol/compare';
import type { LabelInfo, VolumeInfo } from '../../protocol/viewer';
import type { LabelNamesChoice } from '../viewer/labelChoice';
import { labelNamesInfo, loadLabelNames, type FoundLabels } from '../viewer/labelNames';

export interface NamedVolumes {
  readonly volumes: CompareVolumes;
  readonly names: LabelNames;
  /** Its warning also says which label files exist but could not be used. */
  readonly labelNames: LabelNamesInfo;
}

/** The label names each file's label files, settings and choices give (before its voxels are read). */
export interface ComparisonNames {
  readonly reference: FoundLabels;
  readonly prediction: FoundLabels;
}

export async function loadComparisonNames(
  reference: vscode.Uri,
  prediction: vscode.Uri,
  choiceFor: (uri: vscode.Uri) => LabelNamesChoice | undefined,
): Promise<ComparisonNames> {
  const [ref, pred] = await Promise.all([loadLabelNames(reference, choiceFor(reference)), loadLabelNames(prediction, choiceFor(prediction))]);
  return { reference: ref, prediction: pred };
}

/** The volumes with the names of `found` on their labels, and what the side panel says of them. */
export function comparisonLabels(volumes: CompareVolumes, found: ComparisonNames): NamedVolumes {
  const { reference: ref, prediction: pred } = found;
  const table = new Map(pred.table);
  for (const [value, entry] of ref.table) table.set(value, entry);
  const names = new Map([...table].map(([value, entry]) => [value, entry.name] as const));
  // Names the files themselves give (Slicer segments, SEG segment labels) fill in, the reference's first.
  for (const info of [volumes.reference, volumes.prediction]) {
    for (const l of info.labels) if (l.name !== undefined && !names.has(l.value)) names.set(l.value, l.name);
  }
  const withNames = (info: VolumeInfo): VolumeInfo => ({
    ...info,
    labels: info.labels.map((l): LabelInfo => {
      const entry = table.get(l.value);
      const colour = l.colour ?? entry?.colour;
      return { ...l, ...(entry ? { name: entry.name } : {}), ...(colour ? { colour } : {}) };
    }),
  });
  const present = [...volumes.reference.labels, ...volumes.prediction.labels].map((l) => l.value);
  const primary = ref.origin.kind !== 'none' || pred.origin.kind === 'none' ? ref : pred;
  return {
    volumes: { ...volumes, reference: withNames(volumes.reference), prediction: withNames(volumes.prediction) },
    names,
    labelNames: withProblems(labelNamesInfo({ ...primary, table }, present, 2), [ref.problem, pred.problem]),
  };
}

function withProblems(info: LabelNamesInfo, problems: readonly (string | undefined)[]): LabelNamesInfo {
  const sentences = [...new Set(problems.filter((p): p is string => p !== undefined))];
  if (info.warning !== null) sentences.push(info.warning);
  return { ...info, warning: sentences.length > 0 ? sentences.join(' ') : null };
}
