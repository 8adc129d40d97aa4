import assert from 'node:assert/strict';
import { test } from 'node:test';
import { naturalCompare } from '../../../src/core/io/naturalSort';

test('natural order compares digit runs as numbers (equal numbers: fewer leading zeros first)', () => {
  const names = ['slice10.png', 'slice2.png', 'slice1.png', 'slice02.png', 'slice100.png', 'a.png', 'slice9.png'];
  assert.deepEqual([...names].sort(naturalCompare), ['a.png', 'slice1.png', 'slice2.png', 'slice02.png', 'slice9.png', 'slice10.png', 'slice100.png']);
});

test('numbers longer than 2^53 still compare by value', () => {
  assert.ok(naturalCompare('x90071992547409930', 'x90071992547409931') < 0);
  assert.ok(naturalCompare('x123456789012345678901', 'x99') > 0);
});
