/**
 * Bots are pure: no clock, no Math.random. Their "dice" are hashes of what they can see, so
 * the same view always gives the same move, and a decision stays put while the view does.
 */

/** FNV-1a over a string, as an unsigned 32-bit number. */
export function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  // A final avalanche so that near-identical keys give unrelated numbers.
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h >>> 0;
}

/** A number in [0, 1) fixed by its key. */
export const roll = (key: string): number => hash(key) / 4294967296;

/** One item of a list, fixed by its key. */
export function pick<T>(items: readonly T[], key: string): T {
  return items[Math.floor(roll(key) * items.length)]!;
}
