/**
 * A fast, runtime-neutral (Node and workerd) 106-bit string hash for cache keys and catalog
 * versions. Not cryptographic: ETags of body bytes use SHA-256 (see feeds/rendered-feed.ts).
 */
function cyrb53(text: string, seed: number): string {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36).padStart(11, '0');
}

export function hashText(text: string): string {
  return cyrb53(text, 0x5eed) + cyrb53(text, 0xfeed);
}

/** A 32-bit FNV-1a of a string. */
export function fnv1a(text: string, seed: number): number {
  let h = seed;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** fnv1a(text, 0x811c9dc5) and fnv1a(text, 0x5bd1e995), in one pass. */
function fnv1aPair(text: string): readonly [number, number] {
  let a = 0x811c9dc5;
  let b = 0x5bd1e995;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    a = Math.imul(a ^ unit, 0x01000193);
    b = Math.imul(b ^ unit, 0x01000193);
  }
  return [a >>> 0, b >>> 0];
}

/**
 * An order-sensitive 64-bit digest of a sequence of immutable objects, each described and hashed
 * once (remembered by identity): unchanged objects cost nothing the next time.
 */
export class SequenceDigest<T extends object> {
  readonly #memo = new WeakMap<T, readonly [number, number]>();
  readonly #describe: (item: T) => string;

  constructor(describe: (item: T) => string) {
    this.#describe = describe;
  }

  of(items: Iterable<T>, salt = ''): string {
    let a = fnv1a(salt, 0x811c9dc5);
    let b = fnv1a(salt, 0x01000193);
    for (const item of items) {
      let pair = this.#memo.get(item);
      if (!pair) {
        pair = fnv1aPair(this.#describe(item));
        this.#memo.set(item, pair);
      }
      a = (Math.imul(a, 0x9e3779b1) ^ pair[0]) >>> 0;
      b = (Math.imul(b, 0x85ebca6b) + pair[1]) >>> 0;
    }
    return a.toString(36).padStart(7, '0') + b.toString(36).padStart(7, '0');
  }
}
