// A scratch workspace for a VS Code run: a copy of a folder of test files (test/fixtures by default)
// in a temp folder, so tests may create or change files without touching the committed fixtures.
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { repoRoot } from '../webview/harness';

/** A fresh temp folder for one run (profile, logs, workspace); remove it with removeScratchDir. */
export function makeScratchDir(prefix = 'mask-inspector-vscode-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function removeScratchDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/**
 * Copies `source` (relative to the repo root or absolute; default test/fixtures) to
 * `<scratchDir>/workspace` and returns that path.
 */
export function makeWorkspace(scratchDir: string, source = 'test/fixtures'): string {
  const workspace = join(scratchDir, 'workspace');
  mkdirSync(workspace, { recursive: true });
  cpSync(resolve(repoRoot(), source), workspace, { recursive: true });
  return workspace;
}
