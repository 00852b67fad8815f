import { describe, expect, it } from 'vitest';
import { ar1Latents } from './latents.js';

function lagCorrelation(z: Float32Array, windows: number, dim: number, lag: number): { corr: number; variance: number } {
  let xy = 0;
  let xx = 0;
  let pairs = 0;
  for (let t = lag; t < windows; t++) {
    for (let j = 0; j < dim; j++) {
      xy += z[t * dim + j]! * z[(t - lag) * dim + j]!;
      xx += z[t * dim + j]! ** 2;
      pairs++;
    }
  }
  return { corr: xy / xx, variance: xx / pairs };
}

describe('AR(1) latent walks', () => {
  it('keeps every latent N(0, I) while neighbours correlate by ρ, ρ² two apart', () => {
    const z = ar1Latents(400, 64, 0.8, 3);
    const one = lagCorrelation(z, 400, 64, 1);
    expect(one.variance).toBeGreaterThan(0.9);
    expect(one.variance).toBeLessThan(1.1);
    expect(one.corr).toBeGreaterThan(0.77);
    expect(one.corr).toBeLessThan(0.83);
    expect(lagCorrelation(z, 400, 64, 2).corr).toBeCloseTo(0.64, 1);
  });

  it('gives independent windows at ρ = 0, deterministically', () => {
    const z = ar1Latents(400, 64, 0, 3);
    expect(Math.abs(lagCorrelation(z, 400, 64, 1).corr)).toBeLessThan(0.03);
    expect(ar1Latents(5, 8, 0.5, 11)).toEqual(ar1Latents(5, 8, 0.5, 11));
    expect(ar1Latents(5, 8, 0.5, 11)).not.toEqual(ar1Latents(5, 8, 0.5, 12));
  });

  it('refuses a correlation outside [0, 1)', () => {
    expect(() => ar1Latents(2, 2, 1, 0)).toThrow(/\[0, 1\)/);
    expect(() => ar1Latents(2, 2, -0.1, 0)).toThrow(/\[0, 1\)/);
  });
});
