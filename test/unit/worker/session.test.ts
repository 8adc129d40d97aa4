import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PLANES, type Plane, type PlaneAxes, type SliceData } from '../../../src/protocol/viewer';
import type { WorkerToHost } from '../../../src/protocol/worker';
import { ViewerSession } from '../../../src/worker/session';
import { isInputError } from '../../../src/core/errors';

const dir = join(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'viewer');

interface Expected {
  shape: number[];
  orientation: string;
  planeAxis: Record<Plane, number>;
  slices: Record<Plane, Record<string, number[]>>;
  labels: [number, number][];
  range: [number, number];
  percentiles: [number, number];
  /** The viewer's automatic window by the fixture script's independent rule (auto_window). */
  autoWindow: [number, number];
}
const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as Record<string, Expected>;

function bytesOf(name: string): ArrayBuffer {
  const b = readFileSync(join(dir, name));
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
}

const GB = 2 ** 30;
let nextId = 1;

async function load(session: ViewerSession, role: 'mask' | 'background', name: string, maxBytes = GB): Promise<WorkerToHost> {
  const reply = await session.handle({ type: 'load', requestId: nextId++, role, file: { name, bytes: bytesOf(name) }, maxBytes });
  assert.ok(reply);
  return reply.message;
}

async function slice(session: ViewerSession, plane: Plane, index: number): Promise<{ mask: SliceData; background?: SliceData }> {
  const reply = await session.handle({ type: 'slice', requestId: nextId++, plane, index });
  assert.ok(reply && reply.message.type === 'slice');
  const transfer = reply.transfer;
  assert.ok(transfer.includes(reply.message.mask.buffer), 'the mask slice buffer is transferred');
  return reply.message;
}

function values(s: SliceData): number[] {
  switch (s.arrayType) {
    case 'uint8': return [...new Uint8Array(s.buffer)];
    case 'int16': return [...new Int16Array(s.buffer)];
    case 'float32': return [...new Float32Array(s.buffer)];
    default: throw new Error(`unexpected ${s.arrayType}`);
  }
}

for (const name of ['mask_ras.nii.gz', 'mask_asl.nii.gz']) {
  test(`${name}: plane axes, labels and every sampled slice match nibabel/numpy`, async () => {
    const e = expected[name]!;
    const session = new ViewerSession();
    const msg = await load(session, 'mask', name);
    assert.equal(msg.type, 'maskLoaded');
    if (msg.type !== 'maskLoaded') return;
    assert.deepEqual([...msg.info.shape], e.shape);
    assert.equal(msg.info.orientation, e.orientation);
    assert.deepEqual(msg.info.labels.map((l) => [l.value, l.voxelCount]), e.labels);
    assert.equal(msg.info.labelsTruncated, false);
    for (const plane of PLANES) {
      const axes: PlaneAxes = msg.info.planes[plane];
      assert.equal(axes.sliceAxis, e.planeAxis[plane], `${plane} slice axis`);
      assert.ok(axes.fastAxis < axes.slowAxis && axes.fastAxis !== axes.sliceAxis && axes.slowAxis !== axes.sliceAxis);
      for (const [index, want] of Object.entries(e.slices[plane])) {
        const { mask, background } = await slice(session, plane, Number(index));
        assert.equal(background, undefined);
        assert.equal(mask.arrayType, 'uint8');
        assert.equal(mask.width * mask.height, want.length);
        assert.equal(mask.width, e.shape[axes.fastAxis]);
        assert.deepEqual(values(mask), want, `${plane} ${index}`);
      }
    }
  });
}

