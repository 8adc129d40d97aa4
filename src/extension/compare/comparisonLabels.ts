// Label names for a comparison: the reference's label files and settings first, the
// prediction's for labels only it names (a prediction folder often carries the dataset.json).
import type * as vscode from 'vscode';
import type { LabelNames } from '../../core/report/sliceText';
import type { CompareVolumes } from '../../protocol/compare';
import type { LabelInfo, VolumeInfo } from '../../protocol/viewer';
import { loadLabelNames } from '../viewer/labelNames';

export async function comparisonLabels(
  reference: vscode.Uri,
  prediction: vscode.Uri,
  volumes: CompareVolumes,
): Promise<{ readonly volumes: CompareVolumes; readonly names: LabelNames }> {
  const [ref, pred] = await Promise.all([loadLabelNames(reference), loadLabelNames(prediction)]);
  const table = new Map(pred.table);
  for (const [value, entry] of ref.table) table.set(value, entry);
  const names = new Map([...table].map(([value, entry]) => [value, entry.name] as const));
  // Names the files themselves give (SEG segment labels) fill in, the reference's first.
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
  return { volumes: { ...volumes, reference: withNames(volumes.reference), prediction: withNames(volumes.prediction) }, names };
}
