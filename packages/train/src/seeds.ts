import { mulberry32 } from '@accelgan/data';

/**
 * Deterministic seeds derived from (run seed, step, stream). Every random draw in
 * training is a pure function of these, which is what makes `--resume` reproduce an
 * uninterrupted run exactly: nothing random needs saving beyond the run seed.
 */
export enum Stream {
  DiscriminatorNoise = 1,
  GeneratorNoise = 2,
  EpochOrder = 3,
  GeneratorInit = 4,
  DiscriminatorInit = 5,
  Generation = 6,
  Dequantise = 7,
  /** Whole-event generation: the layout of event i, its latent walk, and the slow walk along the generator's persistent directions. */
  EventPlan = 8,
  EventLatents = 9,
  EventPersistentLatents = 10,
  /** Whole-event generation: event i's walk over the rows its windows are drawn from, and the levels it carries. */
  EventRowWalk = 11,
  EventLevels = 12,
  /** Scoring the trained discriminator (discriminator-memory.ts): which windows, in which batches, their dequantisation, the generated windows' latents. */
  DiscriminatorMemory = 13,
  /** Generation without rows of real windows to follow: whether window i goes on the watch's grid (watch-grid.ts). */
  WatchGrid = 14,
}

/** A 31-bit seed mixed from integers with the murmur3 finaliser (avalanche, cheap). */
export function deriveSeed(...parts: number[]): number {
  let h = 0x9e3779b9;
  for (const part of parts) {
    h ^= Math.imul((part | 0) ^ ((part / 2 ** 32) | 0), 0x85ebca6b);
    h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
    h ^= h >>> 16;
  }
  return h >>> 1;
}

/**
 * The seeds a run's networks are built from. Everything that builds them (training, its
 * helper thread, loading a run for generation) must use these: weights and state come from
 * checkpoints or are shared, but some architectures also build fixed tensors from the seed
 * (`styled`'s noise projection and level-table directions) that are never saved.
 */
export function networkSeeds(seed: number): { readonly generator: number; readonly discriminator: number } {
  return {
    generator: deriveSeed(seed, Stream.GeneratorInit),
    discriminator: deriveSeed(seed, Stream.DiscriminatorInit),
  };
}

/** Fisher–Yates permutation of 0..n-1 from a seed. */
export function permutation(n: number, seed: number): Int32Array {
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  const random = mulberry32(seed);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const t = order[i]!;
    order[i] = order[j]!;
    order[j] = t;
  }
  return order;
}
