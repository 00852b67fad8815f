import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { standardiseWindows } from '../ops/normalise.js';
import { expectClose, useBackend } from '../test-helpers.js';
import { factored } from './factored.js';
import { MINIBATCH_GROUP_SIZE, spectral } from './spectral.js';

describe('factored architecture', () => {
  beforeAll(() => useBackend('wasm'));

  it("draws each window's scale from the level head: its log-std bias shifts every window's log std", () => {
    const shape = { samplesPerWindow: 125, numClasses: 2 };
    const G = factored.buildGenerator(shape, 3);
    const z = tf.randomNormal([6, G.latentDim], 0, 1, 'float32', 4) as tf.Tensor2D;
    const labels = tf.tensor1d([0, 1, 0, 1, 0, 1], 'int32');
    const levels = () =>
      tf.tidy(() => {
        const { mean, logStd } = standardiseWindows(G.apply(z, labels, false), 1e-12);
        return { mean: mean.dataSync().slice(), logStd: logStd.dataSync().slice() };
      });
    const before = levels();
    // Windows differ in level and scale from the start, not only in shape.
    expect(Math.max(...before.logStd) - Math.min(...before.logStd)).toBeGreaterThan(0.01);
    expect(Math.max(...before.mean) - Math.min(...before.mean)).toBeGreaterThan(0.01);
    const bias = G.trainable.get('g/level3/dense/bias')!;
    bias.assign(tf.add(bias, tf.tensor1d([0.1, 0.2, 0])));
    const after = levels();
    // Near the start the soft bounds are almost the identity (tanh' ≈ 1 - 0.3² for the log std).
    after.logStd.forEach((v, i) => expect(v - before.logStd[i]!).toBeCloseTo(0.2 * (1 - 0.3 ** 2), 1));
    after.mean.forEach((v, i) => {
      expect(v - before.mean[i]!).toBeGreaterThan(0.08);
      expect(v - before.mean[i]!).toBeLessThanOrEqual(0.1 + 1e-4);
    });
    // However far the head is pushed, windows stay within the bounds.
    bias.assign(tf.tensor1d([100, 100, 0]));
    const extreme = levels();
    extreme.logStd.forEach((v) => expect(v).toBeLessThanOrEqual(2 + 1e-4));
    extreme.mean.forEach((v) => expect(v).toBeLessThanOrEqual(6 + 1e-3));
    tf.dispose([z, labels]);
    G.dispose();
  });

  it('draws white noise from z, in an amount the level head sets per window', () => {
    const shape = { samplesPerWindow: 125, numClasses: 1 };
    const G = factored.buildGenerator(shape, 3);
    const z = tf.randomNormal([64, G.latentDim], 0, 1, 'float32', 5) as tf.Tensor2D;
    const labels = tf.zeros([64], 'int32') as tf.Tensor1D;
    /** Mean lag-1 autocorrelation of the generated windows. */
    const lag1 = () =>
      tf.tidy(() => {
        const s = standardiseWindows(G.apply(z, labels, false), 1e-12).shape;
        return tf.mean(tf.mul(tf.slice(s, [0, 0, 0], [64, 124, 1]), tf.slice(s, [0, 1, 0], [64, 124, 1]))).dataSync()[0]! * (125 / 124);
      });
    const bias = G.trainable.get('g/level3/dense/bias')!;
    const start = bias.dataSync().slice();
    bias.assign(tf.tensor1d([start[0]!, start[1]!, -100])); // no noise: the trunk's smooth curves
    expect(lag1()).toBeGreaterThan(0.5);
    bias.assign(tf.tensor1d([start[0]!, start[1]!, 100])); // all noise: white
    expect(Math.abs(lag1())).toBeLessThan(0.05);
    tf.dispose([z, labels]);
    G.dispose();
  });

  it('gives its discriminator level and scale explicitly: windows of one shape at two scales score differently', () => {
    const shape = { samplesPerWindow: 125, numClasses: 1 };
    const D = factored.buildDiscriminator(shape, 5);
    const base = tf.randomNormal([2, 125, 1], 0, 1, 'float32', 6) as tf.Tensor3D;
    const labels = tf.tensor1d([0, 0], 'int32');
    const scores = [0.1, 1].map((scale) => tf.tidy(() => D.apply(tf.mul(base, scale) as tf.Tensor3D, labels, false).dataSync().slice()));
    expect(scores[0]![0]).not.toBeCloseTo(scores[1]![0]!, 4);
    tf.dispose([base, labels]);
    D.dispose();
  });
});

describe.each([
  ['spectral', spectral],
  ['factored', factored],
] as const)('%s discriminator minibatch groups', (_name, arch) => {
  beforeAll(() => useBackend('wasm'));

  it(`couples rows only within groups of ${MINIBATCH_GROUP_SIZE}: a batch scores as its group-aligned halves do`, () => {
    const shape = { samplesPerWindow: 125, numClasses: 2 };
    const D = arch.buildDiscriminator(shape, 9);
    const n = 2 * MINIBATCH_GROUP_SIZE;
    const x = tf.randomNormal([n, 125, 1], 0, 1, 'float32', 10) as tf.Tensor3D;
    const labels = tf.tensor1d(Array.from({ length: n }, (_, i) => i % 2), 'int32');
    const half = (from: number) => tf.tidy(() => D.apply(tf.slice(x, from, MINIBATCH_GROUP_SIZE), tf.slice(labels, from, MINIBATCH_GROUP_SIZE), false).dataSync().slice());
    const whole = tf.tidy(() => D.apply(x, labels, false).dataSync().slice());
    expectClose(whole, [...half(0), ...half(MINIBATCH_GROUP_SIZE)], 1e-4, 1e-4);
    // …and the groups do see each other's rows: a batch scored as one group differs.
    const oneGroup = tf.tidy(() => D.apply(tf.slice(x, 0, n - 1), tf.slice(labels, 0, n - 1), false).dataSync().slice());
    expect(Math.abs(oneGroup[0]! - whole[0]!)).toBeGreaterThan(1e-5);
    tf.dispose([x, labels]);
    D.dispose();
  });
});
