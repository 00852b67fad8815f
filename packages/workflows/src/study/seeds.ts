import { mulberry32 } from '@accelgan/data';

/**
 * A seed for one purpose of a study (a fold's GAN, its detectors, its fold assignment),
 * derived from the study seed and a label (FNV-1a), so that each draws its own stream
 * and no unit's randomness depends on which other units ran, or where.
 */
export function derivedSeed(seed: number, label: string): number {
  let h = (Math.trunc(seed) ^ 0x811c9dc5) >>> 0;
  for (let i = 0; i < label.length; i++) h = Math.imul(h ^ label.charCodeAt(i), 0x01000193) >>> 0;
  // Kept below 2^31 so it stays a plain positive integer in every seed field that takes one.
  return h & 0x7fffffff;
}

/** Uniform floats in [0, 1) for `label` under `seed`. */
export function randomFor(seed: number, label: string): () => number {
  return mulberry32(derivedSeed(seed, label));
}
