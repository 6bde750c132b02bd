/** Listening on a port, or one line saying why not: the first thing `serve` does, before any work. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import { errorMessage, isRecord } from '../core/guards.ts';
import type { Lane } from './ready-answers.ts';

export type NodeServer = Server;

const REASONS: Readonly<Record<string, string>> = {
  EADDRINUSE: 'the port is in use (another server, or feedwright already running?)',
  EADDRNOTAVAIL: 'that address is not one of this machine’s',
  ENOTFOUND: 'no such host name',
  EAI_AGAIN: 'the host name cannot be looked up now',
  EAI_FAIL: 'no such host name',
  EACCES: 'permission denied (ports below 1024 need privileges)',
};

/** A failure to listen, said in one line that names the address and the reason. */
export class ListenError extends Error {
  override readonly name = 'ListenError';
}

/** Why listening on `host:port` failed, in one line. */
export function listenError(error: unknown, host: string, port: number): ListenError {
  const code = isRecord(error) && typeof error.code === 'string' ? error.code : '';
  return new ListenError(`cannot listen on ${host}:${port}: ${REASONS[code] ?? errorMessage(error)}`);
}

/**
 * Serves `fetch` on `host:port`, resolving once listening, or rejecting with a ListenError. A
 * request the `lane` answers (see ready-answers.ts) never reaches `fetch`.
 */
export function listen(
  fetch: (request: Request) => Response | Promise<Response>,
  port: number,
  host: string,
  lane?: Lane,
): Promise<NodeServer> {
  return new Promise((resolve, reject) => {
    const listener = getRequestListener(fetch, { hostname: host });
    const server = createServer(
      lane
        ? (request, response) => {
            if (!lane(request, response)) void listener(request, response);
          }
        : listener,
    );
    server.listen(port, host);
    const failed = (error: unknown) => {
      server.close();
      reject(listenError(error, host, port));
    };
    server.once('error', failed);
    server.once('listening', () => {
      server.off('error', failed);
      resolve(server);
    });
  });
}

/** The port a server listens on (the one the system chose, for port 0). */
export function listeningPort(server: NodeServer): number | undefined {
  const address: AddressInfo | string | null = server.address();
  return typeof address === 'object' && address ? address.port : undefined;
}
