// Every NIfTI fixture read by our reader must agree with what nibabel read from the same file.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { openVolume, openVolumeFromBytes } from '../../../src/core/io/open';
import { collectSlabs, expected, fixture, sumOf, valueAt, type ExpectedNifti } from './fixtures';

/** Our documented output array for each stored type, unscaled and scaled (see voxelDecoder.ts). */
const ARRAY_OF: Record<string, [string, string]> = {
  uint8: ['Uint8Array', 'Float32Array'],
  int8: ['Int8Array', 'Float32Array'],
  uint16: ['Uint16Array', 'Float32Array'],
  int16: ['Int16Array', 'Float32Array'],
  uint32: ['Uint32Array', 'Float64Array'],
  int32: ['Int32Array', 'Float64Array'],
  uint64: ['Float64Array', 'Float64Array'],
  int64: ['Float64Array', 'Float64Array'],
  float32: ['Float32Array', 'Float32Array'],
  float64: ['Float64Array', 'Float64Array'],
};

function close(actual: number, want: number, relTol: number, what: string): void {
  assert.ok(Math.abs(actual - want) <= relTol * Math.max(1, Math.abs(want)), `${what}: ${actual} vs ${want}`);
}

function checkHeader(name: string, e: ExpectedNifti, header: Awaited<ReturnType<typeof openVolume>>['header']): void {
  const g = header.geometry;
  assert.equal(header.format, e.format, `${name} format`);
  assert.deepEqual([...g.shape], e.shape.slice(0, 3), `${name} shape`);
  assert.equal(header.volumes, e.shape[3] ?? 1, `${name} volumes`);
  assert.equal(header.dataType, e.dtype, `${name} datatype`);
  const wantAffine = (e.affine_method1 ?? e.affine).flat();
  g.affine.forEach((v, i) => close(v, wantAffine[i]!, 1e-5, `${name} affine[${i}]`));
  assert.equal(g.orientation, e.axcodes_method1 ?? e.axcodes, `${name} orientation`);
  g.spacing.forEach((v, i) => close(v, e.zooms[i]!, 1e-5, `${name} spacing[${i}]`));
  const wantSource = e.sform_code > 0 ? 'sform' : e.qform_code > 0 ? 'qform' : 'pixdim';
  assert.equal(g.affineSource, wantSource, `${name} affine source`);
  close(header.scaling.slope, e.slope_inter[0], 1e-7, `${name} slope`);
  close(header.scaling.inter, e.slope_inter[1], 1e-7, `${name} inter`);
}

for (const [name, e] of Object.entries(expected.nifti)) {
  test(`NIfTI ${name} reads as nibabel reads it`, async () => {
    for (let volumeIndex = 0; volumeIndex < e.volumes.length; volumeIndex++) {
      const source = await openVolume(fixture(name), { volumeIndex });
      checkHeader(name, e, source.header);
      assert.equal(source.header.volumeIndex, volumeIndex);
      const volume = await source.readAll();
      const scaled = e.slope_inter[0] !== 1 || e.slope_inter[1] !== 0;
      assert.equal(volume.data.constructor.name, ARRAY_OF[e.dtype]![scaled ? 1 : 0], `${name} array type`);
      const want = e.volumes[volumeIndex]!;
      // Integers sum exactly (up to float64 rounding near 2^53); values scaled into float32 round
      // differently from nibabel's float64 scaling, by up to ~1e-7 each.
      const sumTol = volume.data instanceof Float32Array && scaled ? 1e-6 : 1e-12;
      close(sumOf(volume.data), want.sum, sumTol, `${name}[${volumeIndex}] sum`);
      for (const v of want.voxels) {
        const tol = e.dtype === 'float32' || scaled ? 1e-6 : 0;
        close(valueAt(volume.data, e.shape, v.ijk), v.value, tol, `${name}[${volumeIndex}] voxel ${v.ijk}`);
      }
    }
  });

  test(`NIfTI ${name}: slabs() concatenated equal readAll(), from a path and from bytes`, async () => {
    const whole = [...(await (await openVolume(fixture(name))).readAll()).data];
    // 1 byte per slab means one whole slice per slab.
    const fromPath = await collectSlabs(await openVolume(fixture(name), { slabBytes: 1 }));
    assert.deepEqual(fromPath.values, whole);
    assert.equal(fromPath.slabCount, e.shape[2]);
    const bigSlabs = await collectSlabs(await openVolume(fixture(name), { slabBytes: 3 * 7 * 6 * 8 }));
    assert.deepEqual(bigSlabs.values, whole);
    const bytes = new Uint8Array(readFileSync(fixture(name)));
    const fromBytes = openVolumeFromBytes(name, bytes, { slabBytes: 100 });
    checkHeader(name, e, fromBytes.header);
    assert.deepEqual((await collectSlabs(fromBytes)).values, whole);
    assert.deepEqual([...(await fromBytes.readAll()).data], whole);
  });
}

test('4-D: every volume differs and an out-of-range volume index is refused', async () => {
  const name = 'four_d_int16.nii.gz';
  await assert.rejects(openVolume(fixture(name), { volumeIndex: 3 }), (err: Error) => err.name === 'InputError' && err.message.includes(name) && err.message.includes('3'));
  await assert.rejects(openVolume(fixture(name), { volumeIndex: -1 }), { name: 'InputError' });
});

test('gzip is recognised by its magic bytes, not the name', async () => {
  const bytes = new Uint8Array(readFileSync(fixture('dt_int16.nii.gz')));
  const misnamed = openVolumeFromBytes('actually-gzip.nii', bytes);
  const volume = await misnamed.readAll();
  close(sumOf(volume.data), expected.nifti['dt_int16.nii.gz']!.volumes[0]!.sum, 0, 'sum');
});

test('maxVoxels is enforced from the header, before reading data', async () => {
  await assert.rejects(openVolume(fixture('dt_uint8.nii'), { maxVoxels: 100 }), (err: Error) => err.name === 'InputError' && /210 voxels/.test(err.message));
});

test('stopping after the first slab ends the stream cleanly, and a new pass starts over', async () => {
  const source = await openVolume(fixture('dt_int16.nii.gz'), { slabBytes: 1 });
  for await (const slab of source.slabs()) {
    assert.equal(slab.kStart, 0);
    break;
  }
  const again = await collectSlabs(source);
  assert.equal(again.slabCount, 5);
});
