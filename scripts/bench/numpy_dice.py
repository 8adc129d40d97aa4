"""Baseline for `npm run bench`: the same numbers as `mask-inspector compare --json` (every label,
every axial slice, the foreground) computed the usual way, nibabel load + numpy, in one shot.

Usage: /usr/bin/python3 scripts/bench/numpy_dice.py REFERENCE PREDICTION
Prints a small JSON summary (volume Dice per label and foreground) on stdout.
"""
import json
import sys

import nibabel as nib
import numpy as np


def main(ref_path, pred_path):
    ref_img = nib.load(ref_path)
    ref = np.asarray(ref_img.dataobj)
    pred = np.asarray(nib.load(pred_path).dataobj)
    axial = nib.aff2axcodes(ref_img.affine).index('S') if 'S' in nib.aff2axcodes(ref_img.affine) else 2
    other = tuple(a for a in range(3) if a != axial)
    labels = np.union1d(np.unique(ref), np.unique(pred))
    out = {}
    for name, r, p in [('foreground', ref != 0, pred != 0)] + [(int(l), ref == l, pred == l) for l in labels if l != 0]:
        tp = np.logical_and(r, p).sum(axis=other, dtype=np.int64)
        nr = r.sum(axis=other, dtype=np.int64)
        np_ = p.sum(axis=other, dtype=np.int64)
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
