// The readers as a browser host (VS Code for the Web) runs them: bundled for the browser
// (esbuild.mjs resolves the inflater to fflate with our trailer checks, and no Node module is bundled), loaded
// into real Chromium, fed every fixture's bytes. Each read must give what the Node host's read gives
// (header, geometry, every voxel as streamed), and each refusal must be a refusal there too.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { after, before, test } from 'node:test';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { companionFiles, openVolumeFromBytes } from '../../src/core/io/open';
import { formatOfName } from '../../src/core/formats/formatTable';
import { openPage, repoRoot, type BrowserSession } from './harness';
import type { BrowserReaders } from './readers.browser';
import { digestOf, type ReadOutcome } from './volumeDigest';

const FIXTURES = join(repoRoot(), 'test', 'fixtures');

/** Every file below the fixtures folder that the format table reads by name (bad ones included). */
function fixtureFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return fixtureFiles(path);
    return formatOfName(name) ? [path] : [];
  });
}

function companionsOf(path: string, bytes: Uint8Array): Map<string, Uint8Array> {
  const out = new Map<string, Uint8Array>();
  let names: readonly string[] = [];
  try {
    names = companionFiles(path, bytes);
  } catch {
    // A header that cannot be parsed is refused by the read itself, in both hosts.
  }
  for (const n of names) {
    try {
      out.set(n, readFileSync(join(dirname(path), n)));
    } catch {
      // Missing on purpose (a hostile fixture): both hosts must say so.
    }
  }
  return out;
}

const base64 = (bytes: Uint8Array): string => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');

let session: BrowserSession;
let page: Page;

before(async () => {
  session = await openPage();
  page = session.page;
  await page.addScriptTag({ path: join(repoRoot(), 'out', 'test', 'webview', 'readers.browser.js') });
});

after(async () => {
  await session?.close();
});

async function readInBrowser(name: string, bytes: Uint8Array, companions: ReadonlyMap<string, Uint8Array>): Promise<ReadOutcome> {
  const encoded = Object.fromEntries([...companions].map(([n, b]) => [n, base64(b)]));
  return page.evaluate(
    ([n, b, c]) => (globalThis as { maskReaders?: BrowserReaders }).maskReaders!.read(n, b, c),
    [name, base64(bytes), encoded] as const,
  );
}

function readInNode(name: string, bytes: Uint8Array, companions: ReadonlyMap<string, Uint8Array>): Promise<ReadOutcome> {
  return digestOf(() => openVolumeFromBytes(name, bytes, {}, companions));
}

/**
 * A refusal without its closing parenthesis, which quotes the library underneath: the inflaters
 * (zlib's words, Chromium's) and fast-png's bounds checks word one broken stream differently.
 */
const sentenceStem = (message: string): string => message.replace(/ \([^()]*\)\.$/, '.');

