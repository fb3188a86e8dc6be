/**
 * The game's only source of chance: mulberry32, a small generator whose whole state is one
 * 32-bit number kept in GameState.rng, so a seed and an action log rebuild every draw.
 */
export interface Seeded {
  rng: number;
}

/** A float in [0, 1); advances the generator kept in `holder`. */
export function nextFloat(holder: Seeded): number {
  holder.rng = (holder.rng + 0x6d2b79f5) | 0;
  let t = holder.rng;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

/** An integer in [0, n). */
export function nextInt(holder: Seeded, n: number): number {
  return Math.floor(nextFloat(holder) * n);
}

/** Fisher–Yates on a copy. */
export function shuffled<T>(holder: Seeded, items: readonly T[]): T[] {
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = nextInt(holder, i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
