// Paths that are not regular files and gzip streams that are unusual or broken, through the core
// reader API (paths and bytes: the CLI and the viewer's worker) and through the CLI itself: each is
// read as a whole file or refused with one sentence naming what it is (exit 2), never an internal
// error and never a wait on a FIFO. The gzip fixtures are written by Python's zlib
// (scripts/fixtures/make_hostile_fixtures.py); the expected counts are numpy's.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { InputError } from '../../../src/core/errors';
import { openVolume, openVolumeFromBytes } from '../../../src/core/io/open';
import { MAX_SIDE_FILE_BYTES } from '../../../src/core/io/regularFile';

const ROOT = resolve(__dirname, '../../../..');
const CLI = join(ROOT, 'dist', 'cli.js');
const GOOD = join(ROOT, 'test', 'fixtures', 'io', 'gzip');
const BAD = join(ROOT, 'test', 'fixtures', 'io', 'bad', 'hostile');
const expected = JSON.parse(readFileSync(join(BAD, 'expected.json'), 'utf8')) as {
  good: Record<string, unknown>;
  bad: Record<string, { mention: string }>;
  labelCounts: Record<string, number>;
};

function cli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 20_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function assertRefused(r: ReturnType<typeof cli>, ...mentions: string[]): void {
  assert.equal(r.status, 2, `exit ${r.status}: ${r.stderr}`);
  const lines = r.stderr.trimEnd().split('\n');
  assert.equal(lines.length, 1, `one line on stderr: ${r.stderr}`);
  for (const m of mentions) assert.ok(lines[0]!.includes(m), `"${m}" not in: ${lines[0]}`);
}

function counts(data: ArrayLike<number>): Record<string, number> {
  const c: Record<string, number> = {};
  for (let i = 0; i < data.length; i++) if (data[i] !== 0) c[String(data[i])] = (c[String(data[i])] ?? 0) + 1;
  return c;
}

async function refusedWith(run: () => Promise<unknown>, mention: string): Promise<void> {
  await assert.rejects(run, (e: unknown) => {
    assert.ok(e instanceof InputError, `expected InputError, got ${String(e)}`);
    assert.ok(e.message.includes(mention), `"${mention}" not in: ${e.message}`);
    assert.ok(!e.message.includes('\n'));
    return true;
  });
}

function scratch(): string {
  return mkdtempSync(join(tmpdir(), 'mask-inspector-hostile-'));
}

/** A FIFO at `path`, made with mkfifo (no node API makes one). */
function fifo(path: string): void {
  const r = spawnSync('mkfifo', [path]);
  assert.equal(r.status, 0, `mkfifo: ${String(r.stderr)}`);
}

for (const name of Object.keys(expected.good)) {
  test(`gzip allowed by RFC 1952 is read whole: ${name}`, async () => {
    const path = join(GOOD, name);
    const fromPath = await (await openVolume(path)).readAll();
    assert.deepEqual(counts(fromPath.data), expected.labelCounts);
    const fromBytes = await openVolumeFromBytes(name, new Uint8Array(readFileSync(path))).readAll();
    assert.deepEqual(counts(fromBytes.data), expected.labelCounts);
  });
}

for (const [name, { mention }] of Object.entries(expected.bad)) {
  test(`broken gzip is refused from a path, from bytes and by the CLI: ${name}`, async () => {
    const path = join(BAD, name);
    await refusedWith(async () => (await openVolume(path)).readAll(), mention);
    await refusedWith(async () => openVolumeFromBytes(name, new Uint8Array(readFileSync(path))).readAll(), mention);
    // Streaming (compare without --surface) stops after the last voxel it needs; the trailer is still checked.
    const good = join(GOOD, 'plain.nii.gz');
    assertRefused(cli('compare', good, path), mention, name);
    assertRefused(cli('compare', path, good, '--surface'), mention, name);
  });
}

