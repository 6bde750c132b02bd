// Global setup of the projects that run what `npm run build` and wrangler make (e2e, workerd): the one
// build of a test run, done before their first test so no test ever runs a stale dist/. wrangler's
// dry run does it all: its [build] command bundles the CLI and writes dist/worker-assets, then it
// bundles the Worker into dist/worker. Several projects list this file; the build runs once.
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { packFolder } from './packed.ts';

const root = new URL('..', import.meta.url).pathname;
const BUILT = Symbol.for('feedwright.tests.built');
const memo = globalThis as { [BUILT]?: true };

/** When the run ends: the tarball end-to-end files packed from this build (tests/packed.ts) goes too. */
const teardown = () => rmSync(packFolder(), { recursive: true, force: true });

export default function setup() {
  if (memo[BUILT]) return teardown;
  const started = performance.now();
  try {
    execFileSync(
      process.execPath,
      [`${root}node_modules/wrangler/bin/wrangler.js`, 'deploy', '--dry-run', '--outdir', 'dist/worker'],
      { cwd: root, encoding: 'utf8', stdio: 'pipe', env: { ...process.env, WRANGLER_SEND_METRICS: 'false' } },
    );
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    throw new Error(`the build for the tests failed:\n${stdout}${stderr}`);
  }
  memo[BUILT] = true;
  console.log(
    `[build] CLI, Worker assets and Worker bundle in ${Math.round(performance.now() - started)} ms`,
  );
  return teardown;
}
