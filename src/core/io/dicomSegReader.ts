// The DICOM SEG row's reader. The reader and dcmjs (~1.4 MB of JavaScript) are loaded on first use,
// so a run on other formats does not evaluate them (see pngReader.ts for how esbuild keeps this
// lazy inside the single-file bundles).
import type * as DicomSeg from './dicomseg/reader';
import type { FormatReader } from './formatReader';

function dicomSeg(): typeof DicomSeg {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the lazy load described above
  return require('./dicomseg/reader') as typeof DicomSeg;
}

export const dicomSegReader: FormatReader = {
  companions: () => [],
  openFile: (path, opts) => dicomSeg().openDicomSegFile(path, opts),
  openBytes: (name, bytes, opts) => dicomSeg().openDicomSegFromBytes(name, bytes, opts),
  openFolder: (path, opts) => dicomSeg().openDicomSegFolder(path, opts),
  claimsFolder: async (path) => (await dicomSeg().scanDicomFolder(path)).dicomFiles > 0,
};
