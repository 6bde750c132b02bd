/** The `feedwright` command: picks the verb, runs it, turns what it throws into an exit code. */
import { buildCommand } from './cli/build.ts';
import { buildWorkerCommand } from './cli/build-worker.ts';
import { checkCommand } from './cli/check.ts';
import { type Flags, parseFlags, USAGE, UsageError } from './cli/options.ts';
import { serveCommand } from './cli/serve.ts';
import { errorMessage } from './core/guards.ts';

const COMMANDS: Readonly<Record<string, (flags: Flags) => Promise<number>>> = {
  serve: serveCommand,
  build: buildCommand,
  check: checkCommand,
  'build-worker': buildWorkerCommand,
};

async function main([command, ...args]: readonly string[]): Promise<number> {
  const run = command === undefined ? undefined : COMMANDS[command];
  if (!run) throw new UsageError(command ? `unknown command "${command}"` : 'no command');
  return run(parseFlags(args));
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError) {
      console.error(`feedwright: ${error.message}\n${USAGE}`);
      process.exit(2);
    }
    console.error(`feedwright: ${errorMessage(error)}`);
    process.exit(1);
  },
);