test('the browser bundle holds no Node module and inflates with the web inflater', () => {
  const bundle = readFileSync(join(repoRoot(), 'out', 'test', 'webview', 'readers.browser.js'), 'utf8');
  assert.doesNotMatch(bundle, /require\("node:|createGunzip|gunzipSync/);
  assert.match(bundle, /webInflate/);
});

test('every fixture reads in Chromium as it reads in Node, or is refused in both', async (t) => {
  const files = fixtureFiles(FIXTURES);
  assert.ok(files.length > 100, `found ${files.length} fixtures`);
  let read = 0;
  let refused = 0;
  for (const path of files) {
    const name = relative(FIXTURES, path);
    const bytes = readFileSync(path);
    const companions = companionsOf(path, bytes);
    const [node, browser] = [await readInNode(name, bytes, companions), await readInBrowser(name, bytes, companions)];
    if (node.kind === 'read') {
      read++;
      assert.deepEqual(browser, node, name);
      continue;
    }
    refused++;
    assert.equal(browser.kind, 'refused', `${name}: Node refused it (${node.message}) but the browser read it`);
    if (browser.kind !== 'refused') continue;
    assert.equal(browser.inputError, node.inputError, `${name}: ${browser.message}`);
    assert.equal(sentenceStem(browser.message), sentenceStem(node.message), name);
  }
  // Both kinds are exercised: gzip and zlib reads, and hostile files of every format.
  t.diagnostic(`${files.length} fixtures: ${read} read alike, ${refused} refused alike`);
  assert.ok(read > 80 && refused > 20, `${read} read, ${refused} refused`);
});

/** A gzip NIfTI: by default a small one from nibabel; the real spine mask is 60 KB stored. */
function niftiGz(name = 'formats/multilabel.nii.gz'): { name: string; bytes: Uint8Array } {
  return { name, bytes: readFileSync(join(FIXTURES, name)) };
}

test('a wrong CRC-32 or length in the gzip trailer is refused in the browser, as in Node', async () => {
  const { name, bytes } = niftiGz();
  for (const at of [bytes.length - 8, bytes.length - 1]) {
    const broken = Uint8Array.from(bytes);
    broken[at]! ^= 0x5a;
    const [node, browser] = [await readInNode(name, broken, new Map()), await readInBrowser(name, broken, new Map())];
    assert.equal(node.kind, 'refused');
    assert.equal(browser.kind, 'refused');
    if (browser.kind === 'refused') assert.match(browser.message, /^formats\/multilabel\.nii\.gz is a truncated or corrupt gzip file \(.+\)\.$/);
  }
});

test('a gzip file cut anywhere is refused in the browser as in Node, never read short', async () => {
  const { name, bytes } = niftiGz('real/panoptica-spine/ref.nii.gz');
  assert.ok(bytes.length > 20_000);
  const cuts = [20, 400, 0.25, 0.5, 0.9, 0.999].map((f) => (f < 1 ? Math.floor(bytes.length * f) : f));
  for (const keep of [...cuts, bytes.length - 8, bytes.length - 4, bytes.length - 1]) {
    const cut = bytes.subarray(0, keep);
    const [node, browser] = [await readInNode(name, cut, new Map()), await readInBrowser(name, cut, new Map())];
    assert.equal(node.kind, 'refused', `Node, cut at ${keep} of ${bytes.length}`);
    assert.equal(browser.kind, 'refused', `browser, cut at ${keep} of ${bytes.length}`);
    if (browser.kind === 'refused') assert.ok(browser.inputError, `cut at ${keep}: ${browser.message}`);
  }
});

/** The real spine mask's voxels split over `members` gzip members (as bgzip or `cat a.gz b.gz` make). */
function inMembers(members: number): { name: string; whole: Uint8Array; split: Buffer } {
  const { name, bytes } = niftiGz('real/panoptica-spine/ref.nii.gz');
  const plain = gunzipSync(bytes);
  const cuts = Array.from({ length: members + 1 }, (_, m) => Math.floor((plain.length * m) / members));
  return { name, whole: bytes, split: Buffer.concat(cuts.slice(1).map((end, m) => gzipSync(plain.subarray(cuts[m], end)))) };
}

test('a multi-member gzip file reads in the browser as in Node, and a bad trailer in any member is refused', async () => {
  for (const members of [2, 7]) {
    const { name, whole, split } = inMembers(members);
    const expected = await readInNode(name, whole, new Map());
    assert.equal(expected.kind, 'read');
    assert.deepEqual(await readInNode(name, split, new Map()), expected, `Node, ${members} members`);
    assert.deepEqual(await readInBrowser(name, split, new Map()), expected, `browser, ${members} members`);
  }
  // The first member's CRC-32 (its trailer ends where the second member's magic starts).
  const { name, split } = inMembers(2);
  const second = split.indexOf(Buffer.from([0x1f, 0x8b, 0x08]), 10);
  for (const at of [second - 8, second - 1]) {
    const broken = Buffer.from(split);
    broken[at]! ^= 0x01;
    const [node, browser] = [await readInNode(name, broken, new Map()), await readInBrowser(name, broken, new Map())];
    assert.equal(node.kind, 'refused', `Node, byte ${at}`);
    assert.equal(browser.kind, 'refused', `browser, byte ${at}`);
    if (browser.kind === 'refused') assert.match(browser.message, /is a truncated or corrupt gzip file \(incorrect (data|length) check/);
  }
});

test('a zlib stream (MetaImage CompressedData) with a wrong Adler-32 or cut short is refused in the browser as in Node', async () => {
  const name = 'formats/zlib_uint8.mha';
  const bytes = readFileSync(join(FIXTURES, name));
  const good = await readInBrowser(name, bytes, new Map());
  assert.equal(good.kind, 'read');
  const flipped = Buffer.from(bytes);
  flipped[flipped.length - 1]! ^= 0x10;
  for (const broken of [flipped, bytes.subarray(0, bytes.length - 2)]) {
    const [node, browser] = [await readInNode(name, broken, new Map()), await readInBrowser(name, broken, new Map())];
    assert.ok(node.kind === 'refused' && browser.kind === 'refused', `${broken.length} bytes: Node ${node.kind}, browser ${browser.kind}`);
    assert.equal(sentenceStem(browser.message), sentenceStem(node.message));
  }
  const browser = await readInBrowser(name, flipped, new Map());
  assert.ok(browser.kind === 'refused');
  assert.match(browser.message, /^formats\/zlib_uint8\.mha has a truncated or corrupt zlib stream \(incorrect data check.*\)\.$/);
});
