// Real feedwright processes for tests: `serve` started and stopped, other commands run to the end.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
export const root = new URL('../..', import.meta.url).pathname;
export const bin = join(root, 'bin/feedwright.mjs');

export interface Finished {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `feedwright ...args` in `cwd` to its end. */
export function feedwright(args: readonly string[], cwd: string, timeout = 60_000): Promise<Finished> {
  return run(process.execPath, [bin, ...args], { cwd, timeout, maxBuffer: 16 * 2 ** 20 }).then(
    (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({
      code: e.code,
      stdout: e.stdout,
      stderr: e.stderr,
    }),
  );
}

export interface Served {
  readonly base: string;
  readonly process: ChildProcess;
  /** Everything printed so far. */
  output(): string;
  /** Resolves when the printed output matches `pattern`. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpExecArray>;
  /** SIGTERM, then the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Starts `feedwright serve --port 0 ...args` in `cwd` and waits until it listens. */
export async function serve(args: readonly string[], cwd: string): Promise<Served> {
  const child = spawn(process.execPath, [bin, 'serve', '--port', '0', ...args], { cwd });
  let output = '';
  const listeners = new Set<() => void>();
  const append = (chunk: Buffer) => {
    output += chunk.toString();
    for (const listener of listeners) listener();
  };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const waitFor = (pattern: RegExp, timeoutMs = 30_000) =>
    new Promise<RegExpExecArray>((resolve, reject) => {
      const check = () => {
        const match = pattern.exec(output);
        if (!match) return;
        listeners.delete(check);
        clearTimeout(timer);
        resolve(match);
      };
      const timer = setTimeout(() => {
        listeners.delete(check);
        reject(new Error(`no ${pattern} in ${timeoutMs} ms; output:\n${output}`));
      }, timeoutMs);
      listeners.add(check);
      void exited.then(() => {
        if (listeners.has(check)) {
          listeners.delete(check);
          clearTimeout(timer);
          reject(new Error(`serve exited before ${pattern}; output:\n${output}`));
        }
      });
      check();
    });
  const listening = await waitFor(/on (http:\/\/127\.0\.0\.1:\d+\/)/);
  return {
    base: listening[1] ?? '',
    process: child,
    output: () => output,
    waitFor,
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}
