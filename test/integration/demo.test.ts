// `npm run demo -- --check` builds, writes the demo folder, starts code-server and says which
// code-server and VS Code it runs; the versions must be the installed ones (read here from the
// install's own manifests), not a field cut from the wrong line of `code-server --version`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { repoRoot } from '../webview/harness';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

test('the demo starts code-server and prints the VS Code version it runs', async () => {
  const root = repoRoot();
  const manifest = (path: string): string => (JSON.parse(readFileSync(join(root, '.tools', 'code-server', 'node_modules', 'code-server', path), 'utf8')) as { version: string }).version;
  const { stdout } = await promisify(execFile)('bash', [join(root, 'scripts', 'demo.sh'), '--check', '--port', String(await freePort())], { cwd: root, timeout: 180_000 });
  assert.match(stdout, new RegExp(`code-server ${manifest('package.json').replace(/\./g, '\\.')} \\(VS Code ${manifest('lib/vscode/package.json').replace(/\./g, '\\.')}\\) answers`));
});
