import { mulberry32 } from '@accelgan/data';

/**
 * Latent vectors for the consecutive windows of one event, as a stationary AR(1) walk:
 * z₀ = ε₀, z_t = ρ·z_{t−1} + √(1−ρ²)·ε_t with ε_t ~ N(0, I). Every z_t is N(0, I), the
 * prior the generator was trained on, while neighbours are correlated (ρ per step, ρ^k
 * k windows apart): ρ = 0 gives independent windows, ρ → 1 the same window repeated.
 * Returns [windows × latentDim], row t the latent of window t. Deterministic in the seed.
 */
export function ar1Latents(windows: number, latentDim: number, rho: number, seed: number): Float32Array {
  if (!(rho >= 0 && rho < 1)) throw new RangeError(`latent correlation must be in [0, 1), got ${rho}`);
  const normal = standardNormal(mulberry32(seed));
  const z = new Float32Array(windows * latentDim);
  const fresh = Math.sqrt(1 - rho * rho);
  for (let t = 0; t < windows; t++) {
    for (let j = 0; j < latentDim; j++) {
      const e = normal();
      z[t * latentDim + j] = t === 0 ? e : rho * z[(t - 1) * latentDim + j]! + fresh * e;
    }
  }
  return z;
}

/** Standard normal draws from uniform ones (Box–Muller, both values of each pair used). */
export function standardNormal(uniform: () => number): () => number {
  let spare: number | null = null;
  return () => {
    if (spare !== null) {
      const s = spare;
      spare = null;
      return s;
    }
    // 1 − u lies in (0, 1], so the logarithm is finite.
    const r = Math.sqrt(-2 * Math.log(1 - uniform()));
    const angle = 2 * Math.PI * uniform();
    spare = r * Math.sin(angle);
    return r * Math.cos(angle);
  };
}
