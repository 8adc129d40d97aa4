// DICOM SEG must read as pydicom reads it: the fixtures were written with pydicom by
// scripts/fixtures/make_dicomseg_fixtures.py (plus real SEG objects from highdicom's test data),
// and every expected number, position and colour in expected.json comes from pydicom/numpy.
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { test } from 'node:test';
import { InputError } from '../../../src/core/errors';
import { openVolume, openVolumeFromBytes } from '../../../src/core/io/open';
import type { VoxelArray } from '../../../src/core/volume';
import { collectSlabs, valueAt } from './fixtures';

const DIR = resolve(__dirname, '../../../../test/fixtures/dicomseg');
const fixture = (name: string): string => join(DIR, name);

interface ExpectedSegment { number: number; label: string; cielab: number[] | null; rgb: number[] | null }
interface ExpectedSeg {
  shape: number[];
  affine?: number[][];
  segmentation_type: string;
  frames: number;
  segments?: ExpectedSegment[];
  kind?: 'labels' | 'probability' | 'layers';
  counts?: Record<string, number>;
  slice_sums?: number[];
  voxels?: { ijk: [number, number, number]; value: number }[];
  sum?: number;
  at_least_half?: number;
  overlap?: number;
  segment_labels?: Record<string, string>;
  sum_by_segment_and_k?: Record<string, Record<string, number>>;
  first_position?: number[];
}
const expected = JSON.parse(readFileSync(fixture('expected.json'), 'utf8')) as {
  seg: Record<string, ExpectedSeg>;
  bad: Record<string, { mention: string }>;
};

function count(data: VoxelArray, value: number): number {
  let n = 0;
  for (const v of data) if (v === value) n++;
  return n;
}

function assertAffine(actual: readonly number[], rows: number[][]): void {
  rows.flat().forEach((v, i) => assert.ok(Math.abs(actual[i]! - v) < 1e-5, `affine[${i}] ${actual[i]} vs ${v}`));
}

test('binary SEG: segments are labels with pydicom\'s counts, absent frames are empty, geometry is the LPS grid in RAS', async () => {
  const e = expected.seg['binary.dcm']!;
  const source = await openVolume(fixture('binary.dcm'));
  const { header } = source;
  assert.equal(header.format, 'dicom-seg');
  assert.equal(header.geometry.affineSource, 'dicom');
  assert.deepEqual([...header.geometry.shape], e.shape);
  assertAffine(header.geometry.affine, e.affine!);
  assert.equal(header.volumes, 1);
  const { data } = await source.readAll();
  assert.equal(data.constructor.name, 'Uint8Array');
  for (const [label, n] of Object.entries(e.counts!)) assert.equal(count(data, Number(label)), n, `label ${label}`);
  const slice = e.shape[0]! * e.shape[1]!;
  e.slice_sums!.forEach((n, k) => assert.equal(data.subarray(k * slice, (k + 1) * slice).filter((v) => v !== 0).length, n, `slice ${k}`));
  assert.equal(e.slice_sums![3], 0, 'the fixture leaves slice 3 without frames');
  for (const v of e.voxels!) assert.equal(valueAt(data, e.shape, v.ijk), v.value, `voxel ${v.ijk}`);
  assert.deepEqual((await collectSlabs(await openVolume(fixture('binary.dcm'), { slabBytes: 1 }))).values, [...data]);
});

test('binary SEG: SegmentLabel names and CIELab colours as sRGB (numpy\'s conversion of the stored Lab values)', async () => {
  const { header } = await openVolume(fixture('binary.dcm'));
  for (const s of expected.seg['binary.dcm']!.segments!) {
    assert.equal(header.labelNames?.get(s.number), s.label);
    assert.deepEqual([...header.labelColours!.get(s.number)!], [...s.rgb!, 255], `segment ${s.number} colour`);
  }
});

test('a SEG and the NIfTI nibabel wrote from the same labels agree to the voxel and in world space', async () => {
  const seg = await (await openVolume(fixture('binary.dcm'))).readAll();
  const nifti = await (await openVolume(fixture('binary.nii.gz'))).readAll();
  assert.deepEqual([...seg.header.geometry.shape], [...nifti.header.geometry.shape]);
  seg.header.geometry.affine.forEach((v, i) => assert.ok(Math.abs(v - nifti.header.geometry.affine[i]!) < 1e-4, `affine[${i}]`));
  assert.equal(seg.header.geometry.orientation, nifti.header.geometry.orientation);
  assert.deepEqual([...seg.data], [...nifti.data]);
});