test('a background on the same grid: identical, its slices and the automatic window match numpy', async () => {
  const e = expected['ct_ras.nii.gz']!;
  const session = new ViewerSession();
  await load(session, 'mask', 'mask_ras.nii.gz');
  const msg = await load(session, 'background', 'ct_ras.nii.gz');
  assert.ok(msg.type === 'backgroundLoaded');
  assert.equal(msg.info.alignment, 'identical');
  assert.deepEqual([...msg.info.range], e.range);
  assert.deepEqual([msg.info.autoWindow.low, msg.info.autoWindow.high], e.autoWindow);
  for (const plane of PLANES) {
    for (const [index, want] of Object.entries(e.slices[plane])) {
      const s = await slice(session, plane, Number(index));
      assert.ok(s.background);
      assert.equal(s.background.arrayType, 'int16');
      assert.deepEqual(values(s.background), want, `${plane} ${index}`);
    }
  }
});

test('a background stored LPS on the RAS mask grid is reoriented: slices equal the RAS copy', async () => {
  const e = expected['ct_ras.nii.gz']!;
  const session = new ViewerSession();
  await load(session, 'mask', 'mask_ras.nii.gz');
  const msg = await load(session, 'background', 'ct_lps.nii.gz');
  assert.ok(msg.type === 'backgroundLoaded');
  assert.equal(msg.info.alignment, 'reoriented');
  for (const plane of PLANES) {
    for (const [index, want] of Object.entries(e.slices[plane])) {
      const s = await slice(session, plane, Number(index));
      assert.deepEqual(values(s.background!), want, `${plane} ${index}`);
    }
  }
});

test('a background on another grid is refused with what differs, and the mask stays', async () => {
  const session = new ViewerSession();
  await load(session, 'mask', 'mask_ras.nii.gz');
  await assert.rejects(load(session, 'background', 'ct_spacing.nii.gz'), (e) => {
    assert.ok(isInputError(e));
    assert.match(e.message, /^ct_spacing\.nii\.gz is not on the grid of mask_ras\.nii\.gz: The voxel spacing differs: mask .* background /);
    return true;
  });
  const s = await slice(session, 'axial', 0);
  assert.equal(s.background, undefined);
  assert.deepEqual(values(s.mask), expected['mask_ras.nii.gz']!.slices.axial['0']);
});

test('float background: percentiles within one histogram bin of numpy', async () => {
  const e = expected['mr_float.nii.gz']!;
  const session = new ViewerSession();
  await load(session, 'mask', 'mask_ras.nii.gz');
  const msg = await load(session, 'background', 'mr_float.nii.gz');
  assert.ok(msg.type === 'backgroundLoaded');
  const bin = (e.range[1] - e.range[0]) / 65535;
  assert.ok(Math.abs(msg.info.range[0] - e.range[0]) < 1e-3 && Math.abs(msg.info.range[1] - e.range[1]) < 1e-3);
  assert.ok(Math.abs(msg.info.autoWindow.low - e.autoWindow[0]) <= bin * 1.01, `${msg.info.autoWindow.low} vs ${e.autoWindow[0]}`);
  assert.ok(Math.abs(msg.info.autoWindow.high - e.autoWindow[1]) <= bin * 1.01, `${msg.info.autoWindow.high} vs ${e.autoWindow[1]}`);
});

test('a truncated .nii.gz is an InputError naming the file', async () => {
  await assert.rejects(load(new ViewerSession(), 'mask', 'truncated.nii.gz'), (e) => {
    assert.ok(isInputError(e));
    assert.match(e.message, /truncated\.nii\.gz/);
    return true;
  });
});

test('a volume over the memory limit is refused from its header', async () => {
  // 7×6×5 uint8 = 210 bytes; limit 100 bytes.
  await assert.rejects(load(new ViewerSession(), 'mask', 'mask_ras.nii.gz', 100), (e) => {
    assert.ok(isInputError(e));
    assert.match(e.message, /mask_ras\.nii\.gz .*maskInspector\.maxVolumeMegabytes/);
    return true;
  });
});

test('slice requests outside the volume fail', async () => {
  const session = new ViewerSession();
  await load(session, 'mask', 'mask_ras.nii.gz');
  await assert.rejects(session.handle({ type: 'slice', requestId: 1, plane: 'axial', index: 5 }), RangeError);
});
