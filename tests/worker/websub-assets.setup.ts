// Global setup (Node) of the workerd-hub project: builds the fixture's Worker assets with the CLI.
import { execFileSync } from 'node:child_process';

export default function setup() {
  const root = new URL('../../', import.meta.url).pathname;
  const fixture = `${root}tests/fixtures/worker-websub/`;
  execFileSync(
    process.execPath,
    [
      `${root}bin/feedwright.mjs`,
      'build-worker',
      '--content',
      `${fixture}content`,
      '--config',
      `${fixture}feedwright.config.json`,
      '--wrangler',
      `${fixture}wrangler.toml`,
      '--out',
      `${root}dist/worker-websub-assets`,
    ],
    { stdio: 'ignore' },
  );
}
