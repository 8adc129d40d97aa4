// The browser host's inflater (fflate plus our trailer checks) against node:zlib's, on generated
// gzip and zlib streams: intact, split into members, cut anywhere, with a bit flipped, or with bytes
// (or zero padding) after the end. Both must give the same bytes or both refuse (two documented
// differences aside), and the browser never reads bytes other than those written.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { deflateSync, gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { InflateError, type DeflateWrapper, type InflateHost } from '../../../src/core/io/inflate/inflateHost';
import { nodeInflate } from '../../../src/core/io/inflate/nodeInflate';
import { webInflate } from '../../../src/core/io/inflate/webInflate';

type Outcome = { readonly kind: 'bytes'; readonly bytes: Buffer } | { readonly kind: 'refused' };

async function run(host: InflateHost, wrapper: DeflateWrapper, stored: Uint8Array, chunk: number): Promise<Outcome> {
  const pieces = Array.from({ length: Math.ceil(stored.length / chunk) }, (_, n) => stored.subarray(n * chunk, (n + 1) * chunk));
  const out: Uint8Array[] = [];
  try {
    for await (const piece of host.inflate(wrapper, pieces)) out.push(piece);
  } catch (e) {
    assert.ok(e instanceof InflateError, `not an InflateError: ${String(e)}`);
    return { kind: 'refused' };
  }
  return { kind: 'bytes', bytes: Buffer.concat(out) };
}

/** Mask-like content: runs of a few labels, so that it compresses as masks do. */
const maskBytes = fc.array(fc.tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 1, max: 5000 })), { minLength: 1, maxLength: 40 }).map((runs) => Buffer.concat(runs.map(([v, n]) => Buffer.alloc(n, v))));

/** What is done to a stored stream: nothing, cut at a fraction of it, one bit flipped, bytes appended. */
type Damage =
  | { readonly kind: 'none' }
  | { readonly kind: 'cut'; readonly at: number }
  | { readonly kind: 'flip'; readonly at: number; readonly bit: number }
  | { readonly kind: 'tail'; readonly bytes: Uint8Array };

const fraction = fc.double({ min: 0, max: 1, noNaN: true });
const damage: fc.Arbitrary<Damage> = fc.oneof(
  fc.constant({ kind: 'none' as const }),
  fc.record({ kind: fc.constant('cut' as const), at: fraction }),
  fc.record({ kind: fc.constant('flip' as const), at: fraction, bit: fc.integer({ min: 0, max: 7 }) }),
  fc.record({ kind: fc.constant('tail' as const), bytes: fc.uint8Array({ minLength: 1, maxLength: 12 }) }),
  // Padding: zero bytes after the end, as tape and block-device writers leave.
  fc.record({ kind: fc.constant('tail' as const), bytes: fc.integer({ min: 1, max: 3000 }).map((n) => new Uint8Array(n)) }),
);

function damaged(stored: Buffer, d: Damage): Buffer {
  switch (d.kind) {
    case 'none':
      return stored;
    case 'cut':
      return stored.subarray(0, Math.floor(d.at * stored.length));
    case 'flip': {
      const out = Buffer.from(stored);
      out[Math.min(out.length - 1, Math.floor(d.at * out.length))]! ^= 1 << d.bit;
      return out;
    }
    case 'tail':
      return Buffer.concat([stored, d.bytes]);
  }
}

/**
 * What must hold between the hosts on one input:
 * - never a wrong read: when the browser inflater reads, it gives the content as written;
 * - what node:zlib reads, the browser reads too, and what it refuses, the browser refuses too, but
 *   for the two documented differences: bytes after a zlib stream that are not all zeros (zlib
 *   ignores them, the browser refuses them), and a stored block (level 0) whose NLEN is wrong
 *   (fflate does not check it; the data and its CRC still are, so the read is still right).
 */
function assertAgree(node: Outcome, web: Outcome, plain: Buffer, allowed: { webRefusesTail: boolean; webReadsStored: boolean }): void {
  if (web.kind === 'bytes') assert.deepEqual(web.bytes, plain, 'the browser read wrong bytes');
  if (node.kind === 'bytes' && web.kind === 'refused') assert.ok(allowed.webRefusesTail, 'node:zlib read it, the browser refused it');
  if (node.kind === 'refused' && web.kind === 'bytes') assert.ok(allowed.webReadsStored, 'node:zlib refused it, the browser read it');
  if (node.kind === 'bytes') assert.deepEqual(node.bytes, plain);
}

const allZero = (d: Damage): boolean => d.kind === 'tail' && d.bytes.every((b) => b === 0);

test('gzip, one member or several: the browser inflater gives what node:zlib gives, or both refuse', async () => {
  await fc.assert(
    fc.asyncProperty(maskBytes, fc.integer({ min: 1, max: 4 }), fc.integer({ min: 0, max: 9 }), damage, fc.integer({ min: 1, max: 5000 }), async (plain, members, level, d, chunk) => {
      const cuts = Array.from({ length: members + 1 }, (_, m) => Math.floor((plain.length * m) / members));
      const stored = Buffer.concat(cuts.slice(1).map((end, m) => gzipSync(plain.subarray(cuts[m], end), { level })));
      const input = damaged(stored, d);
      const [node, web] = [await run(nodeInflate, 'gzip', input, chunk), await run(webInflate, 'gzip', input, chunk)];
      if (d.kind === 'none' || allZero(d)) assert.deepEqual(web, { kind: 'bytes', bytes: plain }, 'intact, or padded with zeros');
      assertAgree(node, web, plain, { webRefusesTail: false, webReadsStored: level === 0 && d.kind === 'flip' });
    }),
    { numRuns: 400 },
  );
});

test('zlib streams (MetaImage): the browser inflater gives what node:zlib gives, or both refuse', async () => {
  await fc.assert(
    fc.asyncProperty(maskBytes, fc.integer({ min: 0, max: 9 }), damage, fc.integer({ min: 1, max: 5000 }), async (plain, level, d, chunk) => {
      const input = damaged(deflateSync(plain, { level }), d);
      const [node, web] = [await run(nodeInflate, 'zlib', input, chunk), await run(webInflate, 'zlib', input, chunk)];
      if (d.kind === 'none' || allZero(d)) assert.deepEqual(web, { kind: 'bytes', bytes: plain }, 'intact, or padded with zeros');
      assertAgree(node, web, plain, { webRefusesTail: d.kind === 'tail' && !allZero(d), webReadsStored: level === 0 && d.kind === 'flip' });
    }),
    { numRuns: 400 },
  );
});

test('the header prefix and the header CRC: the browser inflater agrees with node:zlib', () => {
  fc.assert(
    fc.property(maskBytes, fc.integer({ min: 10, max: 400 }), (plain, keep) => {
      const stored = gzipSync(plain);
      const prefix = stored.subarray(0, Math.min(keep, stored.length));
      const node = Buffer.from(nodeInflate.inflateGzipPrefix(prefix));
      const web = Buffer.from(webInflate.inflateGzipPrefix(prefix));
      // zlib's sync flush may hold back a few bytes fflate already gave, or the other way round.
      const shorter = Math.min(node.length, web.length);
      assert.deepEqual(web.subarray(0, shorter), node.subarray(0, shorter));
      assert.deepEqual(web.subarray(0, shorter), plain.subarray(0, shorter));
      assert.equal(webInflate.crc32(prefix), nodeInflate.crc32(prefix));
    }),
    { numRuns: 300 },
  );
});