test('a symbolic link to itself, a loop and a dangling link are each named', () => {
  const dir = scratch();
  const good = join(GOOD, 'plain.nii.gz');
  symlinkSync('self.nii.gz', join(dir, 'self.nii.gz'));
  symlinkSync('b.nii.gz', join(dir, 'a.nii.gz'));
  symlinkSync('a.nii.gz', join(dir, 'b.nii.gz'));
  symlinkSync('nowhere.nii.gz', join(dir, 'dangling.nii.gz'));
  assertRefused(cli('compare', good, join(dir, 'self.nii.gz')), 'a symbolic link to itself');
  assertRefused(cli('compare', join(dir, 'a.nii.gz'), good), 'a symbolic link loop');
  assertRefused(cli('compare', good, join(dir, 'dangling.nii.gz')), 'nowhere.nii.gz, which does not exist');
  // A chain of 40 links is followed; 41 is as good as a loop.
  copyFileSync(good, join(dir, 'link0.nii.gz'));
  for (let n = 1; n <= 41; n++) symlinkSync(`link${n - 1}.nii.gz`, join(dir, `link${n}.nii.gz`));
  assert.equal(cli('compare', good, join(dir, 'link40.nii.gz')).status, 0);
  assertRefused(cli('compare', good, join(dir, 'link41.nii.gz')), 'a symbolic link loop');
});

test('a FIFO, a socket and a device as a mask are named, without waiting for a writer', async () => {
  const dir = scratch();
  const good = join(GOOD, 'plain.nii.gz');
  fifo(join(dir, 'pipe.nii.gz'));
  assertRefused(cli('compare', good, join(dir, 'pipe.nii.gz')), 'is a named pipe (FIFO), not a regular file');
  await refusedWith(() => openVolume(join(dir, 'pipe.nii.gz')), 'named pipe');
  const server = createServer();
  const socketPath = join(dir, 'sock.nii');
  await new Promise<void>((done) => server.listen(socketPath, done));
  try {
    assertRefused(cli('compare', socketPath, good), 'is a socket');
  } finally {
    server.close();
  }
  symlinkSync('/dev/zero', join(dir, 'zero.nii'));
  assertRefused(cli('compare', good, join(dir, 'zero.nii')), 'is a character device');
});

test('--labels naming a FIFO, a directory, a loop or a huge file is refused at once', () => {
  const dir = scratch();
  const good = join(GOOD, 'plain.nii.gz');
  fifo(join(dir, 'labels.json'));
  assertRefused(cli('compare', good, good, '--labels', join(dir, 'labels.json')), '(--labels) is a named pipe (FIFO)');
  assertRefused(cli('compare', good, good, '--labels', dir), '(--labels) is a directory');
  symlinkSync('loop.json', join(dir, 'loop.json'));
  assertRefused(cli('compare', good, good, '--labels', join(dir, 'loop.json')), 'a symbolic link to itself');
  const huge = join(dir, 'huge.json');
  writeFileSync(huge, Buffer.alloc(MAX_SIDE_FILE_BYTES + 1, 0x20));
  assertRefused(cli('compare', good, good, '--labels', huge), `more than the ${MAX_SIDE_FILE_BYTES} bytes allowed for a label file`);
});

test('a FIFO found where a label file is looked for next to the mask is refused, not waited on', () => {
  const dir = scratch();
  copyFileSync(join(GOOD, 'plain.nii.gz'), join(dir, 'case.nii.gz'));
  fifo(join(dir, 'labels.json'));
  assertRefused(cli('compare', join(dir, 'case.nii.gz'), join(dir, 'case.nii.gz')), 'labels.json is a named pipe (FIFO)');
});

test('every bad gzip fixture is listed in expected.json', () => {
  const onDisk = readdirSync(BAD).filter((f) => f.endsWith('.gz')).sort();
  assert.deepEqual(onDisk, Object.keys(expected.bad).sort());
});
