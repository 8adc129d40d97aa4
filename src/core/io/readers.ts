// Each format table row's reader, by the row's id. The mapped type makes a row without a reader
// (or a reader without a row) a compile error, so adding a format is one row and one reader.
import type { FormatId } from '../formats/formatTable';
import { dicomSegReader } from './dicomSegReader';
import type { FormatReader } from './formatReader';
import { metaReader } from './metaimage/metaReader';
import { niftiReader } from './niftiReader';
import { nrrdReader } from './nrrd/nrrdReader';
import { pngReader } from './pngReader';

export const READERS: { readonly [Id in FormatId]: FormatReader } = {
  nifti: niftiReader,
  nrrd: nrrdReader,
  metaimage: metaReader,
  png: pngReader,
  dicomSeg: dicomSegReader,
};
