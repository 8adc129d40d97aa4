// Shared by the io and geometry tests: where the fixtures live and the shape of expected.json,
// which scripts/fixtures/make_fixtures.py wrote from what nibabel, numpy and Pillow read back.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { VolumeSource } from '../../../src/core/io/api';
import type { VoxelArray } from '../../../src/core/volume';

/** Tests are bundled to out/test/unit/<dir>/*.test.js; the fixtures stay in the source tree. */
export const FIXTURES = resolve(__dirname, '../../../../test/fixtures/io');

export interface ExpectedVoxel {
  readonly ijk: [number, number, number];
  readonly value: number;
}

export interface ExpectedNifti {
  readonly format: 'nifti1' | 'nifti2';
  readonly shape: number[];
  readonly dtype: string;
  readonly affine: number[][];
  readonly affine_method1?: number[][];
  readonly axcodes: string;
  readonly axcodes_method1?: string;
  readonly zooms: number[];
  readonly sform_code: number;
  readonly qform_code: number;
  readonly slope_inter: [number, number];
  readonly volumes: { sum: number; scaled_dtype: string; voxels: ExpectedVoxel[] }[];
}

export interface ExpectedPng {
  readonly shape: [number, number, number];
  readonly sum: number;
  readonly voxels: ExpectedVoxel[];
  readonly labels: number[];
  readonly colours?: Record<string, [number, number, number, number]>;
}

export interface Expected {
  readonly nifti: Record<string, ExpectedNifti>;
  readonly png: Record<string, ExpectedPng>;
  readonly bad: Record<string, { mention: string }>;
  readonly alignment: {
    readonly reference: string;
    readonly same_grid: string[];
    readonly canonical_shape: number[];
    readonly canonical_sum_by_k: number[];
    readonly canonical_voxels: ExpectedVoxel[];
    readonly mismatch: Record<string, 'origin' | 'spacing' | 'shape' | 'direction'>;
  };
}

export const expected = JSON.parse(readFileSync(resolve(FIXTURES, 'expected.json'), 'utf8')) as Expected;

export function fixture(name: string): string {
  return resolve(FIXTURES, name);
}

export function sumOf(data: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < data.length; i++) s += data[i]!;
  return s;
}

export function valueAt(data: VoxelArray, shape: readonly number[], ijk: readonly number[]): number {
  return data[ijk[0]! + shape[0]! * (ijk[1]! + shape[1]! * ijk[2]!)]!;
}

/** Concatenates every slab, checking they arrive in order and cover whole slices. */
export async function collectSlabs(source: VolumeSource): Promise<{ values: number[]; slabCount: number }> {
  const [ni, nj, nk] = source.header.geometry.shape;
  const values: number[] = [];
  let nextK = 0;
  let slabCount = 0;
  for await (const slab of source.slabs()) {
    if (slab.kStart !== nextK) throw new Error(`slab starts at ${slab.kStart}, expected ${nextK}`);
    if (slab.data.length !== slab.kCount * ni * nj) throw new Error('slab length is not kCount whole slices');
    values.push(...slab.data);
    nextK += slab.kCount;
    slabCount++;
  }
  if (nextK !== nk) throw new Error(`slabs covered ${nextK} of ${nk} slices`);
  return { values, slabCount };
}
