"""Baseline for `npm run bench`: the numbers `mask-inspector compare --json` reports (volume Dice
and mean per-slice Dice for every label and the foreground, along the axial axis), computed with
nibabel + numpy in one shot, as fast as plain numpy goes: for uint8 masks one label-pair histogram
per slice (np.bincount of ref * 256 + pred), else a comparison per label.

Usage: /usr/bin/python3 scripts/bench/numpy_dice.py REFERENCE PREDICTION
Prints a small JSON summary on stdout.
"""
import json
import sys

import nibabel as nib
import numpy as np


def slice_counts_uint8(ref, pred):
    """Per slice (last axis) and label: reference, prediction and intersection counts."""
    n = ref.shape[-1]
    rows, cols, diag = (np.zeros((n, 256), np.int64) for _ in range(3))
    fg = np.zeros((n, 3), np.int64)
    for s in range(n):
        codes = ref[..., s].astype(np.uint16) * 256 + pred[..., s]
        h = np.bincount(codes.ravel(), minlength=65536).reshape(256, 256)
        rows[s], cols[s], diag[s] = h.sum(axis=1), h.sum(axis=0), np.diag(h)
        fg[s] = (h[1:, :].sum(), h[:, 1:].sum(), h[1:, 1:].sum())
    labels = [l for l in range(1, 256) if rows[:, l].any() or cols[:, l].any()]
    counts = {'foreground': fg}
    for l in labels:
        counts[l] = np.stack([rows[:, l], cols[:, l], diag[:, l]], axis=1)
    return counts


def slice_counts_any(ref, pred):
    labels = [int(v) for v in np.union1d(np.unique(ref), np.unique(pred)) if v != 0]
    counts = {}
    for name, r, p in [('foreground', ref != 0, pred != 0)] + [(l, ref == l, pred == l) for l in labels]:
        counts[name] = np.stack([r.sum(axis=(0, 1), dtype=np.int64), p.sum(axis=(0, 1), dtype=np.int64),
                                 np.logical_and(r, p).sum(axis=(0, 1), dtype=np.int64)], axis=1)
    return counts


def main(ref_path, pred_path):
    ref_img = nib.load(ref_path)
    ref = np.asarray(ref_img.dataobj)
    pred = np.asarray(nib.load(pred_path).dataobj)
    codes = nib.aff2axcodes(ref_img.affine)
    axial = next(i for i, c in enumerate(codes) if c in 'SI')
    ref, pred = np.moveaxis(ref, axial, -1), np.moveaxis(pred, axial, -1)
    fast = ref.dtype == np.uint8 and pred.dtype == np.uint8
    counts = (slice_counts_uint8 if fast else slice_counts_any)(ref, pred)
    out = {}
    for name, c in counts.items():
        nr, np_, tp = c[:, 0], c[:, 1], c[:, 2]
        with np.errstate(invalid='ignore', divide='ignore'):
            slice_dice = 2 * tp / (nr + np_)
        total = int(nr.sum() + np_.sum())
        out[str(name)] = {
            'dice': None if total == 0 else 2 * int(tp.sum()) / total,
            'meanSliceDice': None if np.all(np.isnan(slice_dice)) else float(np.nanmean(slice_dice)),
        }
    json.dump(out, sys.stdout)
    sys.stdout.write('\n')


if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2])
