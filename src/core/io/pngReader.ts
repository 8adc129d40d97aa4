// The PNG row's reader. The PNG decoders are loaded on first use: fast-png brings fflate, which
// builds its inflate tables and loads worker_threads when evaluated (the tables alone took ~5 ms
// here), a cost that a CLI run on other formats should not pay. In the CommonJS bundles esbuild
// turns this require() of a bundled module into a lazy module initialiser, so dist/cli.js and the
// workers stay single self-contained files; require() rather than import() because openBytes is
// synchronous.
import { InputError } from '../errors';
import type { FormatReader } from './formatReader';
import type * as PngReaders from './pngOpen';
import { readRegularFile } from './regularFile';

function pngReaders(): typeof PngReaders {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the lazy load described above
  return require('./pngOpen') as typeof PngReaders;
}

export const pngReader: FormatReader = {
  companions: () => [],
  async openFile(path, opts) {
    const bytes = await readRegularFile(path, { role: 'a mask or image file' });
    if (bytes.length === 0) throw new InputError(`${path} is empty (0 bytes).`);
    return pngReaders().openPngFromBytes(path, bytes, opts);
  },
  openBytes: (name, bytes, opts) => pngReaders().openPngFromBytes(name, bytes, opts),
  openFolder: (path, opts) => pngReaders().openPngSeriesFolder(path, opts),
};
