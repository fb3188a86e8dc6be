/**
 * Bots are pure: no clock, no Math.random. Their "dice" are hashes of what they can see, so
 * the same view always gives the same move, and a decision stays put while the view does.
 */

/** FNV-1a over a string, as an unsigned 32-bit number. */
export function hash(text: string): number {
  return finish(fnv(0x811c9dc5, text));
}

/** FNV-1a state after `text`, starting from state `h` (a key's prefix hashed once, then continued). */
export function fnv(h: number, text: string): number {
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h;
}

/** The final avalanche over an FNV state, as an unsigned 32-bit number. */
export function finish(h: number): number {
  // A final avalanche so that near-identical keys give unrelated numbers.
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h >>> 0;
}

/** A number in [0, 1) fixed by its key. */
export const roll = (key: string): number => hash(key) / 4294967296;

/** `roll(prefix + rest)` where `h` is `fnv` over the prefix. */
export const rollFrom = (h: number, rest: string): number => finish(fnv(h, rest)) / 4294967296;

/** One item of a list, fixed by its key. */
export function pick<T>(items: readonly T[], key: string): T {
  return items[Math.floor(roll(key) * items.length)]!;
}
