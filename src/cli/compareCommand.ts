// `mask-inspector compare REFERENCE PREDICTION`: stream both files through the metrics engine.
import { InputError } from '../core/errors';
import type { VolumeSource } from '../core/io/api';
import { openVolume } from '../core/io/open';
import { compareSources } from '../core/metrics/compare';
import type { ComparisonResult } from '../core/metrics/types';
import { COMPARISON_FLAGS, comparisonOptions, parse, type Values } from './args';
import { formatCsv, formatTable } from './format';
import { jsonChunks, StreamedList } from './jsonChunks';
import { cliLabelNames, LABEL_FLAGS, nameLabel, withFileLabelNames, withLabelNames } from './labelNames';
import { checkSurfaceFlags, compareWithSurface, SURFACE_FLAGS } from './surface';
import { labelWithSurface, withSurface, withSurfaceExceptLabels } from '../core/surface/comparison';
import { surfaceJsonReplacer } from '../core/surface/json';
import { UsageError } from './usage';

/**
 * Slabs about the size of one inflated chunk (1 MiB): gzip streams read only about a chunk ahead,
 * so small slabs let counting one slab overlap with inflating the next. Measured slightly faster
 * than 8 MiB slabs on the benchmark pair, and 15 MB less memory.
 */
const SLAB_BYTES = 1 << 20;

/**
 * Opens both files. --volume picks a volume of 4-D files; 3-D files are used as they are, so a 4-D
 * probability map can be compared with a 3-D reference. Without --volume, a segmentation whose
 * segments overlap (layers) is compared segment by segment.
 */
export async function openPair(refPath: string, predPath: string, volume: number | undefined): Promise<[VolumeSource, VolumeSource]> {
  const open = async (path: string): Promise<VolumeSource> => {
    const first = await openVolume(path, { slabBytes: SLAB_BYTES });
    // An explicit --volume (0 too) reads that one volume, or that one layer of overlapping segments.
    if (volume === undefined || first.header.volumes === 1) return first;
    return openVolume(path, { slabBytes: SLAB_BYTES, volumeIndex: volume });
  };
  const [ref, pred] = await Promise.all([open(refPath), open(predPath)]);
  if (volume !== undefined && volume > 0 && ref.header.volumes === 1 && pred.header.volumes === 1) {
    throw new InputError(`--volume ${volume} was given, but neither ${refPath} nor ${predPath} is 4-D.`);
  }
  return [ref, pred];
}

async function comparePair(pair: [VolumeSource, VolumeSource], values: Values): Promise<ComparisonResult> {
  const { volume, ...options } = comparisonOptions(values);
  void volume; // already used by openPair
  return compareSources(pair[0], pair[1], options);
}

/** The command's output, in chunks (--json on a label image is tens of MB; see jsonChunks.ts). */
export async function compareCommand(args: readonly string[]): Promise<Iterable<string>> {
  const { values, positionals } = parse(args, { ...COMPARISON_FLAGS, ...SURFACE_FLAGS, ...LABEL_FLAGS, json: { type: 'boolean' }, csv: { type: 'boolean' } }, ['REFERENCE', 'PREDICTION']);
  if (values.json && values.csv) throw new UsageError('Choose one of --json and --csv.');
  checkSurfaceFlags(values);
  // Before the comparison, so that an unusable --labels file is refused at once.
  const fromLabelFile = await cliLabelNames(positionals[0], typeof values.labels === 'string' ? values.labels : undefined);
  const pair = await openPair(positionals[0], positionals[1], comparisonOptions(values).volume);
  const measured = values.surface === true ? await compareWithSurface(pair, values, values.json === true || values.csv === true) : null;
  const result = measured?.result ?? (await comparePair(pair, values));
  const names = withFileLabelNames(fromLabelFile, pair[0].header, pair[1].header);
  // What could not be measured (null in the output) is said on stderr, one line each, and in --json.
  const warnings = measured === null ? result.warnings : withSurfaceExceptLabels(result, measured.surface).warnings;
  for (const warning of warnings) process.stderr.write(`mask-inspector: warning: ${warning.replace(/\s*\n\s*/g, ' ')}\n`);
  if (values.json) {
    // Each label is merged with its surface numbers and named as it is written, then dropped.
    const head = measured === null ? result : withSurfaceExceptLabels(result, measured.surface);
    const label = (n: number) => nameLabel(measured === null ? result.labels[n] : labelWithSurface(result, measured.surface, n), names);
    const labels = new StreamedList(result.labels.length, label);
    // surfaceJsonReplacer writes Infinity (one mask empty) as "inf"; without --surface there is none.
    return withNewline(jsonChunks({ ...head, labels, labelNames: names.source }, surfaceJsonReplacer));
  }
  const full = measured === null ? result : withSurface(result, measured.surface);
  if (values.csv) return [formatCsv(full)];
  return [formatTable(withLabelNames(full, names))];
}

function* withNewline(chunks: Iterable<string>): Generator<string> {
  yield* chunks;
  yield '\n';
}
