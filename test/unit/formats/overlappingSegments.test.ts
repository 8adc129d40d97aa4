// Segmentations whose segments overlap, through the built CLI as a person runs it: without --volume
// every segment is its own label, counted in full in its own layer, and compared segment by segment
// (matched by name when the files number or layer them differently, and the result says so). The
// expected counts are numpy's on the binary masks (scripts/fixtures/make_format_fixtures.py and
// make_dicomseg_fixtures.py).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import type { ComparisonResult } from '../../../src/core/metrics/types';

const ROOT = resolve(__dirname, '../../../..');
const CLI = join(ROOT, 'dist', 'cli.js');
const at = (name: string): string => join(ROOT, 'test', 'fixtures', 'formats', name);
const seg = (name: string): string => join(ROOT, 'test', 'fixtures', 'dicomseg', name);

interface SegmentCounts { tp: number; fp: number; fn: number; dice: number | null; slice_tp: number[] }
interface Expectation { segments: Record<string, SegmentCounts>; foreground: { tp: number; fp: number; fn: number; dice: number | null } }
const expected = JSON.parse(readFileSync(at('expected.json'), 'utf8')) as Record<'slicer_two_layers_pred' | 'slicer_flattened', Expectation>;
const expectedSeg = JSON.parse(readFileSync(seg('expected.json'), 'utf8')) as { seg: Record<string, { counts: Record<string, number>; overlap: number; segments: { number: number; label: string }[] }> };

type NamedResult = Omit<ComparisonResult, 'labels'> & { labels: (ComparisonResult['labels'][number] & { name: string | null })[] };

function cli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function compareJson(ref: string, pred: string, ...flags: string[]): NamedResult {
  const r = cli('compare', ref, pred, '--json', ...flags);
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout) as NamedResult;
}

function assertPerSegment(result: NamedResult, want: Expectation): void {
  assert.deepEqual(result.labels.map((l) => l.name).sort(), Object.keys(want.segments).sort());
  for (const l of result.labels) {
    const w = want.segments[l.name!]!;
    assert.deepEqual([l.tp, l.fp, l.fn], [w.tp, w.fp, w.fn], l.name!);
    assert.ok(Math.abs(l.dice! - w.dice!) < 1e-12, `${l.name}: ${l.dice} vs numpy's ${w.dice}`);
    // The file is LPS-stored with k along S: the axial slices are k = 0, 1, …
    assert.deepEqual(l.slices.map((s) => s.tp), w.slice_tp, `${l.name} per slice`);
  }
  const f = result.foreground;
  assert.deepEqual([f.tp, f.fp, f.fn], [want.foreground.tp, want.foreground.fp, want.foreground.fn], 'foreground = any segment');
}

test('two .seg.nrrd in layers, listed, numbered and layered differently: compared segment by segment, matched by name', () => {
  const result = compareJson(at('slicer_two_layers.seg.nrrd'), at('slicer_two_layers_pred.seg.nrrd'));
  assertPerSegment(result, expected.slicer_two_layers_pred);
  assert.deepEqual(result.labels.map((l) => [l.label, l.name]), [[1, 'organ'], [2, 'tumour'], [3, 'edema']]);
  assert.equal(result.reference.segmentLayers, 2);
  assert.equal(result.reference.volume, undefined, 'every layer was compared, not one volume');
  assert.match(result.warnings.join('\n'), /matched by name \(edema 1 → 3, organ 3 → 1\)/);
  assert.match(result.warnings.join('\n'), /slicer_two_layers\.seg\.nrrd: its 3 segments overlap, so the file stores them in 2 layers; each segment is its own label/);
  assert.match(result.conventions.overlappingSegments ?? '', /segment by segment/);
});

test('the prediction stored with i and j reversed (same world grid): reoriented layer by layer, the same counts', () => {
  const result = compareJson(at('slicer_two_layers.seg.nrrd'), at('slicer_two_layers_pred_flipped.seg.nrrd'));
  assert.equal(result.geometry.alignment, 'reoriented');
  assertPerSegment(result, expected.slicer_two_layers_pred);
});

test('a layered .seg.nrrd against a flattened one (later segments painted over earlier): the organ loses what the others cover', () => {
  const result = compareJson(at('slicer_two_layers.seg.nrrd'), at('slicer_flattened.seg.nrrd'));
  assertPerSegment(result, expected.slicer_flattened);
  assert.ok(result.labels.find((l) => l.name === 'organ')!.dice! < 0.8, 'the flattened organ really differs');
  // The other way round gives the same counts with FP and FN swapped.
  const back = compareJson(at('slicer_flattened.seg.nrrd'), at('slicer_two_layers.seg.nrrd'));
  const organ = back.labels.find((l) => l.name === 'organ')!;
  assert.deepEqual([organ.tp, organ.fp, organ.fn], [expected.slicer_flattened.segments.organ!.tp, expected.slicer_flattened.segments.organ!.fn, 0]);
});

test('--volume N still compares one layer as it is stored (existing behaviour)', () => {
  const result = compareJson(at('slicer_two_layers.seg.nrrd'), at('slicer_two_layers.seg.nrrd'), '--volume', '0');
  assert.deepEqual(result.labels.map((l) => [l.label, l.name]), [[1, 'organ']]);
  assert.deepEqual(result.reference.volume, { index: 0, of: 2 });
  assert.equal(result.conventions.overlappingSegments, undefined);
});

test('a DICOM SEG with overlapping segments: each segment in full, the foreground counts a shared voxel once', () => {
  const e = expectedSeg.seg['overlap.dcm']!;
  const result = compareJson(seg('overlap.dcm'), seg('overlap.dcm'));
  assert.deepEqual(result.labels.map((l) => [l.label, l.name, l.tp, l.fp, l.fn]), e.segments.map((s) => [s.number, s.label, e.counts[String(s.number)], 0, 0]));
  const union = Object.values(e.counts).reduce((a, b) => a + b, 0) - e.overlap;
  assert.deepEqual([result.foreground.tp, result.foreground.refVoxels], [union, union]);
});

test('--surface on overlapping segments: one sentence, exit 2 (surface distances need one label mask per file)', () => {
  const r = cli('compare', at('slicer_two_layers.seg.nrrd'), at('slicer_flattened.seg.nrrd'), '--surface');
  assert.equal(r.status, 2, r.stderr);
  assert.match(r.stderr, /overlap; choose one layer with --volume N/);
  assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
});

test('batch: a case in layers is compared segment by segment too', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mi-layers-'));
  mkdirSync(join(dir, 'ref'));
  mkdirSync(join(dir, 'pred'));
  copyFileSync(at('slicer_two_layers.seg.nrrd'), join(dir, 'ref', 'case1.seg.nrrd'));
  copyFileSync(at('slicer_two_layers_pred.seg.nrrd'), join(dir, 'pred', 'case1.seg.nrrd'));
  const r = cli('batch', join(dir, 'ref'), join(dir, 'pred'), '--json');
  assert.equal(r.status, 0, r.stderr);
  const summary = JSON.parse(r.stdout) as { cases: { name: string; foreground: { dice: number } }[] };
  assert.ok(Math.abs(summary.cases[0]!.foreground.dice - expected.slicer_two_layers_pred.foreground.dice!) < 1e-12, JSON.stringify(summary.cases[0]));
});
