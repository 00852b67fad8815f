import { describe, expect, test } from 'vitest';
import { anyFft } from '../dsp/any-fft.js';
import { makeRng } from '../util/rng.js';
import { gaussianLike, iaaft, lowPass, phaseRandomised, rungWindows } from './surrogates.js';
import { toyRecordings } from '../test-helpers.js';

/** Amplitude spectrum |X_k| of x by a direct DFT (the reference). */
function amplitudes(x: ArrayLike<number>): Float64Array {
  const n = x.length;
  const out = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    let re = 0;
    let im = 0;
    for (let t = 0; t < n; t++) {
      re += (x[t] as number) * Math.cos((2 * Math.PI * k * t) / n);
      im -= (x[t] as number) * Math.sin((2 * Math.PI * k * t) / n);
    }
    out[k] = Math.hypot(re, im);
  }
  return out;
}

/** A window with structure a linear process lacks: slow rises, sharp falls, a few short spikes; whole milli-g. */
function sawtoothWindow(n: number, seed: number): Float64Array {
  const rand = makeRng(seed);
  const x = new Float64Array(n);
  const period = 8 + Math.floor(rand() * 6);
  for (let t = 0; t < n; t++) {
    const phase = (t % period) / period;
    x[t] = Math.round(1000 + 200 * phase + (rand() < 0.03 ? 300 : 0) + 5 * (rand() - 0.5));
  }
  return x;
}

describe('any-length Fourier transform', () => {
  test.each([125, 750, 7])('matches the direct DFT for %i samples, and inverts', (n) => {
    const rand = makeRng(n);
    const x = Float64Array.from({ length: n }, () => 1000 + 100 * (rand() - 0.5));
    const re = new Float64Array(n);
    const im = new Float64Array(n);
    anyFft(n).forward(x, 0, re, im);
    const direct = amplitudes(x);
    for (let k = 0; k < n; k++)
      expect(Math.hypot(re[k] as number, im[k] as number)).toBeCloseTo(direct[k] as number, 6);
    const back = new Float64Array(n);
    anyFft(n).inverseReal(re, im, back);
    for (let t = 0; t < n; t++) expect(back[t]).toBeCloseTo(x[t] as number, 8);
  });
});

describe('surrogates of the calibration ladder', () => {
  test('IAAFT keeps the values exactly and the spectrum nearly, and scrambles the order', () => {
    for (const seed of [1, 2, 3]) {
      const x = sawtoothWindow(125, seed);
      const y = iaaft(x, makeRng(seed + 10), new Float64Array(125));
      expect(Array.from(y).sort((a, b) => a - b)).toEqual(Array.from(x).sort((a, b) => a - b));
      const ax = amplitudes(x);
      const ay = amplitudes(y);
      // Relative error of the amplitude spectrum above DC (DC is the sum, kept with the values).
      let err = 0;
      let norm = 0;
      for (let k = 1; k < 125; k++) {
        err += ((ay[k] as number) - (ax[k] as number)) ** 2;
        norm += (ax[k] as number) ** 2;
      }
      expect(Math.sqrt(err / norm)).toBeLessThan(0.15);
      let moved = 0;
      for (let t = 0; t < 125; t++) if (x[t] !== y[t]) moved++;
      expect(moved).toBeGreaterThan(60);
    }
  });

  test('IAAFT of a shuffled white sequence stays white: it does not invent a spectrum', () => {
    const rand = makeRng(4);
    const x = Float64Array.from({ length: 125 }, () => Math.round(1000 + 20 * (rand() - 0.5)));
    const y = iaaft(x, makeRng(5), new Float64Array(125));
    const ax = amplitudes(x);
    const ay = amplitudes(y);
    let err = 0;
    let norm = 0;
    for (let k = 1; k < 125; k++) {
      err += ((ay[k] as number) - (ax[k] as number)) ** 2;
      norm += (ax[k] as number) ** 2;
    }
    expect(Math.sqrt(err / norm)).toBeLessThan(0.3);
  });

  test('phase randomisation keeps the amplitude spectrum exactly and the mean, not the values', () => {
    const x = sawtoothWindow(125, 6);
    const y = phaseRandomised(x, makeRng(7), new Float64Array(125));
    const ax = amplitudes(x);
    const ay = amplitudes(y);
    for (let k = 0; k < 125; k++) expect(ay[k]).toBeCloseTo(ax[k] as number, 5);
    expect(Array.from(y).some((v) => Math.abs(v - Math.round(v)) > 0.01)).toBe(true);
  });

  test('the low-pass filter keeps 2 Hz and the level, and removes 10 Hz', () => {
    const sine = (f: number) =>
      Float64Array.from({ length: 125 }, (_, t) => 1000 + 100 * Math.sin((2 * Math.PI * f * t) / 25));
    const amplitude = (y: Float64Array) => {
      let s = 0;
      for (let t = 20; t < 105; t++) s = Math.max(s, Math.abs((y[t] as number) - 1000));
      return s;
    };
    expect(amplitude(lowPass(sine(2), 8, new Float64Array(125)))).toBeGreaterThan(95);
    expect(amplitude(lowPass(sine(10), 8, new Float64Array(125)))).toBeLessThan(5);
    const flat = lowPass(new Float64Array(125).fill(1000), 8, new Float64Array(125));
    for (const v of flat) expect(v).toBeCloseTo(1000, 9);
  });

  test("the Gaussian rung has each window's mean and std", () => {
    const x = sawtoothWindow(750, 8);
    const y = gaussianLike(x, makeRng(9), new Float64Array(750));
    const stats = (v: Float64Array) => {
      const m = v.reduce((a, b) => a + b, 0) / v.length;
      return [m, Math.sqrt(v.reduce((a, b) => a + (b - m) ** 2, 0) / v.length)] as const;
    };
    const [mx, sx] = stats(x);
    const [my, sy] = stats(y);
    expect(Math.abs(my - mx)).toBeLessThan(0.15 * sx);
    expect(sy / sx).toBeGreaterThan(0.9);
    expect(sy / sx).toBeLessThan(1.1);
  });

  test('rungs keep labels and events, jitter stays within half a milli-g, reversal reverses; same seed, same fakes', () => {
    const set = toyRecordings({ events: 4, windowsPerEvent: 3, seed: 1 });
    const rounded = { ...set, values: set.values.map((v) => Math.round(v)) };
    const jitter = rungWindows(rounded, 'jitter', 3);
    expect(jitter.eventId).toBe(rounded.eventId);
    expect(jitter.ictal).toBe(rounded.ictal);
    let offGrid = 0;
    jitter.values.forEach((v, i) => {
      expect(Math.abs(v - (rounded.values[i] as number))).toBeLessThanOrEqual(0.5 + 1e-4);
      if (Math.abs(v - Math.round(v)) > 0.01) offGrid++;
    });
    expect(offGrid / jitter.values.length).toBeGreaterThan(0.9);
    const reversed = rungWindows(rounded, 'reversed', 3);
    expect(reversed.values[0]).toBe(rounded.values[124]);
    expect(reversed.values[125]).toBe(rounded.values[249]);
    expect(rungWindows(rounded, 'real', 3)).toBe(rounded);
    for (const rung of ['jitter', 'iaaft', 'phase', 'gaussian'] as const) {
      expect(rungWindows(rounded, rung, 5).values).toEqual(rungWindows(rounded, rung, 5).values);
      expect(rungWindows(rounded, rung, 5).values).not.toEqual(rungWindows(rounded, rung, 6).values);
    }
  });
});
