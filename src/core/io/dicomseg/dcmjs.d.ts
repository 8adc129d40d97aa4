// The part of dcmjs (which ships no type declarations) that the DICOM SEG reader uses: read a Part 10
// file, turn its tag-keyed dictionary into keyword-keyed ("naturalized") values, and convert
// DICOM CIELab colours. Values stay `unknown` here; dataset.ts checks every one it reads.
declare module 'dcmjs' {
  interface DicomDict {
    readonly meta: Record<string, unknown>;
    readonly dict: Record<string, unknown>;
  }
  export const data: {
    readonly DicomMessage: {
      readFile(buffer: ArrayBuffer, options?: { ignoreErrors?: boolean; untilTag?: string }): DicomDict;
    };
    readonly DicomMetaDictionary: {
      naturalizeDataset(dict: Record<string, unknown>): Record<string, unknown>;
    };
    readonly Colors: {
      /** 16-bit DICOM CIELab (PS3.3 C.10.7.1.1) to 8-bit sRGB, rounded and clamped. */
      dicomlab2RGB8(dicomlab: readonly number[]): number[];
    };
  };
  interface Logger {
    setLevel(level: 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'silent'): void;
  }
  /** loglevel: the root logger and its named children ("validation.dcmjs", ...). */
  export const log: Logger & { getLoggers(): Record<string, Logger> };
}
