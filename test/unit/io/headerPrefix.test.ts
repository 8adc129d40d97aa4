// Finding a gzip file's header inflates only a little more than the header, however well the voxels
// after it compress; the bytes returned are the file's first decompressed bytes.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { gunzipSync, gzipSync } from 'node:zlib';
import { NIFTI2_HEADER_BYTES } from '../../../src/core/io/niftiHeader';
import { niftiHeaderBytes } from '../../../src/core/io/niftiSource';

/** Runs niftiHeaderBytes on `stored` and records the longest stored prefix it asked for. */
function headerOf(stored: Uint8Array): { out: Uint8Array; longestRead: number } {
  let longestRead = 0;
  const out = niftiHeaderBytes('x.nii.gz', true, stored.length, (n) => {
    longestRead = Math.max(longestRead, n);
    return stored.subarray(0, n);
  });
  return { out: new Uint8Array(out), longestRead };
}

test('a header followed by megabytes of zeros: a few hundred stored bytes read, a few KB inflated', () => {
  // A mask-like file: 352 bytes of varied header, then 4 MB of background that deflates ~1000:1.
  const header = Uint8Array.from({ length: 352 }, (_, n) => (n * 37) % 251);
  const file = new Uint8Array(352 + (4 << 20));
  file.set(header);
  const stored = new Uint8Array(gzipSync(file, { level: 9 }));
  const { out, longestRead } = headerOf(stored);
  assert.ok(out.length >= NIFTI2_HEADER_BYTES, `${out.length} bytes out`);
  assert.deepEqual(out, new Uint8Array(gunzipSync(stored)).subarray(0, out.length));
  assert.ok(longestRead <= 1024, `read ${longestRead} stored bytes`);
  assert.ok(out.length <= 64 << 10, `inflated ${out.length} bytes for a ${NIFTI2_HEADER_BYTES}-byte header`);
});

test('incompressible bytes: the prefix grows until a NIfTI-2 header is out', () => {
  const file = new Uint8Array(randomBytes(8192));
  const stored = new Uint8Array(gzipSync(file));
  const { out, longestRead } = headerOf(stored);
  assert.ok(out.length >= NIFTI2_HEADER_BYTES && longestRead > 512, `${out.length} out of ${longestRead} stored bytes`);
  assert.deepEqual(out, file.subarray(0, out.length));
});

test('a file shorter than a NIfTI-2 header comes back whole', () => {
  const file = Uint8Array.from({ length: 400 }, (_, n) => n % 7);
  const { out } = headerOf(new Uint8Array(gzipSync(file)));
  assert.deepEqual(out, file);
});
