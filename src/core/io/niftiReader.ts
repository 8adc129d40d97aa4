// The NIfTI row's reader: .nii and .nii.gz from a path (streamed) or from bytes. Gzip is recognised
// by magic bytes, so a mislabelled .nii/.nii.gz still reads.
import { InputError } from '../errors';
import type { FormatReader } from './formatReader';
import { fileByteSource, isGzip, memoryByteSource, readFilePrefix } from './byteSource';
import { createNiftiSource, MAX_HEADER_PREFIX, niftiHeaderBytes } from './niftiSource';

export const niftiReader: FormatReader = {
  companions: () => [],
  async openFile(path, opts) {
    const { prefix, size } = await readFilePrefix(path, MAX_HEADER_PREFIX);
    if (size === 0) throw new InputError(`${path} is empty (0 bytes).`);
    const gzip = isGzip(prefix);
    const header = niftiHeaderBytes(path, gzip, size, (n) => prefix.subarray(0, n));
    return createNiftiSource(fileByteSource(path, size, gzip), header, opts);
  },
  openBytes(name, bytes, opts) {
    const gzip = isGzip(bytes);
    const header = niftiHeaderBytes(name, gzip, bytes.length, (n) => bytes.subarray(0, n));
    return createNiftiSource(memoryByteSource(name, bytes, gzip), header, opts);
  },
};
