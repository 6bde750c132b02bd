/**
 * How a command ends: once what it printed has left the process. `process.exit()` at once drops what
 * a pipe has not taken yet (Node writes to a pipe without blocking and queues the rest): `build` on
 * vitess.io, read through a pipe as CI logs and scripts read it, lost all but the first 600 of its
 * 3,864 lines, among them the warnings that name the feeds that left items out.
 */

/** Ends the process with `code` when stdout and stderr have written everything queued on them. */
export function exitWhenWritten(code: number): void {
  process.exitCode = code;
  let open = 2;
  const written = () => {
    open -= 1;
    if (open === 0) process.exit(code);
  };
  // A write's callback runs after every write queued before it (or with the error that ended the
  // stream): an empty one marks the end of what was printed.
  process.stdout.write('', written);
  process.stderr.write('', written);
}
