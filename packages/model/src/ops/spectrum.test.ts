import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, expectClose, useBackend } from '../test-helpers.js';
import { frequencyBins, logPowerSpectrum, realDftMatrix } from './spectrum.js';

describe.each(BACKENDS)('logPowerSpectrum on %s', (backend) => {
  beforeAll(() => useBackend(backend));

  it('finds a sinusoid in its bin and matches a direct DFT', () => {
    const length = 125;
    const bins = frequencyBins(length);
    expect(bins).toBe(63);
    const signal = Float32Array.from(
      { length },
      (_, t) => Math.sin((2 * Math.PI * 10 * t) / length + 0.3) + 0.1 * Math.cos((2 * Math.PI * 31 * t) / length),
    );
    const dft = realDftMatrix(length);
    const spectrum = logPowerSpectrum(tf.tensor3d(signal, [1, length, 1]), dft, 1e-9);
    const values = spectrum.dataSync();
    expect(values.indexOf(Math.max(...values))).toBe(10);
    // Direct windowed DFT in float64.
    const window = Array.from({ length }, (_, t) => 0.5 - 0.5 * Math.cos((2 * Math.PI * t) / length));
    const energy = window.reduce((s, w) => s + w * w, 0);
    const expected = Array.from({ length: bins }, (_, f) => {
      let re = 0;
      let im = 0;
      for (let t = 0; t < length; t++) {
        re += window[t]! * signal[t]! * Math.cos((2 * Math.PI * f * t) / length);
        im -= window[t]! * signal[t]! * Math.sin((2 * Math.PI * f * t) / length);
      }
      return Math.log((re * re + im * im) / energy + 1e-9);
    });
    // Compare where the power is well above float32 rounding.
    const strong = expected.map((e, f) => (e > -6 ? f : -1)).filter((f) => f >= 0);
    expect(strong).toContain(31);
    expectClose(
      strong.map((f) => values[f]!),
      strong.map((f) => expected[f]!),
      1e-3,
      1e-3,
    );
    tf.dispose([dft, spectrum]);
  });

  it('has finite gradients even for a constant window', () => {
    const dft = realDftMatrix(16);
    const g = tf.grad((x: tf.Tensor) => tf.sum(logPowerSpectrum(x as tf.Tensor2D, dft)))(tf.ones([2, 16]));
    expect(g.shape).toEqual([2, 16]);
    expect(g.dataSync().every(Number.isFinite)).toBe(true);
    tf.dispose([dft, g]);
  });
});
