// `mask-inspector phantom OUT_DIR`: the deterministic demo / benchmark pair.
import { InputError } from '../core/errors';
import { writePhantom } from '../core/phantom/writePhantom';
import type { Vec3 } from '../core/volume';
import { integerFlag, parse, type Values } from './args';
import { UsageError } from './usage';

function shapeFlag(text: Values[string]): Vec3 {
  if (typeof text !== 'string') return [160, 160, 80];
  const parts = text.split(',').map((p) => Number(p.trim()));
  if (parts.length !== 3 || parts.some((n) => !Number.isInteger(n) || n < 4 || n > 4096)) {
    throw new UsageError(`--shape needs three whole numbers from 4 to 4096 like 512,512,300, not "${text}".`);
  }
  return [parts[0], parts[1], parts[2]];
}

/** A folder that cannot be created or written is the person's to fix: one line, exit 2. */
function writeProblem(e: unknown, outDir: string): unknown {
  const code = typeof e === 'object' && e !== null && 'code' in e ? String(e.code) : '';
  const reasons: Record<string, string> = {
    EEXIST: 'a file of that name is in the way',
    ENOTDIR: 'part of the path is a file, not a folder',
    EACCES: 'permission denied',
    EPERM: 'permission denied',
    EROFS: 'read-only file system',
    ENOSPC: 'no space left on the device',
  };
  return code in reasons ? new InputError(`Cannot write the phantom into ${outDir}: ${reasons[code]}.`) : e;
}

export async function phantomCommand(args: readonly string[]): Promise<string> {
  const { values, positionals } = parse(
    args,
    {
      shape: { type: 'string' },
      labels: { type: 'string' },
      binary: { type: 'boolean' },
      seed: { type: 'string' },
      lps: { type: 'boolean' },
      'no-image': { type: 'boolean' },
    },
    ['OUT_DIR'],
  );
  const labels = integerFlag(values, 'labels', 1) ?? 6;
  if (labels > 255) throw new UsageError(`--labels must be at most 255 (the masks are uint8), not ${labels}.`);
  const outDir = positionals[0];
  const files = await writePhantom(outDir, {
    shape: shapeFlag(values.shape),
    labels,
    binary: values.binary === true,
    seed: integerFlag(values, 'seed', 0) ?? 1,
    orientation: values.lps ? 'LPS' : 'RAS',
    image: values['no-image'] !== true,
  }).catch((e: unknown) => {
    throw writeProblem(e, outDir);
  });
  return files.map((f) => `wrote ${f}`).join('\n') + '\n';
}
