// 3D Slicer's segmentation metadata in a .seg.nrrd header. The reader follows Slicer's developer
// guide, "Segmentation labelmap file format (.seg.nrrd)"
// (https://slicer.readthedocs.io/en/latest/developer_guide/modules/segmentations.html):
//
//   "If segments do not overlap then the file has 3 spatial dimensions. [...] If segments overlap
//    then the file has one `list` dimension and 3 spatial dimensions. Each 3D volume in the list is
//    referred to as a `layer`."
//   "`SegmentN_Name`: display name of the segment (the name that is shown to users)."
//   "`SegmentN_Color`: recommended segment display color, defined with red, green, blue values
//    (between 0.0 - 1.0) separated by space character."
//   "`SegmentN_Layer`: Index of the 3D volume that contains the segment. Its value is between 0 and
//    `DimensionAlongTheListImageAxis - 1`."
//   "`SegmentN_LabelValue`: The scalar value used to represent the segment within its own layer.
//    Segments in separate layers can have the same label value."
//
// Files written before layers existed (Slicer < 4.11) have no _Layer/_LabelValue: segment N is then
// label N + 1 in the single layer, as Slicer itself reads them.
import { InputError } from '../../errors';
import type { SegmentInfo } from '../../volume';

export function slicerSegments(name: string, keyValues: ReadonlyMap<string, string>): SegmentInfo[] {
  const indices = new Set<number>();
  for (const key of keyValues.keys()) {
    const m = /^Segment(\d+)_/.exec(key);
    if (m) indices.add(Number(m[1]));
  }
  return [...indices].sort((a, b) => a - b).map((n) => {
    const get = (field: string): string | undefined => keyValues.get(`Segment${n}_${field}`);
    const labelValue = get('LabelValue') === undefined ? n + 1 : Number(get('LabelValue'));
    const layer = get('Layer') === undefined ? 0 : Number(get('Layer'));
    if (!Number.isSafeInteger(labelValue) || !Number.isSafeInteger(layer) || layer < 0) {
      throw new InputError(`${name} has Segment${n}_LabelValue "${get('LabelValue')}" and Segment${n}_Layer "${get('Layer')}"; both must be integers.`);
    }
    const rgb = (get('Color') ?? '').trim().split(/\s+/).map(Number);
    const colour = rgb.length === 3 && rgb.every((v) => Number.isFinite(v) && v >= 0 && v <= 1)
      ? ([...rgb.map((v) => Math.round(v * 255)), 255] as [number, number, number, number])
      : undefined;
    return { index: n, name: get('Name') ?? get('ID') ?? `Segment ${n}`, labelValue, layer, ...(colour && { colour }) };
  });
}
