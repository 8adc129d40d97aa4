// NIfTI datatype codes: the ones we read, and names for the ones we refuse so the message can say
// which datatype a file uses.
import type { DataType } from '../volume';

export interface SupportedDataType {
  readonly type: DataType;
  readonly bytes: 1 | 2 | 4 | 8;
}

const SUPPORTED: ReadonlyMap<number, SupportedDataType> = new Map([
  [2, { type: 'uint8', bytes: 1 }],
  [256, { type: 'int8', bytes: 1 }],
  [4, { type: 'int16', bytes: 2 }],
  [512, { type: 'uint16', bytes: 2 }],
  [8, { type: 'int32', bytes: 4 }],
  [768, { type: 'uint32', bytes: 4 }],
  [1024, { type: 'int64', bytes: 8 }],
  [1280, { type: 'uint64', bytes: 8 }],
  [16, { type: 'float32', bytes: 4 }],
  [64, { type: 'float64', bytes: 8 }],
]);

const REFUSED_NAMES: ReadonlyMap<number, string> = new Map([
  [1, 'binary (1 bit per voxel)'],
  [32, 'complex64'],
  [128, 'RGB24'],
  [1536, 'float128'],
  [1792, 'complex128'],
  [2048, 'complex256'],
  [2304, 'RGBA32'],
]);

/** The datatype for a code, or a phrase naming why it is refused. */
export function niftiDataType(code: number): SupportedDataType | { readonly refused: string } {
  const supported = SUPPORTED.get(code);
  if (supported) return supported;
  const name = REFUSED_NAMES.get(code);
  return { refused: name ? `datatype ${name} (code ${code}), which is not supported for masks` : `unknown datatype code ${code}` };
}
