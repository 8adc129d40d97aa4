// The NRRD, .seg.nrrd and MetaImage readers against files written by ITK (plastimatch) and by
// scripts/fixtures/make_format_fixtures.py following the specs, with numpy's counts as expectations.
// Every file holds the same labelled array as multilabel.nii.gz (nibabel), so each must also agree
// with it voxel for voxel and in world geometry.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { test } from 'node:test';
import type { VolumeSource } from '../../../src/core/io/api';
import { companionFiles, openVolume, openVolumeFromBytes } from '../../../src/core/io/open';
import type { Volume } from '../../../src/core/volume';

const DIR = resolve(__dirname, '../../../../test/fixtures/formats');
const at = (name: string): string => join(DIR, name);

interface Expected {
  multilabel: { counts: Record<string, number>; shape: number[]; affine: number[][] };
  be_int16: { sum: number; min: number; max: number };
  gzip_float32: { sum: number };
  msb_uint16: { sum: number };
  slicer_one_layer: { counts: Record<string, number>; segments: { name: string; labelValue: number; layer: number; rgb: number[] }[] };
  slicer_renumbered: { counts: Record<string, number> };
  slicer_two_layers: { layers: Record<string, number>[] };
}
const expected = JSON.parse(readFileSync(at('expected.json'), 'utf8')) as Expected;

function counts(v: Volume): Record<string, number> {
  const out: Record<string, number> = {};
  for (const x of v.data) if (x !== 0) out[String(x)] = (out[String(x)] ?? 0) + 1;
  return out;
}

function sum(v: Volume): number {
  let total = 0;
  for (const x of v.data) total += x;
  return total;
}

/** Reads slab by slab (small slabs, so several are made) into one array, to check streaming too. */
async function streamed(source: VolumeSource): Promise<number[]> {
  const out: number[] = [];
  for await (const slab of source.slabs()) out.push(...slab.data);
  return out;
}

const SAME_ARRAY = ['itk_multilabel.nrrd', 'itk_multilabel.nhdr', 'itk_multilabel.mha', 'itk_multilabel.mhd', 'ascii_uint8.nrrd', 'pattern_slices.nhdr', 'zlib_uint8.mha', 'list_slices.mhd', 'slicer_one_layer.seg.nrrd'];

test('every NRRD and MetaImage variant holds the numpy array and the NIfTI world geometry', async () => {
  const nifti = await (await openVolume(at('multilabel.nii.gz'))).readAll();
  const flatAffine = expected.multilabel.affine.flat();
  for (const name of SAME_ARRAY) {
    const source = await openVolume(at(name), { slabBytes: 200 });
    const v = await source.readAll();
    assert.deepEqual(counts(v), expected.multilabel.counts, name);
    assert.deepEqual([...v.header.geometry.shape], expected.multilabel.shape, name);
    v.header.geometry.affine.forEach((x, i) => assert.ok(Math.abs(x - flatAffine[i]!) < 1e-9, `${name} affine[${i}] ${x} vs ${flatAffine[i]}`));
    assert.deepEqual([...v.data], [...nifti.data], `${name} agrees voxel for voxel with the NIfTI`);
    assert.deepEqual(await streamed(await openVolume(at(name), { slabBytes: 200 })), [...nifti.data], `${name} streamed in slabs`);
  }
});

test('bytes handed over with their detached files (as the VS Code host does) read the same', async () => {
  const nifti = await (await openVolume(at('multilabel.nii.gz'))).readAll();
  for (const name of ['itk_multilabel.nhdr', 'itk_multilabel.mhd', 'pattern_slices.nhdr', 'list_slices.mhd', 'msb_uint16.mhd']) {
    const bytes = new Uint8Array(readFileSync(at(name)));
    const names = companionFiles(name, bytes);
    assert.ok(names.length > 0, name);
    const companions = new Map(names.map((n) => [n, new Uint8Array(readFileSync(join(dirname(at(name)), n)))]));
    const v = await openVolumeFromBytes(name, bytes, {}, companions).readAll();
    if (name !== 'msb_uint16.mhd') assert.deepEqual([...v.data], [...nifti.data], name);
    else assert.equal(sum(v), expected.msb_uint16.sum);
  }
  assert.deepEqual(companionFiles('itk_multilabel.nrrd', new Uint8Array(readFileSync(at('itk_multilabel.nrrd')))), []);
});

