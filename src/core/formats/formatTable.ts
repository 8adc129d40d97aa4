// The one list of file formats Mask Inspector reads. Everything that needs to know which files are
// masks reads this table: opening (extension, then magic bytes), batch pairing and the label-file
// lookup (a file's case name is its name without a format's extension, so case1.nii.gz pairs with
// case1.seg.nrrd), the file pickers' filters, export file names, the CLI's usage text, the VolumeHeader
// `format` union, and package.json's custom-editor selectors and menus (a unit test keeps them equal).
//
// This file is data only (no reader code), so the extension host and the protocol can import it
// without pulling readers into their bundles.
//
// HOW TO ADD A FORMAT (one row here, one reader):
//  1. Add a row below: id, name, extensions (lower case, a longer ending before one it ends with,
//     e.g. '.seg.nrrd' before '.nrrd'), magic bytes if the format has any, the editor ('default'
//     opens the file in Mask Inspector on double click; 'option' only through "Open With…"),
//     headerFormats (the VolumeHeader.format values its reader sets), and what metadata it gives.
//  2. Write the reader in src/core/io/<format>/ implementing FormatReader (src/core/io/formatReader.ts)
//     and add it to READERS in src/core/io/readers.ts; the compiler refuses a row without a reader.
//  3. Run `node scripts/sync-package-formats.mjs`: it writes the row's patterns into package.json's
//     custom-editor selectors and the Explorer menu's file regex (editorSelectors()/
//     maskFileRegexSource()); the packageFormats unit test fails until they agree.
//  4. A fixture from an independent writer and a test in test/unit/io.

/** Bytes that start a file of a format, at `offset`, as a latin1 string. */
export interface MagicBytes {
  readonly offset: number;
  readonly bytes: string;
}

export interface FileFormatRow {
  readonly id: string;
  /** The name people know the format by, for messages and file-picker filters. */
  readonly name: string;
  /** Name endings, lower case with the dot; the first that matches wins, so list longer ones first. */
  readonly extensions: readonly string[];
  /** Found in the stored (not decompressed) bytes; used when the name has no known extension. */
  readonly magic: readonly MagicBytes[];
  /** 'default': Mask Inspector opens these files; 'option': offered under "Open With…" only. */
  readonly editor: 'default' | 'option';
  /** The VolumeHeader.format values the reader sets. */
  readonly headerFormats: readonly string[];
  /** What the file itself can say beyond voxels. */
  readonly metadata: {
    readonly labelNames: boolean;
    readonly labelColours: boolean;
    /** Overlapping segments stored as layers (each segment becomes its own label). */
    readonly layers: boolean;
  };
  /** A folder of such files opens as one volume (PNG slices). */
  readonly folderOfSlices?: boolean;
  /** Its header may keep the voxels in other files (.nhdr, .mhd): those are watched for changes too. */
  readonly detachedData?: boolean;
  /** A folder holding exactly one such object (among other files of the format) opens that object (DICOM SEG). */
  readonly folderOfOneObject?: boolean;
}

export const FORMAT_TABLE = [
  {
    id: 'nifti',
    name: 'NIfTI',
    extensions: ['.nii.gz', '.nii'],
    magic: [],
    editor: 'default',
    headerFormats: ['nifti1', 'nifti2'],
    metadata: { labelNames: false, labelColours: false, layers: false },
  },
  {
    id: 'nrrd',
    name: 'NRRD',
    extensions: ['.seg.nrrd', '.nrrd', '.nhdr'],
    magic: [{ offset: 0, bytes: 'NRRD000' }],
    editor: 'default',
    headerFormats: ['nrrd'],
    metadata: { labelNames: true, labelColours: true, layers: true },
    detachedData: true,
  },
  {
    id: 'metaimage',
    name: 'MetaImage',
    extensions: ['.mha', '.mhd'],
    magic: [],
    editor: 'default',
    headerFormats: ['metaimage'],
    metadata: { labelNames: false, labelColours: false, layers: false },
    detachedData: true,
  },
  {
    id: 'png',
    name: 'PNG',
    extensions: ['.png'],
    magic: [{ offset: 0, bytes: '\x89PNG\r\n\x1a\n' }],
    editor: 'option',
    headerFormats: ['png', 'png-series'],
    metadata: { labelNames: false, labelColours: true, layers: false },
    folderOfSlices: true,
  },
  {
    // Only Segmentation objects are read; "Open With…" because most .dcm files are images.
    id: 'dicomSeg',
    name: 'DICOM SEG',
    extensions: ['.dcm'],
    magic: [{ offset: 128, bytes: 'DICM' }],
    editor: 'option',
    headerFormats: ['dicom-seg'],
    metadata: { labelNames: true, labelColours: true, layers: true },
    folderOfOneObject: true,
  },
] as const satisfies readonly FileFormatRow[];

