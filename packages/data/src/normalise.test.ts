import { describe, expect, it } from 'vitest';
import {
  denormalise,
  fitNormalisation,
  normalise,
  quantumOf,
  rowStatistics,
  SCALE_METHODS,
  statistics,
} from './normalise.js';

const values = Float32Array.from({ length: 1000 }, (_, i) => 1000 + 400 * Math.sin(i / 7) + (i % 13) * 3.25);

describe('normalisation', () => {
  it('minmax maps the fitted range onto [-1, 1]', () => {
    const n = fitNormalisation(values, 'minmax');
    const out = normalise(values, n);
    expect(Math.min(...out)).toBeCloseTo(-1, 6);
    expect(Math.max(...out)).toBeCloseTo(1, 6);
  });

  it('minmax01 maps the fitted range onto [0, 1]', () => {
    const out = normalise(values, fitNormalisation(values, 'minmax01'));
    expect(Math.min(...out)).toBeCloseTo(0, 6);
    expect(Math.max(...out)).toBeCloseTo(1, 6);
  });

  it('zscore gives mean 0 and standard deviation 1', () => {
    const s = statistics(normalise(values, fitNormalisation(values, 'zscore')));
    expect(s.mean).toBeCloseTo(0, 5);
    expect(s.std).toBeCloseTo(1, 5);
  });

  it('none leaves milli-g alone', () => {
    const n = fitNormalisation(values, 'none');
    expect([n.offset, n.scale]).toEqual([0, 1]);
    expect(normalise(values, n)).toEqual(values);
  });

  it.each(SCALE_METHODS)('%s round-trips to within float32 precision', (method) => {
    const n = fitNormalisation(values, method);
    const back = denormalise(normalise(values, n), n);
    for (let i = 0; i < values.length; i++)
      expect(Math.abs(back[i]! - values[i]!)).toBeLessThanOrEqual(Math.abs(values[i]!) * 2 ** -22);
    expect(n.fitted.samples).toBe(1000);
  });

  it('is the documented affine map', () => {
    const n = fitNormalisation(values, 'zscore');
    expect(normalise(Float32Array.of(1234), n)[0]).toBeCloseTo((1234 - n.offset) / n.scale, 5);
  });

  it('does not divide by zero on constant input', () => {
    for (const method of SCALE_METHODS) {
      const n = fitNormalisation(new Float32Array(10).fill(1000), method);
      expect(Number.isFinite(normalise(Float32Array.of(1000), n)[0]!)).toBe(true);
    }
  });

  it('refuses to fit on nothing', () => {
    expect(() => fitNormalisation(new Float32Array(0), 'minmax')).toThrow(/no training values/);
  });

  it('fits on selected rows only', () => {
    const rows = Float32Array.of(0, 10, 1000, 1010, -5, 5);
    expect(rowStatistics(rows, 2, (r) => r !== 1)).toMatchObject({ min: -5, max: 10, samples: 4 });
  });
});

describe('quantumOf', () => {
  it('finds the whole-milli-g grid of watch data through its normalisation, and nothing in continuous data', () => {
    const milliG = Float32Array.from({ length: 500 }, (_, i) => 900 + ((i * 37) % 401));
    const normalisation = fitNormalisation(milliG, 'zscore');
    expect(quantumOf(normalise(milliG, normalisation), normalisation)).toBe(1);
    const continuous = Float32Array.from(milliG, (v, i) => v + (i === 250 ? 0.3 : 0));
    expect(quantumOf(normalise(continuous, normalisation), normalisation)).toBeNull();
    expect(quantumOf(new Float32Array(0), normalisation)).toBeNull();
  });
});
