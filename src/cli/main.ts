// Entry point of the `mask-inspector` command. Exit status: 0 success; 2 for input a person can fix
// (InputError) or bad usage, printed as one line with no stack; 1 for anything else, which is a bug
// and keeps its stack trace.
import { isInputError } from '../core/errors';
import { batchCommand } from './batchCommand';
import { compareCommand } from './compareCommand';
import { phantomCommand } from './phantomCommand';
import { HELP, UsageError } from './usage';

async function run(argv: readonly string[]): Promise<void> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(HELP + '\n');
    return;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(HELP + '\n');
    return;
  }
  switch (command) {
    case 'compare':
      await writeChunks(await compareCommand(rest));
      return;
    case 'batch': {
      const outcome = await batchCommand(rest);
      process.stdout.write(outcome.stdout);
      if (outcome.problem !== undefined) fail(outcome.problem);
      return;
    }
    case 'phantom':
      process.stdout.write(await phantomCommand(rest));
      return;
    default:
      throw new UsageError(`Unknown command "${command}"; expected compare, batch or phantom (see mask-inspector --help).`);
  }
}

/** Chunks to stdout, waiting whenever stdout's buffer is full, so a large output is never held whole. */
async function writeChunks(chunks: Iterable<string>): Promise<void> {
  for (const chunk of chunks) {
    if (!process.stdout.write(chunk)) await new Promise((resolve) => process.stdout.once('drain', resolve));
  }
}

/** One line on stderr and exit status 2; process.exitCode (not exit()) lets stdout drain first. */
function fail(message: string): void {
  process.stderr.write(`mask-inspector: ${message.replace(/\s*\n\s*/g, ' ')}\n`);
  process.exitCode = 2;
}

run(process.argv.slice(2)).catch((e: unknown) => {
  if (e instanceof UsageError || isInputError(e)) {
    fail(e.message);
    return;
  }
  process.stderr.write(`mask-inspector: internal error\n${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exitCode = 1;
});
