// Is a file a mask? Before reading it, its name hints (the picker lists names that read like masks
// first); after decoding, its values tell: a label mask holds a handful of integer values (117 for
// TotalSegmentator), a CT or MR thousands, often fractional floats. The worker's description of a
// decoded file (VolumeInfo) already says whether it had more distinct values than are listed and
// what they are, so this needs no second pass over the voxels. Pure, for unit tests.
import { formatOfName } from '../../core/formats/formatTable';
import type { VolumeInfo } from '../../protocol/viewer';

/** Words in a file name that say "mask" (or one side of a comparison) … */
const MASK_WORDS = /(^|[^a-z])(seg|segs|segmentation|mask|masks|label|labels|labelmap|gt|truth|ground|manual|annotation|pred|prediction|reference|ref|nnunet|totalseg)([^a-z]|$)/i;
/** … and words that say "image". */
const IMAGE_WORDS = /(^|[^a-z])(ct|mr|mri|t1|t1c|t1ce|t2|flair|pet|image|img|scan|volume|vol|raw|intensity)([^a-z0-9]|$)|_000\d\./i;

/** 0 reads like a mask, 1 neutral, 2 reads like an image; a PNG that does not read like a mask is left out (undefined). */
export function maskRank(fileName: string): number | undefined {
  const found = formatOfName(fileName);
  if (!found) return undefined;
  const mask = MASK_WORDS.test(fileName);
  if (found.format.editor !== 'default' && !mask) return undefined;
  return mask ? 0 : IMAGE_WORDS.test(fileName) ? 2 : 1;
}

/** More distinct values than this, most of them in one or two voxels, are a speckle of intensities, not regions. */
const MANY_VALUES = 255;
/** Negative values below this, among more than NEGATIVE_VALUES distinct values, read as Hounsfield units or a normalised MR. */
const LOWEST_LABEL = -1;
const NEGATIVE_VALUES = 20;

/** Why `info` looks like an intensity image rather than a label mask, or undefined when it does not. */
export function intensityImageReason(info: VolumeInfo): string | undefined {
  const labels = info.labels;
  if (info.labelsTruncated) return `it holds more than ${labels.length} distinct values`;
  const fractional = labels.find((l) => !Number.isInteger(l.value) && (l.value < 0 || l.value > 1));
  if (fractional) return `it holds fractional values such as ${fractional.value}, outside a probability's 0 to 1`;
  if (labels.length > MANY_VALUES) {
    const specks = labels.filter((l) => l.voxelCount <= 2).length;
    if (specks * 2 >= labels.length) return `it holds ${labels.length} distinct values, ${specks} of them in only one or two voxels each`;
  }
  const lowest = labels[0];
  if (lowest && lowest.value < LOWEST_LABEL && labels.length > NEGATIVE_VALUES) {
    return `it holds ${labels.length} distinct values, down to ${lowest.value}`;
  }
  return undefined;
}

/** The warning for a pair: one sentence per file that looks like an image, or undefined. */
export function intensityImageWarning(reference: VolumeInfo, prediction: VolumeInfo): string | undefined {
  const lines = [reference, prediction].flatMap((info) => {
    const reason = intensityImageReason(info);
    return reason ? [`${info.fileName} looks like an intensity image (CT, MR), not a label mask: ${reason}.`] : [];
  });
  if (lines.length === 0) return undefined;
  return `Mask Inspector: ${lines.join(' ')} Compare two masks; an image goes under them with "Set Background Image…".`;
}
