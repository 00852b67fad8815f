import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, expectClose, numericalGradient, useBackend } from '../test-helpers.js';
import { WINDOW_STATISTIC_NAMES, windowStatistics, windowStatisticsPlan } from './window-statistics.js';

/** The statistics in float64, straight from their definitions. */
function reference(x: readonly number[], rateHz: number): number[] {
  const n = x.length;
  const mean = x.reduce((s, v) => s + v, 0) / n;
  const c = x.map((v) => v - mean);
  const central = (p: number) => c.reduce((s, v) => s + v ** p, 0) / n;
  const variance = central(2);
  let mad = 0;
  for (let t = 1; t < n; t++) mad += Math.abs(x[t]! - x[t - 1]!);
  // Periodogram per sample of the centred window, zero-padded to a power of two ≥ 2n, summed over a band.
  const bandPower = (lo: number, hi: number) => {
    let nfft = 1;
    while (nfft < 2 * n) nfft *= 2;
    let sum = 0;
    for (let f = 0; f <= nfft / 2; f++) {
      const hz = (f * rateHz) / nfft;
      if (hz < lo || hz > hi) continue;
      let re = 0;
      let im = 0;
      for (let t = 0; t < n; t++) {
        re += c[t]! * Math.cos((2 * Math.PI * f * t) / nfft);
        im -= c[t]! * Math.sin((2 * Math.PI * f * t) / nfft);
      }
      sum += ((f === 0 || f === nfft / 2 ? 1 : 2) * (re * re + im * im)) / (nfft * n);
    }
    return sum;
  };
  const acf = Array.from({ length: 25 }, (_, i) => {
    let s = 0;
    for (let t = 0; t + i + 1 < n; t++) s += c[t]! * c[t + i + 1]!;
    return s / (variance * n);
  });
  const bands = [
    [0.2, 1],
    [1, 3],
    [3, 5],
    [5, 8],
    [8, 12.5],
  ].map(([lo, hi]) => Math.log(bandPower(lo!, hi!)));
  return [
    mean,
    0.5 * Math.log(variance),
    central(3) / variance ** 1.5,
    central(4) / variance ** 2 - 3,
    Math.log(mad / (n - 1)),
    ...bands,
    bandPower(3, 8) / bandPower(1, 12.5),
    ...acf,
  ];
}

/** Skewed, rough, rhythmic windows like a seizure's: a 5 Hz rhythm, sharp positive peaks and noise. */
function seizureLike(n: number, seed: number): number[] {
  let state = seed;
  const random = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
  return Array.from(
    { length: n },
    (_, t) =>
      1 +
      0.4 * Math.sin((2 * Math.PI * 5 * t) / 25 + seed) +
      0.8 * Math.max(0, Math.sin((2 * Math.PI * 2 * t) / 25)) ** 4 +
      0.1 * (random() - 0.5),
  );
}

describe.each(BACKENDS)('windowStatistics on %s', (backend) => {
  beforeAll(() => useBackend(backend));

  it.each([125, 99])('matches the float64 definitions on %i-sample windows', (length) => {
    const windows = [seizureLike(length, 1), seizureLike(length, 2), seizureLike(length, 3)];
    const plan = windowStatisticsPlan(length, 25);
    const stats = windowStatistics(tf.tensor3d(windows.flat(), [3, length, 1]), plan, 1e-12);
    expect(stats.shape).toEqual([3, WINDOW_STATISTIC_NAMES.length]);
    const values = stats.arraySync();
    windows.forEach((w, i) => expectClose(values[i]!, reference(w, 25), 2e-3, 2e-3));
    stats.dispose();
    plan.dispose();
  });

  it('sees the rhythm: the 3–8 Hz ratio is high for a 5 Hz tremor and low for a 1.5 Hz sway', () => {
    const length = 125;
    const plan = windowStatisticsPlan(length, 25);
    const tremor = Array.from({ length }, (_, t) => Math.sin((2 * Math.PI * 5 * t) / 25));
    const sway = Array.from({ length }, (_, t) => Math.sin((2 * Math.PI * 1.5 * t) / 25));
    const stats = windowStatistics(tf.tensor2d([...tremor, ...sway], [2, length]), plan).arraySync();
    const ratio = WINDOW_STATISTIC_NAMES.indexOf('ratio_3_8Hz');
    expect(stats[0]![ratio]).toBeGreaterThan(0.9);
    expect(stats[1]![ratio]).toBeLessThan(0.1);
    plan.dispose();
  });

  it('has gradients that match finite differences and stay finite on a flat window', () => {
    const length = 40;
    const plan = windowStatisticsPlan(length, 25);
    const weights = tf.randomNormal([1, WINDOW_STATISTIC_NAMES.length], 0, 1, 'float32', 7);
    const f = (x: tf.Tensor) => tf.sum(tf.mul(windowStatistics(x as tf.Tensor2D, plan), weights)) as tf.Scalar;
    const x = tf.tensor2d(seizureLike(length, 4), [1, length]);
    const analytic = tf.grad(f)(x);
    expectClose(analytic.dataSync(), numericalGradient(f, x, 1e-2), 0.05, 0.05);
    const flat = tf.grad(f)(tf.ones([2, length]));
    expect(flat.dataSync().every(Number.isFinite)).toBe(true);
    tf.dispose([weights, x, analytic, flat]);
    plan.dispose();
  });

  it('leaks no tensors', () => {
    const plan = windowStatisticsPlan(125, 25);
    const x = tf.randomNormal([4, 125, 1]);
    const before = tf.memory().numTensors;
    tf.grad((input: tf.Tensor) => tf.sum(windowStatistics(input as tf.Tensor3D, plan)))(x).dispose();
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose(x);
    plan.dispose();
  });
});
