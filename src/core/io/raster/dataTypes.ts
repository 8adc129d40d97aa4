// Element type names of NRRD ("type:") and MetaImage ("ElementType") mapped to the datatypes we
// read, so each reader's message can name a type it refuses.
import type { SupportedDataType } from '../niftiDataTypes';

const t = (type: SupportedDataType['type'], bytes: SupportedDataType['bytes']): SupportedDataType => ({ type, bytes });

/** Every spelling the NRRD spec lists for each type. */
export const NRRD_TYPES: ReadonlyMap<string, SupportedDataType> = new Map([
  ...['signed char', 'int8', 'int8_t'].map((n) => [n, t('int8', 1)] as const),
  ...['uchar', 'unsigned char', 'uint8', 'uint8_t'].map((n) => [n, t('uint8', 1)] as const),
  ...['short', 'short int', 'signed short', 'signed short int', 'int16', 'int16_t'].map((n) => [n, t('int16', 2)] as const),
  ...['ushort', 'unsigned short', 'unsigned short int', 'uint16', 'uint16_t'].map((n) => [n, t('uint16', 2)] as const),
  ...['int', 'signed int', 'int32', 'int32_t'].map((n) => [n, t('int32', 4)] as const),
  ...['uint', 'unsigned int', 'uint32', 'uint32_t'].map((n) => [n, t('uint32', 4)] as const),
  ...['longlong', 'long long', 'long long int', 'signed long long', 'signed long long int', 'int64', 'int64_t'].map((n) => [n, t('int64', 8)] as const),
  ...['ulonglong', 'unsigned long long', 'unsigned long long int', 'uint64', 'uint64_t'].map((n) => [n, t('uint64', 8)] as const),
  ['float', t('float32', 4)],
  ['double', t('float64', 8)],
]);

/** MetaIO's element types (MET_LONG is 4 bytes in MetaIO, MET_LONG_LONG 8). */
export const META_TYPES: ReadonlyMap<string, SupportedDataType> = new Map([
  ['MET_CHAR', t('int8', 1)],
  ['MET_UCHAR', t('uint8', 1)],
  ['MET_SHORT', t('int16', 2)],
  ['MET_USHORT', t('uint16', 2)],
  ['MET_INT', t('int32', 4)],
  ['MET_UINT', t('uint32', 4)],
  ['MET_LONG', t('int32', 4)],
  ['MET_ULONG', t('uint32', 4)],
  ['MET_LONG_LONG', t('int64', 8)],
  ['MET_ULONG_LONG', t('uint64', 8)],
  ['MET_FLOAT', t('float32', 4)],
  ['MET_DOUBLE', t('float64', 8)],
]);
