// The label-map presets against entries read from their cited sources (not from our own output):
// TotalSegmentator's map_to_binary.py (release v2.18.0), the Decathlon's dataset.json files, the
// KiTS repositories, the AMOS 2022 dataset.json and the BTCV abdomen label list.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LABEL_PRESETS, labelPreset } from '../../../src/core/labels/presets';

function names(id: string): Readonly<Record<number, string>> {
  const preset = labelPreset(id);
  assert.ok(preset, `preset ${id}`);
  return preset.names;
}

test('every preset has a unique id, a cited source and names for non-zero values only', () => {
  const ids = LABEL_PRESETS.map((p) => p.id);
  assert.equal(new Set(ids).size, ids.length);
  for (const p of LABEL_PRESETS) {
    assert.ok(p.source.length > 20, `${p.id} cites its source`);
    const values = Object.keys(p.names).map(Number);
    assert.ok(values.length > 0);
    assert.ok(values.every((v) => Number.isInteger(v) && v > 0), `${p.id}: values are labels, not the background`);
  }
});

test('TotalSegmentator v2 ("total"): 117 classes; 1 spleen, 5 liver, 26 vertebrae_S1, 51 heart, 92 rib_left_1, 117 costal_cartilages', () => {
  const v2 = names('totalsegmentator-v2');
  assert.equal(Object.keys(v2).length, 117);
  assert.equal(v2[1], 'spleen');
  assert.equal(v2[2], 'kidney_right');
  assert.equal(v2[5], 'liver');
  assert.equal(v2[26], 'vertebrae_S1');
  assert.equal(v2[51], 'heart');
  assert.equal(v2[92], 'rib_left_1');
  assert.equal(v2[117], 'costal_cartilages');
});

test('TotalSegmentator v1: 104 classes; 1 spleen, 5 liver, 104 urinary_bladder', () => {
  const v1 = names('totalsegmentator-v1');
  assert.equal(Object.keys(v1).length, 104);
  assert.equal(v1[1], 'spleen');
  assert.equal(v1[5], 'liver');
  assert.equal(v1[104], 'urinary_bladder');
});

test('the ten Decathlon tasks, e.g. Task01 1 edema / 3 enhancing tumour, Task03 2 cancer, Task05 PZ / TZ', () => {
  const tasks = LABEL_PRESETS.filter((p) => p.id.startsWith('msd-'));
  assert.deepEqual(tasks.map((p) => p.id), Array.from({ length: 10 }, (_, n) => `msd-task${String(n + 1).padStart(2, '0')}`));
  assert.deepEqual(names('msd-task01'), { 1: 'edema', 2: 'non-enhancing tumor', 3: 'enhancing tumour' });
  assert.deepEqual(names('msd-task03'), { 1: 'liver', 2: 'cancer' });
  assert.deepEqual(names('msd-task05'), { 1: 'PZ', 2: 'TZ' });
  assert.deepEqual(names('msd-task09'), { 1: 'spleen' });
});

test('BraTS 2021 uses 1, 2, 4; BraTS 2023 moved the enhancing tumor to 3', () => {
  assert.deepEqual(Object.keys(names('brats-2021')).map(Number), [1, 2, 4]);
  assert.match(names('brats-2021')[4]!, /enhancing tumor/);
  assert.deepEqual(Object.keys(names('brats-2023')).map(Number), [1, 2, 3]);
  assert.match(names('brats-2023')[3]!, /enhancing tumor/);
});

test('KiTS19 kidney/tumor; KiTS21/23 add the cyst as 3', () => {
  assert.deepEqual(names('kits19'), { 1: 'kidney', 2: 'tumor' });
  assert.deepEqual(names('kits21'), { 1: 'kidney', 2: 'tumor', 3: 'cyst' });
});

test('AMOS 2022: 15 organs as its dataset.json spells them; BTCV: 13 organs', () => {
  const amos = names('amos22');
  assert.equal(Object.keys(amos).length, 15);
  assert.equal(amos[1], 'spleen');
  assert.equal(amos[8], 'arota');
  assert.equal(amos[15], 'prostate/uterus');
  const btcv = names('btcv-abdomen');
  assert.equal(Object.keys(btcv).length, 13);
  assert.equal(btcv[6], 'liver');
  assert.equal(btcv[10], 'portal vein and splenic vein');
  assert.equal(btcv[13], 'left adrenal gland');
});
