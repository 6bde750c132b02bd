// Global setup of every test run: no process a test starts may outlive the run. Each process started
// under this run inherits a mark in its environment; at the end, a marked process that is no longer
// under vitest (an orphan, adopted by init once its parent went) is named, killed, and fails the run.
// Linux only (it reads /proc); elsewhere nothing is checked.
import { existsSync, readdirSync, readFileSync } from 'node:fs';

const MARK = 'FEEDWRIGHT_TEST_RUN';

interface Running {
  readonly pid: number;
  readonly parent: number;
  readonly command: string;
  readonly marked: boolean;
}

export function setup() {
  // The pid of vitest's main process tells this run from any other on the machine.
  process.env[MARK] = String(process.pid);
}

export function teardown() {
  if (!existsSync('/proc/self/environ')) return;
  const running = processes(`${MARK}=${process.pid}`);
  const parents = new Map(running.map((p) => [p.pid, p.parent]));
  const underVitest = (pid: number) => {
    for (let at = pid; at > 1; at = parents.get(at) ?? 0) if (at === process.pid) return true;
    return false;
  };
  const left = running.filter((p) => p.marked && !underVitest(p.pid));
  for (const p of left) {
    try {
      process.kill(p.pid, 'SIGKILL');
    } catch {}
  }
  if (left.length > 0) {
    // vitest reports an error thrown here but still exits 0: the exit code is set here.
    process.exitCode = 1;
    throw new Error(
      `tests left ${left.length} process(es) running (now killed):\n${left.map((p) => `  ${p.pid} ${p.command}`).join('\n')}`,
    );
  }
}

/** Every process this user can read, with whether its environment holds `mark`. */
function processes(mark: string): Running[] {
  const found: Running[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // The parent pid is the 2nd field after the command name, which is in parentheses.
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const environ = readFileSync(`/proc/${name}/environ`, 'utf8').split('\0');
      const command = readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0').join(' ').trim();
      found.push({ pid: Number(name), parent, command, marked: environ.includes(mark) });
    } catch {
      // Gone since the listing, or not ours to read.
    }
  }
  return found;
}
