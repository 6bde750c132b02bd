/**
 * hono and @hono/node-server are peer dependencies: the site's own copies are the ones used (npm
 * installs them when the site has none). Only `serve` loads them; a package manager that leaves
 * peers out leaves `build`, `check`, `init` and `build-worker` working, and `serve` says what to do.
 */
import { isRecord } from '../core/guards.ts';

const PEERS = ['hono', '@hono/node-server'];

/** Rethrows the failure to load a command's module, said as the install it needs when a peer is missing. */
export function missingPeer(command: string, error: unknown): never {
  const missing =
    isRecord(error) && error.code === 'ERR_MODULE_NOT_FOUND'
      ? /Cannot find package '((?:@[^/']+\/)?[^/']+)/.exec(String(error.message))?.[1]
      : undefined;
  if (missing !== undefined && PEERS.includes(missing)) {
    throw new Error(
      `${command} needs ${missing}, which is not installed: npm install ${PEERS.join(' ')} (build, check and build-worker do not)`,
    );
  }
  throw error;
}
