/**
 * Requests that failed with an error — anything but "not found" — are said in the log as they
 * happen and counted on /health, with the last one: a broken asset or a render that throws must be
 * seen, not pass for a missing page.
 */
import { isRecord } from '../core/guards.ts';

export interface LastFailure {
  readonly at: string;
  readonly request: string;
  readonly error: string;
}

export class ServingFailures {
  #count = 0;
  #last: LastFailure | undefined;

  /** Logs the failure of `request` ("GET /path") and remembers it. */
  record(request: string, error: Error, now = Date.now()): void {
    console.error(`[feedwright] ${request}: ${error.stack ?? error.message}`);
    this.#count++;
    this.#last = { at: new Date(now).toISOString(), request, error: error.message };
  }

  /** `health` as it is when nothing failed; otherwise with `failures`: how many, and the last. */
  health(health: unknown): unknown {
    if (!this.#last) return health;
    const failures = { count: this.#count, last: this.#last };
    return isRecord(health) ? { ...health, failures } : { health, failures };
  }
}
