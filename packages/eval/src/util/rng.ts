import { mulberry32 } from '@accelgan/data';

/**
 * Seeded pseudo-random numbers: every metric only needs uniform floats, normals and
 * shuffles, and determinism given a seed is the point.
 */
export type Rand = () => number;

/** Uniform floats in [0, 1) from a 32-bit seed (mulberry32, on a scrambled seed). */
export function makeRng(seed: number): Rand {
  return mulberry32((Math.trunc(seed) ^ 0x9e3779b9) >>> 0);
}

/** Derives an independent seed from a seed and a label, so stages do not share streams. */
export function subSeed(seed: number, label: string): number {
  let h = (Math.trunc(seed) ^ 0x811c9dc5) >>> 0;
  for (let i = 0; i < label.length; i++) h = Math.imul(h ^ label.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/** Standard normal (Box–Muller). */
export function normal(rand: Rand): number {
  const u = 1 - rand();
  const v = rand();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** Fisher–Yates shuffle in place; returns the array. */
export function shuffleInPlace<T>(items: T[], rand: Rand): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    const t = items[i] as T;
    items[i] = items[j] as T;
    items[j] = t;
  }
  return items;
}

/** `k` distinct indices of [0, n) in random order (all of them, shuffled, when k >= n). */
export function sampleIndices(n: number, k: number, rand: Rand): number[] {
  const all = Array.from({ length: n }, (_, i) => i);
  shuffleInPlace(all, rand);
  return k >= n ? all : all.slice(0, k);
}
