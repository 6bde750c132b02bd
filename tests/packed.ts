// feedwright as users get it: `npm pack` of the test run's build (tests/build.setup.ts), made once per
// run and shared by every end-to-end file that installs it — two packs at once would rewrite
// dist/types under each other. The first file to ask packs; the others wait for its tarball. The
// folder is the run's own and is removed when the run ends (build.setup.ts). Projects that install
// it are made in temporary folders with npm, from the registry (or npm's cache).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const root = new URL('..', import.meta.url).pathname;

/** The folder of this test run's tarball (the run is vitest's main process, see leftovers.setup.ts). */
export function packFolder(run = process.env.FEEDWRIGHT_TEST_RUN ?? String(process.pid)): string {
  return join(tmpdir(), `feedwright-pack-${run}`);
}

const PACKING_TIMEOUT_MS = 300_000;

/** The path of the packed tarball, packed now if no other file of this run has. */
export async function packedTarball(): Promise<string> {
  const folder = packFolder();
  const tarball = join(folder, 'feedwright.tgz');
  const failed = join(folder, 'failed');
  mkdirSync(folder, { recursive: true });
  try {
    mkdirSync(join(folder, 'packing'));
  } catch {
    // Another file packs: wait for what it makes.
    for (const started = Date.now(); Date.now() - started < PACKING_TIMEOUT_MS; await sleep(250)) {
      if (existsSync(tarball)) return tarball;
      if (existsSync(failed)) throw new Error(`packing failed: ${readFileSync(failed, 'utf8')}`);
    }
    throw new Error(`no tarball in ${folder} after ${PACKING_TIMEOUT_MS / 1000} s`);
  }
  try {
    // The bundles are the run's one build; the declarations, which only a packed package needs, are
    // added to it. Packing without scripts does not build a second time, as prepack would.
    run(process.execPath, [join(root, 'scripts/build.mjs'), '--types-only'], root);
    const packed = JSON.parse(
      run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', folder], root),
    ) as { filename: string }[];
    renameSync(join(folder, packed[0]?.filename ?? ''), tarball);
    return tarball;
  } catch (error) {
    writeFileSync(failed, String(error));
    throw error;
  }
}

/** Runs a command to its end and returns what it printed; throws with its output if it fails. */
export function run(command: string, args: readonly string[], cwd: string, timeout = 300_000): string {
  try {
    return execFileSync(command, args, {
      cwd,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NO_COLOR: '1', WRANGLER_SEND_METRICS: 'false' },
      timeout,
    });
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    throw new Error(`${command} ${args.join(' ')} failed in ${cwd}:\n${stdout}${stderr}`);
  }
}

/**
 * A project in `dir` with `packages` installed by npm (exact versions, and the tarball), as a user's
 * site installs them.
 */
export function installProject(dir: string, packages: readonly string[], manifest: object = {}): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({ name: 'feedwright-test-site', private: true, type: 'module', ...manifest }, null, 2),
  );
  run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', ...packages], dir);
}
