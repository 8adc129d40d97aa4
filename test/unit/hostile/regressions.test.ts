// Inputs the fuzzer once found mishandled (test/fixtures/io/bad/fuzz/, written by
// scripts/fixtures/make_fuzz_regressions.mjs): each is refused in one sentence by the core and by
// the CLI (exit 2, one line on stderr) - as a label file with --labels, or as a mask.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { InputError } from '../../../src/core/errors';
import { openVolumeFromBytes } from '../../../src/core/io/open';
import { parseLabelFile } from '../../../src/core/labels/lookup';

const ROOT = resolve(__dirname, '../../../..');
const CLI = join(ROOT, 'dist', 'cli.js');
const FUZZ = join(ROOT, 'test', 'fixtures', 'io', 'bad', 'fuzz');
const GOOD = join(ROOT, 'test', 'fixtures', 'io', 'dt_uint8.nii');
const isVolume = (name: string): boolean => /\.(nii|nii\.gz|png)$/.test(name);

for (const name of readdirSync(FUZZ)) {
  test(`fuzz regression ${name} is refused in one line`, async () => {
    const path = join(FUZZ, name);
    const bytes = new Uint8Array(readFileSync(path));
    await assert.rejects(
      async () => (isVolume(name) ? openVolumeFromBytes(name, bytes).readAll() : parseLabelFile(name, new TextDecoder().decode(bytes), name)),
      (e: unknown) => e instanceof InputError && !/[\n\r\u0000]/.test(e.message),
    );
    const r = spawnSync(process.execPath, [CLI, 'compare', ...(isVolume(name) ? [path, path] : [GOOD, GOOD, '--labels', path])], { encoding: 'utf8' });
    assert.equal(r.status, 2, r.stderr);
    assert.equal(r.stderr.trimEnd().split('\n').length, 1, r.stderr);
  });
}
