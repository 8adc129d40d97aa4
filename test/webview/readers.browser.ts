// The readers bundled for a browser (esbuild.mjs: the browser's inflater, no Node modules), exposed
// to a test page: Chromium reads fixtures of every format from bytes, as a browser host would.
import { openVolumeFromBytes } from '../../src/core/io/open';
import { digestOf, type ReadOutcome } from './volumeDigest';

export interface BrowserReaders {
  /** `bytes` and the companions' bytes as base64 (what page.evaluate can carry cheaply). */
  read(name: string, bytes: string, companions: Readonly<Record<string, string>>): Promise<ReadOutcome>;
}

function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

const readers: BrowserReaders = {
  read: (name, bytes, companions) =>
    digestOf(() => openVolumeFromBytes(name, fromBase64(bytes), {}, new Map(Object.entries(companions).map(([n, b]) => [n, fromBase64(b)])))),
};

(globalThis as { maskReaders?: BrowserReaders }).maskReaders = readers;
