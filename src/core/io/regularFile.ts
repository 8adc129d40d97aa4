// Every file the readers open (masks, images, label files, other side files) goes through here, so
// that only regular files are read: a FIFO or a device would block or never end, a directory or a
// socket cannot be read at all, and a symbolic-link loop fails deep inside node with ELOOP. Links are
// followed by hand with a bounded number of hops, so the sentence can say which kind of thing a path
// is. The file is then opened non-blocking (opening a FIFO that appeared after the check must not
// wait for a writer) and checked again on the open handle, so a swap between check and open is caught.
import { constants, type Stats } from 'node:fs';
import { lstat, open, readlink, type FileHandle } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { InputError } from '../errors';

/** As Linux's MAXSYMLINKS: more links than this in a row is a loop, or as good as one. */
export const MAX_LINK_HOPS = 40;

/** What a path names once links are followed. */
export type PathKind = 'file' | 'directory' | 'fifo' | 'socket' | 'character device' | 'block device' | 'other';

function kindOf(s: Stats): PathKind {
  if (s.isFile()) return 'file';
  if (s.isDirectory()) return 'directory';
  if (s.isFIFO()) return 'fifo';
  if (s.isSocket()) return 'socket';
  if (s.isCharacterDevice()) return 'character device';
  if (s.isBlockDevice()) return 'block device';
  return 'other';
}

/** The path (or the target of its link) is not there: callers that look for optional files skip it. */
export class MissingFileError extends InputError {}

const errorCode = (e: unknown): string => (typeof e === 'object' && e !== null && 'code' in e ? String(e.code) : '');

/** The sentence for a path that exists but is not a regular file; `role` says what it was wanted as. */
export function notAFileSentence(path: string, kind: Exclude<PathKind, 'file'>, role = 'a file'): string {
  const what: Record<Exclude<PathKind, 'file'>, string> = {
    directory: 'a directory',
    fifo: 'a named pipe (FIFO)',
    socket: 'a socket',
    'character device': 'a character device',
    'block device': 'a block device',
    other: 'not a regular file',
  };
  return `${path} is ${what[kind]}, not a regular file; ${role} is expected there.`;
}

/** Turns the errors of stat/open into one sentence for the ones a person can fix; others pass through. */
export function fileProblem(path: string, e: unknown): unknown {
  switch (errorCode(e)) {
    case 'ENOENT':
    case 'ENOTDIR':
      return new MissingFileError(`${path} does not exist.`);
    case 'EACCES':
    case 'EPERM':
      return new InputError(`${path} cannot be read (permission denied).`);
    case 'ELOOP':
      return new InputError(`${path} is a symbolic link loop (more than ${MAX_LINK_HOPS} links in a row).`);
    case 'EISDIR':
      return new InputError(notAFileSentence(path, 'directory'));
    case 'ENXIO':
      return new InputError(`${path} is a socket or a device without a reader, not a regular file.`);
    case 'ENAMETOOLONG':
      return new InputError(`${path} is a path longer than the system allows.`);
    default:
      return e;
  }
}

/**
 * Follows symbolic links one hop at a time (at most MAX_LINK_HOPS) and says what the path names:
 * a link to itself, a loop and a dangling link each get their own sentence.
 */
export async function pathKind(path: string): Promise<{ kind: PathKind; size: number }> {
  let current = path;
  for (let hop = 0; hop <= MAX_LINK_HOPS; hop++) {
    let s: Stats;
    try {
      s = await lstat(current);
    } catch (e) {
      if (hop > 0 && (errorCode(e) === 'ENOENT' || errorCode(e) === 'ENOTDIR')) {
        throw new MissingFileError(`${path} is a symbolic link to ${current}, which does not exist.`);
      }
      throw fileProblem(path, e);
    }
    if (!s.isSymbolicLink()) return { kind: kindOf(s), size: s.size };
    let target: string;
    try {
      target = await readlink(current);
    } catch (e) {
      throw fileProblem(path, e);
    }
    const next = resolve(dirname(current), target);
    if (next === resolve(current)) throw new InputError(`${path} is a symbolic link to itself.`);
    current = next;
  }
  throw new InputError(`${path} is a symbolic link loop (more than ${MAX_LINK_HOPS} links in a row).`);
}

export interface RegularFile {
  readonly handle: FileHandle;
  readonly size: number;
}

/**
 * Opens `path` for reading if, after following links, it is a regular file; else one sentence naming
 * what it is. `maxBytes` refuses larger files (side files such as label files). The caller closes
 * the handle.
 */
export async function openRegularFile(path: string, opts: { readonly role?: string; readonly maxBytes?: number } = {}): Promise<RegularFile> {
  const { kind } = await pathKind(path);
  if (kind !== 'file') throw new InputError(notAFileSentence(path, kind, opts.role));
  let handle: FileHandle;
  try {
    handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    throw fileProblem(path, e);
  }
  try {
    const s = await handle.stat();
    const now = kindOf(s);
    if (now !== 'file') throw new InputError(notAFileSentence(path, now, opts.role));
    if (opts.maxBytes !== undefined && s.size > opts.maxBytes) {
      throw new InputError(`${path} is ${s.size} bytes, more than the ${opts.maxBytes} bytes allowed for ${opts.role ?? 'this file'}.`);
    }
    return { handle, size: s.size };
  } catch (e) {
    await handle.close();
    throw e;
  }
}

/** The whole content of a regular file (see openRegularFile), read to the size it had when opened. */
export async function readRegularFile(path: string, opts: { readonly role?: string; readonly maxBytes?: number } = {}): Promise<Uint8Array> {
  const { handle, size } = await openRegularFile(path, opts);
  try {
    const bytes = new Uint8Array(size);
    let filled = 0;
    while (filled < size) {
      const { bytesRead } = await handle.read(bytes, filled, size - filled, filled);
      if (bytesRead === 0) throw new InputError(`${path} became shorter while it was being read (${filled} of ${size} bytes).`);
      filled += bytesRead;
    }
    return bytes;
  } finally {
    await handle.close();
  }
}

/** Label files, dataset.json and other side files larger than this are refused (real ones are kilobytes). */
export const MAX_SIDE_FILE_BYTES = 16 << 20;
