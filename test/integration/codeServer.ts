// Starts code-server 4.100.3 (VS Code 1.100.3's server and web workbench, installed by
// scripts/setup-code-server.sh) on a free local port with a throwaway profile, and stops it with
// everything it spawned (extension host, pty host, file watcher).
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { repoRoot } from '../webview/harness';

export interface CodeServer {
  readonly port: number;
  /** http://127.0.0.1:PORT */
  readonly origin: string;
  /** Every line code-server (and the extension host it forks) printed. */
  readonly logFile: string;
  /** The vscode-remote:// URI the web workbench uses for a path on this machine. */
  remoteUri(absolutePath: string): string;
  /** Kills the whole process group; safe to call twice. */
  stop(): Promise<void>;
}

export interface CodeServerOptions {
  /** Scratch folder for the profile, extensions and logs (created if missing). */
  dir: string;
  /** Extra environment for the server and, through it, the extension host. */
  env?: Record<string, string>;
  /** User settings written to the fresh profile before start. */
  settings?: Record<string, unknown>;
  startTimeoutMs?: number;
}

/** Quiet defaults so the workbench opens straight on the workspace without tours or prompts. */
const DEFAULT_SETTINGS: Record<string, unknown> = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  // No marketplace on these machines: do not query it.
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
};

export function codeServerEntry(): string {
  const entry = join(repoRoot(), '.tools', 'code-server', 'node_modules', 'code-server', 'out', 'node', 'entry.js');
  if (!existsSync(entry)) {
    throw new Error(`code-server is not installed at ${entry}; run scripts/setup-test-env.sh (or scripts/setup-code-server.sh).`);
  }
  return entry;
}

export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port'))));
    });
  });
}

function tail(file: string, lines = 40): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

// Safety net: if this process exits without stop() (a crash, an uncaught error), do not leave
// servers behind. Signals are left alone: node:test and shells handle those.
const live = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of live) killGroup(child, 'SIGKILL');
});

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

export async function startCodeServer(options: CodeServerOptions): Promise<CodeServer> {
  const entry = codeServerEntry();
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const userDataDir = join(options.dir, 'user-data');
  const extensionsDir = join(options.dir, 'extensions');
  const logFile = join(options.dir, 'code-server.log');
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  writeFileSync(join(userDataDir, 'User', 'settings.json'), JSON.stringify({ ...DEFAULT_SETTINGS, ...options.settings }, null, 2));

  const log = createWriteStream(logFile);
  const child = spawn(
    process.execPath,
    [
      entry,
      '--auth', 'none',
      '--bind-addr', `127.0.0.1:${port}`,
      '--user-data-dir', userDataDir,
      '--extensions-dir', extensionsDir,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
    ],
    {
      // Own process group, so stop() reaches the extension host and helpers it forks.
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      // XDG_* keep code-server's config.yaml and state out of the user's home.
      env: { ...process.env, XDG_CONFIG_HOME: join(options.dir, 'config'), XDG_DATA_HOME: join(options.dir, 'data'), ...options.env },
    },
  );
  live.add(child);
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);

  let exited = false;
  const exitedPromise = new Promise<void>((resolveExit) => child.once('exit', () => { exited = true; live.delete(child); resolveExit(); }));

  const stop = async () => {
    if (!exited) {
      killGroup(child, 'SIGTERM');
      const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 5000);
      await exitedPromise;
      clearTimeout(timer);
    }
    // The server may be gone while children it detached are not: sweep the group once more.
    killGroup(child, 'SIGKILL');
    await new Promise<void>((done) => log.end(done));
  };

  const deadline = Date.now() + (options.startTimeoutMs ?? 60_000);
  try {
    for (;;) {
      if (exited) throw new Error(`code-server exited during start-up; last log lines:\n${tail(logFile)}`);
      if (Date.now() > deadline) throw new Error(`code-server did not answer on ${origin} in time; last log lines:\n${tail(logFile)}`);
      try {
        const res = await fetch(`${origin}/healthz`);
        if (res.ok) break;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 250));
    }
  } catch (err) {
    await stop();
    throw err;
  }

  return {
    port,
    origin,
    logFile,
    remoteUri: (absolutePath) => `vscode-remote://127.0.0.1:${port}${absolutePath}`,
    stop,
  };
}
