// The help text and the usage error. A usage error is like an InputError: one line, exit code 2.
import { FORMAT_TABLE } from '../core/formats/formatTable';

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export const HELP = `mask-inspector: compare segmentation masks (${FORMAT_TABLE.map((f) => `${f.name} ${f.extensions.join('/')}`).join(', ')}) with overlap metrics.

Usage:
  mask-inspector compare REFERENCE PREDICTION [options] [--json | --csv]
  mask-inspector batch REF_DIR PRED_DIR [options] [--json] [--json-out FILE] [--jobs N]
  mask-inspector phantom OUT_DIR [--shape X,Y,Z] [--labels N] [--binary] [--seed N] [--lps] [--no-image]
  mask-inspector --help

Comparison options (compare and batch):
  --plane auto|axial|coronal|sagittal
                                   slice plane for per-slice Dice (found from the affine); default auto:
                                   the reference's acquisition plane (its thickest slices), axial when
                                   the voxels are near-isotropic
  --threshold T                    flag slices with Dice < T (default 0.8)...
  --min-error-mm2 A                ...and an error (FP+FN) of at least A mm² in the slice plane
                                   (default 10; 0 = no noise floor); flagged slices are ordered by
                                   severity = error mm² × (1 − Dice), largest first
  --prob-threshold P               probability maps: foreground where value >= P (default 0.5)
  --smooth S                       Dice = (2TP+S)/(2TP+FP+FN+S) (default 0)
  --ignore-geometry                compare voxel by voxel even when the affines differ
  --volume N                       4-D files: compare volume N (0-based, default 0); overlapping
                                   segments: only layer N (default: every segment in full)

Label names (compare):
  --labels FILE                    label names from FILE (ITK-SNAP .txt, or JSON: {"1": "liver"} or a
                                   dataset.json "labels" block); by default the first of
                                   <reference>.labels.json, <reference>.label_description.txt,
                                   labels.json, label_description.txt, dataset.json next to
                                   REFERENCE, then the last three in its parent folder

Surface options (compare):
  --surface                        add HD, HD95, ASSD (mm) and NSD per label and foreground (JSON and
                                   CSV also per slice); memory follows the labels' surfaces,
                                   not the volumes (README, Limits)
  --tolerance MM                   NSD tolerance in mm (default 1)
  --tolerance-label L=MM           NSD tolerance of label L (repeatable); the foreground and the
                                   other labels keep --tolerance

compare output: a table (Dice per label and foreground, mean Dice, the 10 most severe flagged slices);
  --json prints one JSON object (every label and slice); --csv one row per (label, slice).
batch pairs files with the same case name (the name without its extension: case1.nii.gz with
  case1.seg.nrrd) in the two folders, compares them in parallel (--jobs,
  default: one per core) and summarises per case and per label (mean/median/min over cases).
phantom writes reference.nii.gz, prediction.nii.gz and image.nii.gz (a deterministic test pair).

Exit status: 0 success, 2 bad input or usage (one line on stderr), 1 internal error.`;
