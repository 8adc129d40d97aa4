// package.json is static JSON that VS Code reads before any code runs, so it cannot import the format
// table; this test keeps its custom-editor selectors and the Explorer's "Compare Masks" file test
// equal to what the table says, and prints what to write when they differ.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { EDITOR_VIEW_TYPES, editorSelectors, FORMAT_TABLE, maskFileRegexSource } from '../../../src/core/formats/formatTable';

const ROOT = resolve(__dirname, '../../../..');

interface Manifest {
  readonly contributes: {
    readonly customEditors: readonly { viewType: string; selector: readonly { filenamePattern: string }[]; priority: string }[];
    readonly menus: Readonly<Record<string, readonly { command: string; when?: string }[]>>;
  };
  readonly activationEvents: readonly string[];
}

const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Manifest;

for (const editor of ['default', 'option'] as const) {
  test(`package.json's ${EDITOR_VIEW_TYPES[editor]} selectors are the format table's '${editor}' rows`, () => {
    const entry = manifest.contributes.customEditors.find((e) => e.viewType === EDITOR_VIEW_TYPES[editor]);
    assert.ok(entry, `package.json has no custom editor ${EDITOR_VIEW_TYPES[editor]}`);
    assert.equal(entry.priority, editor);
    const patterns = entry.selector.map((s) => s.filenamePattern);
    assert.deepEqual(patterns, editorSelectors(editor), `set the selector to ${JSON.stringify(editorSelectors(editor).map((p) => ({ filenamePattern: p })))}`);
    assert.ok(manifest.activationEvents.includes(`onCustomEditor:${EDITOR_VIEW_TYPES[editor]}`));
  });
}

test("the Explorer's Compare Masks entry matches every extension in the table", () => {
  const entry = manifest.contributes.menus['explorer/context']!.find((m) => m.command === 'maskInspector.compare');
  const want = `listMultiSelection && resourceFilename =~ /${maskFileRegexSource()}/i`;
  assert.equal(entry?.when, want, `set its "when" to ${JSON.stringify(want)}`);
  // The regex VS Code will evaluate accepts each listed extension and nothing else.
  const regex = new RegExp(maskFileRegexSource(), 'i');
  for (const ext of FORMAT_TABLE.flatMap((f) => f.extensions)) assert.ok(regex.test(`case1${ext.toUpperCase()}`), ext);
  assert.ok(!regex.test('case1.raw') && !regex.test('notes.txt'));
});

test('every viewer-scoped command and menu names both editors of the table', () => {
  const both = `activeCustomEditorId == ${EDITOR_VIEW_TYPES.default} || activeCustomEditorId == ${EDITOR_VIEW_TYPES.option}`;
  const scoped = Object.values(manifest.contributes.menus).flat().filter((m) => m.when?.includes('activeCustomEditorId'));
  assert.ok(scoped.length >= 5);
  for (const m of scoped) assert.equal(m.when, both, m.command);
});
