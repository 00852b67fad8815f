import { describe, expect, it } from 'vitest';
import { ar1Latents, setAlongDirections } from './latents.js';

function lagCorrelation(
  z: Float32Array,
  windows: number,
  dim: number,
  lag: number,
): { corr: number; variance: number } {
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

describe('persistent directions', () => {
  /** Two orthonormal directions in 16 dimensions. */
  const directions = [
    Float32Array.from({ length: 16 }, (_, j) => (j < 4 ? 0.5 : 0)),
    Float32Array.from({ length: 16 }, (_, j) => (j >= 12 ? 0.5 : 0)),
  ];
  const dot = (a: Float32Array, b: Float32Array) => a.reduce((sum, x, j) => sum + x * b[j]!, 0);

  it("sets z's components along the directions and leaves the rest of z alone", () => {
    const z = ar1Latents(3, 16, 0.5, 1);
    const before = z.slice();
    const along = Float32Array.from([1, -2, 0.5, 0, 3, 0.25]);
    setAlongDirections(z, 16, directions, along);
    for (let t = 0; t < 3; t++) {
      const row = z.subarray(t * 16, (t + 1) * 16);
      expect(dot(row, directions[0]!)).toBeCloseTo(along[t * 2]!, 5);
      expect(dot(row, directions[1]!)).toBeCloseTo(along[t * 2 + 1]!, 5);
      // Samples 4–11 lie in neither direction.
      for (let j = 4; j < 12; j++) expect(row[j]).toBe(before[t * 16 + j]);
    }
    expect(() => setAlongDirections(z, 16, directions, new Float32Array(5))).toThrow(/6 values/);
  });

  it('keeps latents N(0, I) while the directions drift at their own, slower correlation', () => {
    const windows = 2000;
    const z = ar1Latents(windows, 16, 0.5, 4);
    setAlongDirections(z, 16, directions, ar1Latents(windows, 2, 0.95, 5));
    const along = Float32Array.from({ length: windows }, (_, t) =>
      dot(z.subarray(t * 16, (t + 1) * 16), directions[0]!),
    );
    const fast = Float32Array.from({ length: windows }, (_, t) => z[t * 16 + 6]!);
    const slowLag = lagCorrelation(along, windows, 1, 1);
    expect(slowLag.variance).toBeGreaterThan(0.7); // a slow walk's sample variance is noisier
    expect(slowLag.variance).toBeLessThan(1.3);
    expect(slowLag.corr).toBeGreaterThan(0.9);
    const fastLag = lagCorrelation(fast, windows, 1, 1);
    expect(fastLag.corr).toBeGreaterThan(0.4);
    expect(fastLag.corr).toBeLessThan(0.6);
  });
});
