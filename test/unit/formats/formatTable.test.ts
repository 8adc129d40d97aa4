// The format table's lookups: the longest extension wins, magic bytes find a format whatever the
// name, and a case name drops exactly the format's extension.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { caseName, dialogFilters, formatOfMagic, formatOfName, isMaskFileName } from '../../../src/core/formats/formatTable';

test('a file name finds its row by its ending, case-insensitively', () => {
  assert.equal(formatOfName('CASE1.NII.GZ')?.format.id, 'nifti');
  assert.equal(formatOfName('CASE1.NII.GZ')?.extension, '.nii.gz');
  assert.equal(formatOfName('slice.png')?.format.id, 'png');
  assert.equal(formatOfName('case1.gz'), undefined);
  assert.equal(isMaskFileName('notes.txt'), false);
});

test('a case name drops the whole format extension and nothing else', () => {
  assert.equal(caseName('case01_seg.nii.gz'), 'case01_seg');
  assert.equal(caseName('a.b.nii'), 'a.b');
  assert.equal(caseName('readme.txt'), 'readme.txt');
});

test('magic bytes name the format of a file without a known extension', () => {
  assert.equal(formatOfMagic(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0])), formatOfName('x.png')?.format);
  assert.equal(formatOfMagic(Uint8Array.from([0x89, 0x50])), undefined);
  assert.equal(formatOfMagic(new TextEncoder().encode('hello world')), undefined);
});

test("file dialogs filter on each extension's last part", () => {
  const [label, extensions] = Object.entries(dialogFilters('Masks'))[0]!;
  assert.match(label, /^Masks \(NIfTI, .*PNG, DICOM SEG\)$/);
  assert.ok(extensions.includes('gz') && extensions.includes('nii') && extensions.includes('png') && extensions.includes('dcm'));
});