test('byte order, integer and float types come out as numpy reads them', async () => {
  const be = await (await openVolume(at('be_int16.nrrd'))).readAll();
  assert.equal(be.header.dataType, 'int16');
  assert.equal(sum(be), expected.be_int16.sum);
  assert.equal(Math.min(...be.data), expected.be_int16.min);
  const f32 = await (await openVolume(at('gzip_float32.nrrd'))).readAll();
  assert.equal(f32.header.dataType, 'float32');
  assert.ok(Math.abs(sum(f32) - expected.gzip_float32.sum) < 1e-6);
  assert.ok(f32.header.notes?.some((n) => /measurement frame is ignored/.test(n)));
  const msb = await (await openVolume(at('msb_uint16.mhd'))).readAll();
  assert.equal(msb.header.dataType, 'uint16');
  assert.equal(sum(msb), expected.msb_uint16.sum);
});

test("a Slicer .seg.nrrd gives its segments' names and colours for the labels of its layer", async () => {
  const v = await (await openVolume(at('slicer_one_layer.seg.nrrd'))).readAll();
  for (const s of expected.slicer_one_layer.segments) {
    assert.equal(v.header.labelNames?.get(s.labelValue), s.name);
    assert.deepEqual(v.header.labelColours?.get(s.labelValue), [...s.rgb, 255]);
  }
  assert.deepEqual(v.header.segments?.map((s) => s.name), expected.slicer_one_layer.segments.map((s) => s.name));
});

test('a two-layer .seg.nrrd (overlapping segments) reads each layer by its index', async () => {
  for (const [layer, want] of expected.slicer_two_layers.layers.entries()) {
    const v = await (await openVolume(at('slicer_two_layers.seg.nrrd'), { volumeIndex: layer, slabBytes: 150 })).readAll();
    assert.deepEqual(counts(v), want, `layer ${layer}`);
    assert.equal(v.header.volumes, 2);
  }
  const second = await openVolume(at('slicer_two_layers.seg.nrrd'), { volumeIndex: 1 });
  assert.deepEqual([...second.header.labelNames!.entries()], [[1, 'tumour'], [2, 'edema']]);
  await assert.rejects(openVolume(at('slicer_two_layers.seg.nrrd'), { volumeIndex: 2 }), /holds 2 layer/);
});

const BAD: [string, RegExp][] = [
  ['missing_data.nhdr', /names its data file missing\.raw, which does not exist/],
  ['hex_encoding.nrrd', /encoding "hex", which is not read/],
  ['bzip2.nrrd', /bzip2 encoding, which is not read/],
  ['truncated.nrrd', /promises 1287 bytes of voxel data .* only 500 are there/],
  ['truncated.mha', /promises 1287 bytes of voxel data .* only 700 are there/],
  ['truncated_zlib.mha', /truncated or corrupt zlib stream/],
  ['list_too_short.mhd', /lists 7 data files, but its DimSize \(13 11 9\) describes 9 slices/],
];

test('bad NRRD and MetaImage files are refused in one sentence naming the file', async () => {
  for (const [name, sentence] of BAD) {
    await assert.rejects(async () => (await openVolume(at(`bad/${name}`))).readAll(), (e: Error) => {
      assert.equal(e.name, 'InputError', `${name}: ${e.message}`);
      assert.match(e.message, sentence, name);
      assert.ok(e.message.includes(name.replace(/\..*$/, '')), `${name} named: ${e.message}`);
      assert.equal(e.message.split(/\.\s/).length <= 2 && !e.message.includes('\n'), true, `one sentence: ${e.message}`);
      return true;
    });
  }
  // In memory, a detached file the host could not find is the same sentence.
  const bytes = new Uint8Array(readFileSync(at('bad/missing_data.nhdr')));
  assert.throws(() => openVolumeFromBytes('missing_data.nhdr', bytes), /names its data file missing\.raw, which does not exist/);
});
