import * as tf from '@tensorflow/tfjs-core';
import { expect } from 'vitest';
import { ensureTfjsGradients } from './ops/tfjs-gradients.js';

/** The backends every op and architecture test runs on. */
export const BACKENDS = ['cpu', 'wasm'] as const;
export type TestBackend = (typeof BACKENDS)[number];

/** Loads and selects a backend (as the tests of every package do) and makes gradients available. */
export async function useBackend(name: TestBackend): Promise<void> {
  if (name === 'wasm') await import('@tensorflow/tfjs-backend-wasm');
  else await import('@tensorflow/tfjs-backend-cpu');
  if (!(await tf.setBackend(name))) throw new Error(`backend ${name} did not initialise`);
  await tf.ready();
  ensureTfjsGradients();
}

/** A deterministic float32 tensor with values in [-1, 1). */
export function randomTensor(shape: number[], seed: number): tf.Tensor {
  return tf.randomUniform(shape, -1, 1, 'float32', seed);
}

/**
 * Central finite differences of a scalar function of one tensor, evaluated in float32 on the
 * active backend and differenced in float64: (f(x + h·e_i) - f(x - h·e_i)) / 2h for every i.
 */
export function numericalGradient(f: (x: tf.Tensor) => tf.Scalar, x: tf.Tensor, h: number): Float64Array {
  const base = x.dataSync().slice();
  const gradient = new Float64Array(base.length);
  const evaluate = (values: Float32Array) => tf.tidy(() => f(tf.tensor(values, x.shape)).dataSync()[0] ?? NaN);
  for (let i = 0; i < base.length; i++) {
    const plus = base.slice();
    const minus = base.slice();
    plus[i] = (base[i] ?? 0) + h;
    minus[i] = (base[i] ?? 0) - h;
    gradient[i] = (evaluate(plus) - evaluate(minus)) / (2 * h);
  }
  return gradient;
}

/** Asserts |actual - expected| <= atol + rtol·|expected| elementwise, with a useful message. */
export function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, atol: number, rtol = 0): void {
  expect(actual.length).toBe(expected.length);
  let worst = 0;
  let worstAt = -1;
  for (let i = 0; i < actual.length; i++) {
    const a = actual[i] ?? NaN;
    const e = expected[i] ?? NaN;
    const excess = Math.abs(a - e) - (atol + rtol * Math.abs(e));
    if (!(excess <= worst)) {
      worst = Number.isNaN(excess) ? Infinity : excess;
      worstAt = i;
    }
  }
  if (worstAt >= 0)
    expect.fail(`element ${worstAt}: ${actual[worstAt]} vs expected ${expected[worstAt]} (atol ${atol}, rtol ${rtol})`);
}

/** Runs body and asserts that it leaves the number of live tensors unchanged. */
export function expectNoLeak(body: () => void): void {
  const before = tf.memory().numTensors;
  body();
  expect(tf.memory().numTensors).toBe(before);
}
