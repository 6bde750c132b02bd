/** The `feedwright` command: picks the verb, runs it, turns what it throws into an exit code. */

import { isMainThread } from 'node:worker_threads';
import { buildCommand } from './cli/build.ts';
import { buildWorkerCommand } from './cli/build-worker.ts';
import { checkCommand } from './cli/check.ts';
import { commandHelp, OVERVIEW } from './cli/help.ts';
import { initCommand } from './cli/init.ts';
import { type Flags, parseFlags, UsageError } from './cli/options.ts';
import { serveCommand } from './cli/serve.ts';
import { errorMessage } from './core/guards.ts';
import { VERSION } from './core/version.ts';

const COMMANDS: Readonly<Record<string, (flags: Flags) => Promise<number>>> = {
  serve: serveCommand,
  build: buildCommand,
  check: checkCommand,
  init: initCommand,
  'build-worker': buildWorkerCommand,
};

async function main([command, ...args]: readonly string[]): Promise<number> {
  if (command === '--version' || command === '-v') return print(VERSION);
  if (command === undefined || command === '--help' || command === '-h') return print(OVERVIEW);
  if (command === 'help') {
    const topic = args[0];
    return print(topic === undefined ? OVERVIEW : (commandHelp(topic) ?? unknown(topic)));
  }
  const run = COMMANDS[command];
  if (!run) unknown(command);
  const { flags, words } = parseFlags(args);
  if (flags.help) return print(commandHelp(command) ?? OVERVIEW);
  if (flags.version) return print(VERSION);
  if (words.length > 0) throw new UsageError(`unexpected "${words.join(' ')}"`);
  return (run as (flags: Flags) => Promise<number>)(flags);
}

function print(text: string): number {
  console.log(text);
  return 0;
}

function unknown(command: string): never {
  throw new UsageError(`unknown command "${command}"`);
}

const [command] = process.argv.slice(2);
// The same bundle starts render threads (node/render-pool.ts): they render, they do not run commands.
if (isMainThread) void run();

function run() {
  return main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      if (error instanceof UsageError) {
        const help = command === undefined ? undefined : commandHelp(command);
        console.error(`feedwright: ${error.message}\n\n${help ?? OVERVIEW}`);
        process.exit(2);
      }
      console.error(`feedwright: ${errorMessage(error)}`);
      process.exit(1);
    },
  );
}
