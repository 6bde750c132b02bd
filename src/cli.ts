/** The `feedwright` command: picks the verb, runs it, turns what it throws into an exit code. */

import { isMainThread } from 'node:worker_threads';
import { exitWhenWritten } from './cli/exit.ts';
import { commandHelp, OVERVIEW } from './cli/help.ts';
import { type Flags, parseFlags, UsageError } from './cli/options.ts';
import { missingPeer } from './cli/peers.ts';
import { errorMessage } from './core/guards.ts';
import { VERSION } from './core/version.ts';

type Command = (flags: Flags) => Promise<number>;

/**
 * Each command's module is loaded only when it runs: `build` never loads the HTTP server, `init`
 * and `--version` load next to nothing, so start-up costs little beyond Node's own.
 */
const COMMANDS: Readonly<Record<string, () => Promise<Command>>> = {
  serve: async () => (await import('./cli/serve.ts')).serveCommand,
  build: async () => (await import('./cli/build.ts')).buildCommand,
  check: async () => (await import('./cli/check.ts')).checkCommand,
  init: async () => (await import('./cli/init.ts')).initCommand,
  'build-worker': async () => (await import('./cli/build-worker.ts')).buildWorkerCommand,
};

async function main([command, ...args]: readonly string[]): Promise<number> {
  if (command === '--version' || command === '-v') return print(VERSION);
  if (command === undefined || command === '--help' || command === '-h') return print(OVERVIEW);
  if (command === 'help') {
    const topic = args[0];
    return print(topic === undefined ? OVERVIEW : (commandHelp(topic) ?? unknown(topic)));
  }
  const load = COMMANDS[command];
  if (!load) return unknown(command);
  const { flags, words } = parseFlags(args);
  if (flags.help) return print(commandHelp(command) ?? OVERVIEW);
  if (flags.version) return print(VERSION);
  if (words.length > 0) throw new UsageError(`unexpected "${words.join(' ')}"`);
  return (await load().catch((error: unknown) => missingPeer(command, error)))(flags);
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
    (code) => exitWhenWritten(code),
    (error: unknown) => {
      if (error instanceof UsageError) {
        const help = command === undefined ? undefined : commandHelp(command);
        console.error(`feedwright: ${error.message}\n\n${help ?? OVERVIEW}`);
        return exitWhenWritten(2);
      }
      console.error(`feedwright: ${errorMessage(error)}`);
      exitWhenWritten(1);
    },
  );
}
