// Telling masks from intensity images: by name before reading (the picker's order), and by values
// after decoding (the warning when a CT or MR is picked as a mask). The files are nibabel-written
// fixtures (test/fixtures/viewer: CT-like images, int16 and float32; test/fixtures/metrics: label
// masks, float labels and probability maps), decoded by the real readers and described by the
// comparison worker as the extension receives them.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { openVolumeFromBytes } from '../../../../src/core/io/open';
import { intensityImageReason, intensityImageWarning, maskRank } from '../../../../src/extension/compare/maskCheck';
import { volumeInfo } from '../../../../src/worker/compareInfo';

const fixtures = join(__dirname, '..', '..', '..', '..', '..', 'test', 'fixtures');

async function describe(path: string) {
  const name = path.split('/').pop()!;
  const volume = await openVolumeFromBytes(name, new Uint8Array(readFileSync(join(fixtures, path)))).readAll();
  return volumeInfo(name, volume);
}

test('CT-like images (int16 and float32) are reported as intensity images', async () => {
  for (const path of ['viewer/ct_body.nii.gz', 'viewer/ct_body_float.nii.gz', 'viewer/ct_lung_crop.nii.gz', 'viewer/ct_ras.nii.gz']) {
    const reason = intensityImageReason(await describe(path));
    assert.ok(reason, `${path} should look like an image`);
  }
});

test('label masks, float-stored labels and probability maps are masks', async () => {
  for (const path of ['metrics/multilabel_ref.nii.gz', 'metrics/float_labels_pred.nii.gz', 'metrics/prob_ref.nii.gz', 'metrics/int16_ref.nii.gz', 'metrics/int32_pred.nii.gz', 'surface/labels_ref.nii.gz', 'surface/probability_pred.nii.gz']) {
    assert.equal(intensityImageReason(await describe(path)), undefined, path);
  }
});

test('the warning names the file that looks like an image and points to the background', async () => {
  const warning = intensityImageWarning(await describe('metrics/multilabel_ref.nii.gz'), await describe('viewer/ct_body_float.nii.gz'));
  assert.match(warning ?? '', /ct_body_float\.nii\.gz looks like an intensity image/);
  assert.doesNotMatch(warning ?? '', /multilabel_ref/);
  assert.match(warning ?? '', /Set Background Image/);
  assert.equal(intensityImageWarning(await describe('metrics/multilabel_ref.nii.gz'), await describe('metrics/multilabel_pred.nii.gz')), undefined);
});

test('by name: masks first, images last, PNGs only when named like masks', () => {
  assert.equal(maskRank('case01_seg.nii.gz'), 0);
  assert.equal(maskRank('prediction.nii.gz'), 0);
  assert.equal(maskRank('case01_gt.nii'), 0);
  assert.equal(maskRank('spleen_12.nii.gz'), 1);
  assert.equal(maskRank('image.nii.gz'), 2);
  assert.equal(maskRank('case_00012_0000.nii.gz'), 2);
  assert.equal(maskRank('ct.nii.gz'), 2);
  assert.equal(maskRank('slice_mask.png'), 0);
  assert.equal(maskRank('screenshot.png'), undefined);
  assert.equal(maskRank('labels.json'), undefined);
});
