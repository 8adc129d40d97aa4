// Writes the format table's file patterns into package.json (custom-editor selectors and the
// Explorer's "Compare Masks" file test), which VS Code reads as static JSON before any code runs.
// Run after adding a row to src/core/formats/formatTable.ts; test/unit/formats/packageFormats.test.ts
// fails until package.json agrees with the table.
import { build } from 'esbuild';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const dir = mkdtempSync(join(tmpdir(), 'format-table-'));
try {
  const outfile = join(dir, 'formatTable.cjs');
  await build({ entryPoints: [join(root, 'src/core/formats/formatTable.ts')], bundle: true, format: 'cjs', platform: 'node', outfile, logLevel: 'error' });
  const table = createRequire(import.meta.url)(outfile);
  const pkgPath = join(root, 'package.json');
  const pkg = JSON.parse(readFileSync(pkgPath, 'utf8'));
  for (const editor of pkg.contributes.customEditors) {
    for (const kind of ['default', 'option']) {
      if (editor.viewType === table.EDITOR_VIEW_TYPES[kind]) editor.selector = table.editorSelectors(kind).map((p) => ({ filenamePattern: p }));
    }
  }
  for (const item of pkg.contributes.menus['explorer/context']) {
    if (item.command === 'maskInspector.compare') item.when = `listMultiSelection && resourceFilename =~ /${table.maskFileRegexSource()}/i`;
  }
  writeFileSync(pkgPath, JSON.stringify(pkg, null, 2) + '\n');
} finally {
  rmSync(dir, { recursive: true, force: true });
}
