// An oblique (rotated) grid through an independent writer: nibabel wrote oblique.nii.gz, plastimatch
// (ITK's writers) converted it to .nrrd (LPS space directions) and .mha (TransformMatrix, ITK's
// nearest AnatomicalOrientation "LPI", which must not be taken for the geometry). Each file's
// affine as we read it equals nibabel's affine of the .nii.gz, and comparing the .nii.gz with each
// agrees to the voxel (numpy's counts). Fixtures: scripts/fixtures/make_format_fixtures.py.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { openVolume } from '../../../src/core/io/open';
import type { ComparisonResult } from '../../../src/core/metrics/types';

const ROOT = resolve(__dirname, '../../../..');
const CLI = join(ROOT, 'dist', 'cli.js');
const at = (name: string): string => join(ROOT, 'test', 'fixtures', 'formats', name);
const expected = (JSON.parse(readFileSync(at('expected.json'), 'utf8')) as { oblique: { affine: number[][]; counts: Record<string, number>; shape: number[] } }).oblique;

// ITK stores the direction cosines and spacing in doubles, but through NIfTI's float32 fields on the way in.
const TOLERANCE_MM = 1e-5;

for (const name of ['oblique.nii.gz', 'oblique.nrrd', 'oblique.mha']) {
  test(`${name}: the affine is nibabel's, oblique as written`, async () => {
    const { geometry } = (await openVolume(at(name))).header;
    assert.deepEqual([...geometry.shape], expected.shape);
    const rows = [0, 1, 2, 3].map((r) => geometry.affine.slice(r * 4, r * 4 + 4));
    for (let r = 0; r < 4; r++) {
      for (let c = 0; c < 4; c++) {
        assert.ok(Math.abs(rows[r]![c]! - expected.affine[r]![c]!) < TOLERANCE_MM, `${name} affine[${r}][${c}] = ${rows[r]![c]} but nibabel says ${expected.affine[r]![c]}`);
      }
    }
    // Really oblique: the first axis has parts along x, y and z.
    assert.ok([0, 1].every((r) => Math.abs(expected.affine[r]![0]!) > 0.1) && Math.abs(expected.affine[2]![1]!) > 0.1);
  });
}

for (const name of ['oblique.nrrd', 'oblique.mha']) {
  test(`compare oblique.nii.gz ${name}: one grid, every voxel agrees`, () => {
    const r = spawnSync(process.execPath, [CLI, 'compare', at('oblique.nii.gz'), at(name), '--json'], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const result = JSON.parse(r.stdout) as ComparisonResult;
    assert.equal(result.geometry.alignment, 'identical');
    assert.equal(result.foreground.fp + result.foreground.fn, 0);
    assert.deepEqual(Object.fromEntries(result.labels.map((l) => [String(l.label), l.tp])), expected.counts);
  });
}
