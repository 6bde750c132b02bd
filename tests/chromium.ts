/** Debian's chromium, headless, as the browser tests run it (`.ci/run` installs it). */
import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The chromium binary, or '' where it is not installed (the browser tests are then skipped). */
export const chromium = spawnSync('sh', ['-c', 'command -v chromium'], { encoding: 'utf8' }).stdout.trim();

export function chromiumArgs(profile: string): string[] {
  return [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    `--user-data-dir=${profile}`,
  ];
}

/** The DOM Chromium builds from a URL, as it navigates there itself. */
export async function dumpDom(profile: string, url: string): Promise<string> {
  const { stdout } = await run(chromium, [...chromiumArgs(profile), '--dump-dom', url], { timeout: 60_000 });
  return stdout;
}
