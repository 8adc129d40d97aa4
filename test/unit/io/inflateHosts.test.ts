// The browser host's inflater (fflate plus our trailer checks) against node:zlib's, on generated
// gzip and zlib streams: intact, split into members, cut anywhere, or with a byte changed. Both must
// give the same bytes, or both must refuse; never one short read where the other refuses.
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

test('gzip, one member or several: the browser inflater gives what node:zlib gives, or both refuse', async () => {
  await fc.assert(
    fc.asyncProperty(maskBytes, fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 9 }), damage, fc.integer({ min: 1, max: 5000 }), async (plain, members, level, d, chunk) => {
      const cuts = Array.from({ length: members + 1 }, (_, m) => Math.floor((plain.length * m) / members));
      const stored = Buffer.concat(cuts.slice(1).map((end, m) => gzipSync(plain.subarray(cuts[m], end), { level })));
      const input = damaged(stored, d);
      const [node, web] = [await run(nodeInflate, 'gzip', input, chunk), await run(webInflate, 'gzip', input, chunk)];
      if (d.kind === 'none') assert.deepEqual(web, { kind: 'bytes', bytes: plain });
      // A tail of other bytes: zlib reads a tail that starts like a gzip header as a member (and
      // refuses it); what it does with a short tail is its own; the browser refuses every tail.
      if (d.kind === 'tail') assert.equal(web.kind, 'refused');
      else assert.deepEqual(web, node);
    }),
    { numRuns: 300 },
  );
});

test('zlib streams (MetaImage): the browser inflater gives what node:zlib gives, or both refuse', async () => {
  await fc.assert(
    fc.asyncProperty(maskBytes, fc.integer({ min: 1, max: 9 }), damage.filter((d) => d.kind !== 'tail'), fc.integer({ min: 1, max: 5000 }), async (plain, level, d, chunk) => {
      const input = damaged(deflateSync(plain, { level }), d);
      const [node, web] = [await run(nodeInflate, 'zlib', input, chunk), await run(webInflate, 'zlib', input, chunk)];
      if (d.kind === 'none') assert.deepEqual(web, { kind: 'bytes', bytes: plain });
      assert.deepEqual(web, node);
    }),
    { numRuns: 300 },
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
