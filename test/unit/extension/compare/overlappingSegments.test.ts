// The editor's workers on segmentations whose segments overlap: the viewer's legend lists every
// segment with its own voxel count (numpy's), the composite drawn shows the smaller segment where
// segments overlap, and the comparison (read by path and as bytes) gives numpy's per-segment counts
// in every compute, matched by name, with surface distances refused in one sentence.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { CompareWorker, type NamedFile } from '../../../../src/extension/compare/compareWorker';
import { ViewerSession } from '../../../../src/worker/session';

const root = join(__dirname, '..', '..', '..', '..', '..');
const script = join(root, 'dist', 'compareWorker.js');
const dir = join(root, 'test', 'fixtures', 'formats');
interface SegmentCounts { tp: number; fp: number; fn: number; slice_tp: number[] }
const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as {
  slicer_two_layers: { layers: Record<string, number>[] };
  slicer_two_layers_pred: { segments: Record<string, SegmentCounts>; foreground: { tp: number; fp: number; fn: number } };
};

const bytes = (name: string): Uint8Array => new Uint8Array(readFileSync(join(dir, name)));
const byPath = (name: string): NamedFile => ({ name, path: join(dir, name) });
const byBytes = (name: string): NamedFile => ({ name, bytes: bytes(name) });

test('viewer: every segment of a two-layer .seg.nrrd is in the legend with its own count; the smaller segment is drawn where they overlap', async () => {
  const session = new ViewerSession();
  const b = bytes('slicer_two_layers.seg.nrrd');
  const reply = await session.handle({ type: 'load', requestId: 1, role: 'mask', file: { name: 'slicer_two_layers.seg.nrrd', bytes: b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer }, maxBytes: 2 ** 30 });
  assert.equal(reply?.message.type, 'maskLoaded');
  if (reply?.message.type !== 'maskLoaded') return;
  const { info } = reply.message;
  const [organ, second] = expected.slicer_two_layers.layers;
  assert.deepEqual(info.labels.map((l) => [l.value, l.name, l.voxelCount]), [[1, 'organ', organ!['1']], [2, 'tumour', second!['1']], [3, 'edema', second!['2']]]);
  assert.equal(info.segmentLayers, 2);
  assert.equal(info.volumes, 1, 'not "volume 1 of 2": every layer is shown');
  // Tumour (layer 1) lies inside the organ (layer 0): voxels of both show the tumour.
  let shownTumour = 0;
  let shownOrgan = 0;
  for (let k = 0; k < info.shape[2]; k++) {
    const s = await session.handle({ type: 'slice', requestId: 2 + k, plane: 'axial', index: k });
    if (s?.message.type !== 'slice') continue;
    assert.equal(s.message.mask.arrayType, 'uint8');
    for (const v of new Uint8Array(s.message.mask.buffer)) {
      if (v === 2) shownTumour++;
      if (v === 1) shownOrgan++;
    }
  }
  assert.equal(shownTumour, second!['1'], 'the whole tumour is drawn');
  assert.ok(shownOrgan < organ!['1']!, 'the organ is drawn where nothing smaller covers it');
});

test('viewer: the prediction keeps its organ in the later layer, and its tumour is still drawn over it (smaller on top)', async () => {
  const session = new ViewerSession();
  const b = bytes('slicer_two_layers_pred.seg.nrrd');
  const reply = await session.handle({ type: 'load', requestId: 1, role: 'mask', file: { name: 'slicer_two_layers_pred.seg.nrrd', bytes: b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer }, maxBytes: 2 ** 30 });
  if (reply?.message.type !== 'maskLoaded') throw new Error(`not loaded: ${JSON.stringify(reply?.message)}`);
  const tumour = reply.message.info.labels.find((l) => l.name === 'tumour')!;
  const want = expected.slicer_two_layers_pred.segments.tumour!;
  assert.equal(tumour.voxelCount, want.tp + want.fp);
  let shown = 0;
  for (let k = 0; k < reply.message.info.shape[2]; k++) {
    const s = await session.handle({ type: 'slice', requestId: 2 + k, plane: 'axial', index: k });
    if (s?.message.type === 'slice') for (const v of new Uint8Array(s.message.mask.buffer)) if (v === tumour.value) shown++;
  }
  assert.equal(shown, want.tp + want.fp, 'every tumour voxel is drawn, though the organ is in the later layer');
});

for (const [how, file, predName] of [['by path', byPath, 'slicer_two_layers_pred.seg.nrrd'], ['as bytes', byBytes, 'slicer_two_layers_pred.seg.nrrd'], ['by path, stored reoriented', byPath, 'slicer_two_layers_pred_flipped.seg.nrrd']] as const) {
  test(`comparison read ${how}: numpy's per-segment counts in every compute, matched by name; no surface distances`, async () => {
    const worker = new CompareWorker(script);
    try {
      const { volumes } = await worker.open(file('slicer_two_layers.seg.nrrd'), file(predName), 2 ** 30, { metrics: { plane: 'axial', threshold: 0.8, minErrorMm2: 10 } });
      assert.equal(volumes.reference.segmentLayers, 2);
      const want = expected.slicer_two_layers_pred;
      // The prediction's legend is in the reference's numbering (matched by name), each segment's own count.
      assert.deepEqual(volumes.prediction.labels.map((l) => [l.value, l.voxelCount]), [['organ', 1], ['tumour', 2], ['edema', 3]].map(([name, label]) => [label, want.segments[name!]!.tp + want.segments[name!]!.fp]));
      for (const plane of ['axial', 'coronal'] as const) {
        const result = await worker.compute(plane, { threshold: 0.8, minErrorMm2: 10 });
        assert.deepEqual(result.labels.map((l) => [l.label, l.tp, l.fp, l.fn]), [['organ', 1], ['tumour', 2], ['edema', 3]].map(([name, label]) => [label, want.segments[name!]!.tp, want.segments[name!]!.fp, want.segments[name!]!.fn]), plane);
        assert.deepEqual([result.foreground.tp, result.foreground.fp, result.foreground.fn], [want.foreground.tp, want.foreground.fp, want.foreground.fn]);
        if (plane === 'axial') assert.deepEqual(result.labels[0]!.slices.map((s) => s.tp), want.segments.organ!.slice_tp);
        assert.match(result.warnings.join(' '), /matched by name \(edema 1 → 3, organ 3 → 1\)/);
      }
      await assert.rejects(worker.surface(1, false), /segments that overlap/);
    } finally {
      worker.dispose();
    }
  });
}
