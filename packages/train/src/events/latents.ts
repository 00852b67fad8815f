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

/**
 * Sets the components of latents z [windows × latentDim] along orthonormal `directions`
 * (each latentDim long) to `along` [windows × directions.length], in place:
 * z_t ← z_t + Σ_i (along_t,i − z_t · d_i) d_i. With `along` a slower AR(1) walk, every
 * z_t stays N(0, I) while what those directions control drifts more slowly than the rest.
 */
export function setAlongDirections(
  z: Float32Array,
  latentDim: number,
  directions: readonly Float32Array[],
  along: Float32Array,
): void {
  const windows = z.length / latentDim;
  const k = directions.length;
  if (along.length !== windows * k)
    throw new RangeError(`expected ${windows * k} values along the directions, got ${along.length}`);
  for (let t = 0; t < windows; t++) {
    const row = z.subarray(t * latentDim, (t + 1) * latentDim);
    directions.forEach((d, i) => {
      let component = 0;
      for (let j = 0; j < latentDim; j++) component += row[j]! * d[j]!;
      const change = along[t * k + i]! - component;
      for (let j = 0; j < latentDim; j++) row[j]! += change * d[j]!;
    });
  }
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
