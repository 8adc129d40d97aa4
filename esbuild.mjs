// One build for every entry point: the CLI, the extension host, the metrics/volume worker,
// the webview script, and the test bundles. Node entries are CommonJS (VS Code's extension host
// and `node --test` load them directly); the webview is an IIFE for the browser.
import * as esbuild from 'esbuild';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

/** Every *.test.ts (or other suffix) below a folder, so new test files need no registration. */
function testFiles(dir, suffix = '.test.ts') {
  const out = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...testFiles(p, suffix));
    else if (name.endsWith(suffix)) out.push(p);
  }
  return out;
}

const nodeCommon = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  minify: production,
  logLevel: 'warning',
};

/**
 * Browser builds get the browser's inflater (core/io/inflate/host.web.ts) in place of node:zlib's.
 * The file-system modules the readers' path entry points use (opening a path on disk) are there but
 * never called in a browser, where files arrive as bytes: they resolve to a module that throws if
 * called. Any other Node module reached from a browser entry fails the build.
 */
const FILE_SYSTEM_ONLY = new Set(['node:fs', 'node:fs/promises', 'node:path']);
const browserHost = {
  name: 'browser-host',
  setup(build) {
    build.onResolve({ filter: /\/inflate\/host$/ }, (args) => ({ path: join(args.resolveDir, `${args.path}.web.ts`) }));
    build.onResolve({ filter: /^node:/ }, (args) =>
      FILE_SYSTEM_ONLY.has(args.path)
        ? { path: args.path, namespace: 'file-system-only' }
        : { errors: [{ text: `${args.path} (imported by ${args.importer}) does not exist in a browser host` }] },
    );
    build.onLoad({ filter: /.*/, namespace: 'file-system-only' }, (args) => ({
      loader: 'js',
      contents: `const unavailable = () => { throw new Error(${JSON.stringify(`${args.path} is not available in a browser host (files arrive as bytes there)`)}); };
module.exports = new Proxy({}, { get: (_, key) => (key === '__esModule' ? false : unavailable) });`,
    }));
  },
};

const browserCommon = {
  bundle: true,
  platform: 'browser',
  target: 'chrome120',
  format: 'iife',
  sourcemap: true,
  minify: production,
  logLevel: 'warning',
  plugins: [browserHost],
};

const builds = [
  {
    ...nodeCommon,
    entryPoints: { cli: 'src/cli/main.ts', worker: 'src/worker/main.ts', compareWorker: 'src/worker/compareMain.ts', surfaceWorker: 'src/worker/surfaceMain.ts' },
    outdir: 'dist',
    banner: { js: '#!/usr/bin/env node' },
  },
  {
    ...nodeCommon,
    entryPoints: { extension: 'src/extension/extension.ts' },
    outdir: 'dist',
    external: ['vscode'],
  },
  {
    ...browserCommon,
    entryPoints: { webview: 'src/webview/main.ts', compare: 'src/webview/compare/main.ts' },
    outdir: 'dist',
  },
  // The readers as a browser host runs them (real Chromium reads every format through this bundle).
  {
    ...browserCommon,
    entryPoints: testFiles('test', '.browser.ts').map((f) => ({ in: f, out: f.replace(/\.ts$/, '') })),
    outdir: 'out',
  },
  {
    ...nodeCommon,
    entryPoints: testFiles('test').map((f) => ({ in: f, out: f.replace(/\.ts$/, '') })),
    outdir: 'out',
    external: ['vscode', 'playwright-core', '@vscode/test-electron'],
  },
  {
    ...nodeCommon,
    entryPoints: { 'test/integration/suite/index': 'test/integration/suite/index.ts' },
    outdir: 'out',
    external: ['vscode', 'mocha'],
  },
  // In-VS Code tests: one bundle per *.itest.ts next to the suite's index.js, which finds and runs
  // them with mocha. mocha stays external so index.js and the tests share one mocha instance.
  {
    ...nodeCommon,
    entryPoints: testFiles('test/integration/suite', '.itest.ts').map((f) => ({ in: f, out: f.replace(/\.ts$/, '') })),
    outdir: 'out',
    external: ['vscode', 'mocha'],
  },
];

const isFile = (e) => { try { return statSync(e).isFile(); } catch { return false; } };
// Skip entries whose source does not exist yet (per entry, so dist/worker.js builds before src/cli does).
const existing = builds
  .map((b) => ({
    ...b,
    entryPoints: Array.isArray(b.entryPoints)
      ? b.entryPoints.filter((e) => isFile(e.in))
      : Object.fromEntries(Object.entries(b.entryPoints).filter(([, e]) => isFile(e))),
  }))
  .filter((b) => (Array.isArray(b.entryPoints) ? b.entryPoints.length : Object.keys(b.entryPoints).length) > 0);

if (watch) {
  for (const b of existing) (await esbuild.context(b)).watch();
} else {
  await Promise.all(existing.map((b) => esbuild.build(b)));
}
