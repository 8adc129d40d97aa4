// Bytes that reach the readers or a worker are often a view into a larger buffer: a small file read
// by Node is a Buffer cut from a shared 8 KiB pool, and bytes a host receives over IPC are cut from
// the message. Buffer#slice() is a view too (unlike Uint8Array#slice), so code that copied with
// `.slice().buffer` got the whole pool: a NIfTI header parsed from another file's bytes.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { openVolumeFromBytes } from '../../../src/core/io/open';
import { ownedBuffer } from '../../../src/extension/workerChannel';

const IO = resolve(__dirname, '../../../../test/fixtures/io');

/** `bytes` as a Node Buffer at a non-zero offset of a larger buffer that starts with other bytes. */
function viewInsideLargerBuffer(bytes: Uint8Array): Buffer {
  const junk = Buffer.alloc(777, 0x5a);
  return Buffer.concat([junk, bytes, junk]).subarray(junk.length, junk.length + bytes.length);
}

test('a NIfTI file held in a view of a larger Node Buffer reads as the file', async () => {
  for (const name of ['be_int16.nii', 'dt_uint16.nii', 'dt_float32.nii.gz']) {
    const file = readFileSync(join(IO, name));
    const fresh = await openVolumeFromBytes(name, new Uint8Array(file)).readAll();
    const viewed = await openVolumeFromBytes(name, viewInsideLargerBuffer(file)).readAll();
    assert.deepEqual(viewed.header.geometry, fresh.header.geometry, name);
    assert.deepEqual(viewed.data, fresh.data, name);
  }
});

test('ownedBuffer of a view into a larger Node Buffer holds exactly the viewed bytes', () => {
  const bytes = Uint8Array.from({ length: 300 }, (_, n) => n % 256);
  const owned = new Uint8Array(ownedBuffer(viewInsideLargerBuffer(bytes)));
  assert.equal(owned.length, bytes.length);
  assert.deepEqual(owned, bytes);
  // Pooled: Buffer.from of a short string shares the pool with every other small Buffer.
  const pooled = Buffer.from('nifti');
  assert.notEqual(pooled.buffer.byteLength, pooled.length, 'expected a pooled Buffer');
  assert.deepEqual(new Uint8Array(ownedBuffer(pooled)), new Uint8Array([...'nifti'].map((c) => c.charCodeAt(0))));
});
