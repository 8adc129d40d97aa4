// The project's TypeScript modules for the benchmark scripts: esbuild bundles the named exports of
// source files into one ES module under .bench/bundles/ (gitignored), so a benchmark measures, and
// writes its inputs with, the current source rather than a copy of it.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const DIR = join(ROOT, '.bench', 'bundles');

/**
 * Imports `names` from the given source files (paths from the repository root), e.g.
 * bundled('writer', { 'src/core/io/niftiWriter.ts': ['writeNiftiGz'] }).
 */
export async function bundled(name, exportsByFile) {
  mkdirSync(DIR, { recursive: true });
  const entry = join(DIR, `${name}.entry.mjs`);
  const out = join(DIR, `${name}.mjs`);
  const lines = Object.entries(exportsByFile).map(([file, names]) => `export { ${names.join(', ')} } from ${JSON.stringify(join(ROOT, file))};`);
  writeFileSync(entry, lines.join('\n') + '\n');
  await esbuild.build({ entryPoints: [entry], outfile: out, bundle: true, format: 'esm', platform: 'node', logLevel: 'warning' });
  return import(pathToFileURL(out).href);
}
