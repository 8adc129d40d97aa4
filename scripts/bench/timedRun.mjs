// One measured child process for the benchmarks: /usr/bin/time writes "%e %M %U %S" (wall seconds,
// peak RSS KiB, user and system CPU seconds) to its own file, so the child's output is left alone;
// and the median of runs.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const TIME = '/usr/bin/time';

export function measure(argv) {
  const out = join(tmpdir(), `mask-inspector-bench-${process.pid}.time`);
  const r = spawnSync(TIME, ['-f', '%e %M %U %S', '-o', out, ...argv], { stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`${argv.join(' ')} failed (exit ${r.status}): ${String(r.stderr).slice(0, 500)}`);
  const [wall, rssKiB, user, system] = readFileSync(out, 'utf8').trim().split('\n').pop().split(/\s+/).map(Number);
  rmSync(out, { force: true });
  // CPU seconds: what the machine's other load inflates least.
  return { wall, rssMiB: rssKiB / 1024, cpu: user + system };
}

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
