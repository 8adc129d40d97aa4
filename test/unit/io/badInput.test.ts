// Every bad input is refused with an InputError whose one-sentence message names the file and
// says what is wrong, from a path and, for files, from bytes too.
import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { test } from 'node:test';
import { InputError } from '../../../src/core/errors';
import { openVolume, openVolumeFromBytes } from '../../../src/core/io/open';
import { expected, fixture } from './fixtures';

/** Opening fails, or reading fails (truncated data only shows while streaming a gzip file). */
async function openAndRead(open: () => Promise<{ readAll(): Promise<unknown> }>): Promise<void> {
  const source = await open();
  await source.readAll();
}

function refusal(name: string, mention: string, pathShown: string) {
  return (err: unknown): boolean => {
    assert.ok(err instanceof InputError, `${name}: expected InputError, got ${String(err)}`);
    assert.ok(err.message.includes(pathShown), `${name}: message does not name the file: ${err.message}`);
    // The file name may itself contain the word (truncated_data.nii), so look outside it.
    const problem = err.message.split(pathShown).join('').toLowerCase();
    assert.ok(problem.includes(mention.toLowerCase()), `${name}: message does not mention "${mention}": ${err.message}`);
    assert.ok(!err.message.includes('\n'), `${name}: message is not one line`);
    return true;
  };
}

for (const [name, { mention }] of Object.entries(expected.bad)) {
  test(`bad input ${name} is refused`, async () => {
    const path = fixture(name);
    // Series folders name the offending slice file; everything else names itself.
    const shown = name.endsWith('series_sizes') ? 'slice2.png' : name.endsWith('series_kinds') ? 'a2.png' : path;
    await assert.rejects(openAndRead(() => openVolume(path)), refusal(name, mention, shown));
    if (!statSync(path).isDirectory()) {
      const bytes = new Uint8Array(readFileSync(path));
      await assert.rejects(openAndRead(async () => openVolumeFromBytes(basename(name), bytes)), refusal(name, mention, basename(name)));
    }
  });
}

test('a missing file is refused naming it', async () => {
  const path = fixture('no-such-mask.nii.gz');
  await assert.rejects(openVolume(path), refusal('missing', 'does not exist', path));
});

test('slabs() also refuses a truncated gzip stream', async () => {
  const source = await openVolume(fixture('bad/truncated_data.nii.gz'));
  await assert.rejects(async () => {
    for await (const slab of source.slabs()) assert.ok(slab.kCount > 0);
  }, refusal('truncated slabs', 'truncated', 'truncated_data.nii.gz'));
});