test('fractional SEG opens as a probability map: stored value / MaximumFractionalValue', async () => {
  const e = expected.seg['fractional.dcm']!;
  const source = await openVolume(fixture('fractional.dcm'));
  assert.equal(source.header.dataType, 'float32');
  assertAffine(source.header.geometry.affine, e.affine!);
  const { data } = await source.readAll();
  let sum = 0;
  let half = 0;
  for (const v of data) {
    sum += v;
    if (v >= 0.5) half++;
  }
  assert.ok(Math.abs(sum - e.sum!) < 1e-4, `sum ${sum} vs ${e.sum}`);
  assert.equal(half, e.at_least_half);
  for (const v of e.voxels!) assert.ok(Math.abs(valueAt(data, e.shape, v.ijk) - v.value) < 1e-6, `voxel ${v.ijk}`);
  assert.equal(source.header.labelNames?.get(1), e.segments![0]!.label);
  assert.deepEqual([...source.header.labelColours!.get(1)!], [...e.segments![0]!.rgb!, 255]);
});

test('overlapping segments become layers; each keeps every voxel', async () => {
  const e = expected.seg['overlap.dcm']!;
  const first = await openVolume(fixture('overlap.dcm'));
  assert.equal(first.header.volumes, 2);
  const layer0 = (await first.readAll()).data;
  const layer1 = (await (await openVolume(fixture('overlap.dcm'), { volumeIndex: 1 })).readAll()).data;
  assert.equal(count(layer0, 1), e.counts!['1']);
  assert.equal(count(layer1, 2), e.counts!['2']);
  let both = 0;
  for (let i = 0; i < layer0.length; i++) if (layer0[i] === 1 && layer1[i] === 2) both++;
  assert.equal(both, e.overlap);
  assert.deepEqual([...first.header.labelNames!.keys()], [1]);
  assert.deepEqual(first.header.segments?.map((s) => [s.index, s.name, s.layer]), [[1, 'tumour', 0], [2, 'oedema', 1]]);
  assert.match(first.header.notes?.[0] ?? '', /2 layers; layer 0 is read \(tumour\)/);
  await assert.rejects(openVolume(fixture('overlap.dcm'), { volumeIndex: 2 }), /volume index 2 does not exist/);
});

for (const name of Object.keys(expected.seg).filter((n) => n.startsWith('highdicom/'))) {
  test(`real SEG ${name} reads as pydicom unpacks it`, async () => {
    const e = expected.seg[name]!;
    const first = await openVolume(fixture(name));
    assert.deepEqual([...first.header.geometry.shape], e.shape);
    const p = e.first_position!;
    const a = first.header.geometry.affine;
    assert.deepEqual([a[3], a[7], a[11]].map((v) => Math.round(v * 1e4) / 1e4), [-p[0]!, -p[1]!, p[2]!].map((v) => Math.round(v * 1e4) / 1e4 + 0));
    for (let index = 0; index < first.header.volumes; index++) {
      const { header, data } = await (await openVolume(fixture(name), { volumeIndex: index })).readAll();
      const slice = e.shape[0]! * e.shape[1]!;
      for (const [segment, label] of header.labelNames ?? []) {
        const number = e.segmentation_type === 'FRACTIONAL' ? 1 : segment;
        assert.equal(label, e.segment_labels![String(number)]);
        const want = e.sum_by_segment_and_k![String(number)] ?? {};
        for (let k = 0; k < e.shape[2]!; k++) {
          let got = 0;
          for (const v of data.subarray(k * slice, (k + 1) * slice)) got += e.segmentation_type === 'FRACTIONAL' ? v : v === segment ? 1 : 0;
          assert.ok(Math.abs(got - (want[String(k)] ?? 0)) < 1e-3, `segment ${segment} slice ${k}: ${got} vs ${want[String(k)] ?? 0}`);
        }
      }
    }
  });
}

function refusal(mention: string, shown: string) {
  return (err: unknown): boolean => {
    assert.ok(err instanceof InputError, `expected InputError, got ${String(err)}`);
    assert.ok(err.message.includes(shown), `message names the file: ${err.message}`);
    assert.ok(err.message.split(shown).join('').toLowerCase().includes(mention.toLowerCase()), `mentions "${mention}": ${err.message}`);
    assert.ok(!err.message.includes('\n'), 'one line');
    return true;
  };
}

for (const [name, { mention }] of Object.entries(expected.bad)) {
  test(`bad DICOM SEG input ${name} is refused with one sentence`, async () => {
    await assert.rejects(openVolume(fixture(name)), refusal(mention, fixture(name)));
    const bytes = new Uint8Array(readFileSync(fixture(name)));
    assert.throws(() => openVolumeFromBytes(basename(name), bytes), refusal(mention, basename(name)));
  });
}

test('a folder holding one SEG among other DICOM files opens that SEG', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mi-seg-'));
  copyFileSync(fixture('highdicom/ct_image.dcm'), join(dir, 'IM0001'));
  copyFileSync(fixture('binary.dcm'), join(dir, 'IM0002'));
  const fromFolder = await (await openVolume(dir)).readAll();
  const fromFile = await (await openVolume(fixture('binary.dcm'))).readAll();
  assert.deepEqual([...fromFolder.data], [...fromFile.data]);
  copyFileSync(fixture('overlap.dcm'), join(dir, 'IM0003'));
  await assert.rejects(openVolume(dir), refusal('2 SEG objects', dir));
});
