import { describe, expect, test } from 'vitest';
import { bandPower, welchAll, welchPlan } from './welch.js';
import { autocorrInto } from './autocorr.js';
import { sineWindows } from '../test-helpers.js';

describe('Welch PSD', () => {
  test('a pure 5 Hz sinusoid peaks at the bin nearest 5 Hz and integrates to its variance', () => {
    const amplitude = 200;
    const set = sineWindows(3, 5, { amplitude });
    const { plan, psd } = welchAll(set.values, 125);
    expect(plan.segment).toBe(64);
    expect(plan.starts).toEqual([0, 31, 61]);
    const bins = plan.freqs.length;
    for (let w = 0; w < 3; w++) {
      const row = psd.subarray(w * bins, (w + 1) * bins);
      const peak = row.indexOf(Math.max(...row));
      expect(plan.freqs[peak]).toBeCloseTo(5.078125, 6); // bin 13 of 0.390625 Hz
      // Σ PSD·Δf ≈ variance A²/2 (the Hann window's leakage stays inside the spectrum).
      expect(bandPower(plan, row, 0, 12.5) / (amplitude ** 2 / 2)).toBeGreaterThan(0.95);
      expect(bandPower(plan, row, 0, 12.5) / (amplitude ** 2 / 2)).toBeLessThan(1.05);
      expect(bandPower(plan, row, 3, 8) / bandPower(plan, row, 0, 12.5)).toBeGreaterThan(0.98);
    }
  });

  test('a constant window has zero power (each segment is detrended)', () => {
    const { psd } = welchAll(new Float32Array(125).fill(1000), 125);
    expect(Math.max(...psd)).toBeLessThan(1e-9);
  });

  test('short windows use the largest power-of-two segment that fits', () => {
    expect(welchPlan(40).segment).toBe(32);
    expect(welchPlan(250).starts.length).toBe(Math.ceil((250 - 64) / 32) + 1);
  });
});

describe('autocorrelation', () => {
  test('a sinusoid of period 5 samples correlates with itself at lag 5 and anti-correlates at half periods', () => {
    const x = Float64Array.from({ length: 125 }, (_, t) => Math.sin((2 * Math.PI * t) / 10));
    const out = new Float64Array(25);
    autocorrInto(x, 0, 125, 25, out);
    expect(out[9]).toBeGreaterThan(0.85); // lag 10: one period, biased estimator (n - l)/n
    expect(out[4]).toBeLessThan(-0.9); // lag 5: half a period
  });
  test('constant input gives 0 at every lag', () => {
    const out = new Float64Array(25);
    autocorrInto(new Float64Array(125).fill(7), 0, 125, 25, out);
    expect([...out].every((v) => v === 0)).toBe(true);
  });
});
