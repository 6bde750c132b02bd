/**
 * Randomness a failure can be replayed from. Each test that draws at random takes a seed from here:
 * `SEED=n` in the environment, else a new one per run (so runs keep exploring). The seed is printed
 * before anything is drawn, and a failure's output says how to repeat it.
 */

/** The seed of this run for `what`, printed with the command that repeats it. */
export function testSeed(what: string): number {
  const given = process.env.SEED;
  const seed = given === undefined || given === '' ? Math.floor(Math.random() * 2 ** 31) : Number(given);
  if (!Number.isSafeInteger(seed)) throw new Error(`SEED must be an integer, not ${given}`);
  console.log(`[seed] ${what}: ${seed} (SEED=${seed} repeats it)`);
  return seed;
}

/** A small, fast generator of numbers in [0, 1) from a 32-bit seed (mulberry32). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}
