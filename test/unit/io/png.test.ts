// PNG masks must read as Pillow reads them: greyscale values and palette indices are labels,
// colours become labels by first appearance, and a folder reads as a stack in natural order.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { openVolume, openVolumeFromBytes } from '../../../src/core/io/open';
import { PNG_AFFINE } from '../../../src/core/io/pngVolume';
import { collectSlabs, expected, fixture, sumOf, valueAt } from './fixtures';

const ARRAY_TYPE: Record<string, string> = {
  'grey8.png': 'Uint8Array',
  'grey16.png': 'Uint16Array',
  'palette.png': 'Uint8Array',
  'palette4bit.png': 'Uint8Array',
  'rgb.png': 'Uint8Array',
  'rgba.png': 'Uint8Array',
  'grey_alpha.png': 'Uint8Array',
  series: 'Uint8Array',
  series_rgb: 'Uint8Array',
};

for (const [name, e] of Object.entries(expected.png)) {
  test(`PNG ${name} reads as Pillow reads it`, async () => {
    const source = await openVolume(fixture(name));
    const { header } = source;
    assert.deepEqual([...header.geometry.shape], e.shape);
    assert.equal(header.format, name.startsWith('series') ? 'png-series' : 'png');
    assert.equal(header.geometry.affineSource, 'png');
    assert.deepEqual([...header.geometry.affine], [...PNG_AFFINE]);
    assert.equal(header.geometry.orientation, 'LPS');
    const volume = await source.readAll();
    assert.equal(volume.data.constructor.name, ARRAY_TYPE[name]);
    assert.equal(sumOf(volume.data), e.sum);
    for (const v of e.voxels) assert.equal(valueAt(volume.data, e.shape, v.ijk), v.value, `voxel ${v.ijk}`);
    const present = [...new Set(volume.data)].filter((x) => x !== 0).sort((a, b) => a - b);
    assert.deepEqual(present, e.labels);
    if (e.colours) {
      assert.deepEqual(Object.fromEntries([...(header.labelColours ?? new Map())].map(([k, c]) => [String(k), [...c]])), e.colours);
    } else {
      assert.equal(header.labelColours, undefined);
    }
    assert.deepEqual((await collectSlabs(await openVolume(fixture(name), { slabBytes: 1 }))).values, [...volume.data]);
  });
}

test('a PNG read from bytes equals the PNG read from its path', async () => {
  const bytes = new Uint8Array(readFileSync(fixture('rgba.png')));
  const fromBytes = await openVolumeFromBytes('rgba.png', bytes).readAll();
  const fromPath = await (await openVolume(fixture('rgba.png'))).readAll();
  assert.deepEqual([...fromBytes.data], [...fromPath.data]);
  assert.deepEqual(fromBytes.header.labelColours, fromPath.header.labelColours);
});