export type FileFormat = (typeof FORMAT_TABLE)[number];
export type FormatId = FileFormat['id'];
/** VolumeHeader.format: which reader (and variant) produced a volume. */
export type VolumeFormat = FileFormat['headerFormats'][number];

/** The custom editor each kind of row opens in (package.json contributes both). */
export const EDITOR_VIEW_TYPES = { default: 'maskInspector.viewer', option: 'maskInspector.pngViewer' } as const;

const rows: readonly FileFormatRow[] = FORMAT_TABLE;

/** The row and the matched extension for a file name, by its ending. */
export function formatOfName(fileName: string): { readonly format: FileFormat; readonly extension: string } | undefined {
  const lower = fileName.toLowerCase();
  for (const format of FORMAT_TABLE) {
    const extension = (format.extensions as readonly string[]).find((e) => lower.endsWith(e));
    if (extension !== undefined) return { format, extension };
  }
  return undefined;
}

/** The format whose magic bytes start `prefix` (stored bytes), if any. */
export function formatOfMagic(prefix: Uint8Array): FileFormat | undefined {
  return FORMAT_TABLE.find((f) =>
    (f.magic as readonly MagicBytes[]).some((m) => {
      if (prefix.length < m.offset + m.bytes.length) return false;
      for (let i = 0; i < m.bytes.length; i++) if (prefix[m.offset + i] !== m.bytes.charCodeAt(i)) return false;
      return true;
    }),
  );
}

/** True when the name ends with a mask format's extension. */
export function isMaskFileName(fileName: string): boolean {
  return formatOfName(fileName) !== undefined;
}

/** The case name: `case01.seg.nrrd` -> `case01`; a name without a mask extension is returned as is. */
export function caseName(fileName: string): string {
  const found = formatOfName(fileName);
  return found ? fileName.slice(0, fileName.length - found.extension.length) : fileName;
}

/** ".nii.gz, .nii, .seg.nrrd, …" for messages and usage text. */
export function extensionList(): string {
  return rows.flatMap((f) => f.extensions).join(', ');
}

/** One filter entry for VS Code's file dialogs: the last dotted part of each extension ('gz' for .nii.gz). */
export function dialogFilters(label: string): Record<string, string[]> {
  const parts = new Set(rows.flatMap((f) => f.extensions.map((e) => e.slice(e.lastIndexOf('.') + 1))));
  const names = rows.map((f) => f.name).join(', ');
  return { [`${label} (${names})`]: [...parts] };
}

/** package.json's customEditors selector patterns for one editor kind. */
export function editorSelectors(editor: FileFormatRow['editor']): string[] {
  return rows.filter((f) => f.editor === editor).flatMap((f) => f.extensions.map((e) => `*${e}`));
}

/** The body of package.json's `resourceFilename =~ /…$/i` test for mask files (escaped for JSON by the caller). */
export function maskFileRegexSource(): string {
  const alternatives = rows.flatMap((f) => f.extensions.map((e) => e.slice(1).replace(/\./g, '\\.')));
  return `\\.(${alternatives.join('|')})$`;
}
