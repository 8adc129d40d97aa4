// dist/cli.js is one self-contained file, and it loads the PNG decoder (fast-png and the fflate it
// bundles) only when a PNG is read. fflate, when evaluated, loads worker_threads through a
// require made with createRequire, which NODE_DEBUG=module reports: a NIfTI comparison must not
// show it, a PNG comparison must (so the check cannot pass by looking for the wrong thing).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test } from 'node:test';

const ROOT = resolve(__dirname, '../../../..');
const METRICS = join(ROOT, 'test', 'fixtures', 'metrics');
const IO = join(ROOT, 'test', 'fixtures', 'io');

/** Runs a copy of dist/cli.js from a folder with no node_modules anywhere above it. */
function runAlone(args: readonly string[]): { status: number | null; stdout: string; moduleLog: string } {
  const dir = mkdtempSync(join(tmpdir(), 'mask-inspector-cli-'));
  try {
    const cli = join(dir, 'cli.js');
    copyFileSync(join(ROOT, 'dist', 'cli.js'), cli);
    const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', env: { ...process.env, NODE_DEBUG: 'module' } });
    return { status: r.status, stdout: r.stdout, moduleLog: r.stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const loadsPngDecoder = (moduleLog: string): boolean => /REQUEST worker_threads\b/.test(moduleLog);

test('a NIfTI comparison runs from a lone copy of dist/cli.js and never loads the PNG decoder', () => {
  const r = runAlone(['compare', join(METRICS, 'multilabel_ref.nii.gz'), join(METRICS, 'multilabel_pred.nii.gz'), '--json']);
  assert.equal(r.status, 0, r.moduleLog.slice(-2000));
  assert.equal(JSON.parse(r.stdout).reference.dataType, 'uint8');
  assert.equal(loadsPngDecoder(r.moduleLog), false);
});

test('a PNG comparison from the same lone copy loads the decoder when it needs it', () => {
  const r = runAlone(['compare', join(IO, 'palette.png'), join(IO, 'palette.png'), '--json']);
  assert.equal(r.status, 0, r.moduleLog.slice(-2000));
  assert.equal(JSON.parse(r.stdout).foreground.dice, 1);
  assert.equal(loadsPngDecoder(r.moduleLog), true);
});
