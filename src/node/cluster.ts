/** `serve --workers N`: N processes serving one port, one core each, like nginx. */
import cluster from 'node:cluster';

/** Forks the worker processes; returns what stops them. */
export function forkWorkers(count: number): () => void {
  for (let i = 0; i < count; i++) cluster.fork();
  return () => {
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM');
  };
}
