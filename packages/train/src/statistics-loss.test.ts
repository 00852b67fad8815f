import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '@accelgan/model';
import { StatisticsLoss } from './statistics-loss.js';

/** n windows of a rhythm at `hz` with noise, [n, 125, 1]. */
function rhythm(n: number, hz: number, seed: number, amplitude = 1): tf.Tensor3D {
  return tf.tidy(() => {
    const t = tf.reshape(tf.range(0, 125), [1, 125, 1]);
    const phase = tf.randomUniform([n, 1, 1], 0, 2 * Math.PI, 'float32', seed);
    const wave = tf.sin(tf.add(tf.mul(t, (2 * Math.PI * hz) / 25), phase));
    return tf.add(tf.mul(wave, amplitude), tf.randomNormal([n, 125, 1], 0, 0.1, 'float32', seed + 1)) as tf.Tensor3D;
  });
}

describe('StatisticsLoss', () => {
  beforeAll(() => initBackend('wasm'));

  it('is near zero for two samples of one distribution and large for another, class by class', () => {
    const training = tf.concat([rhythm(64, 5, 1), rhythm(64, 1, 2)]) as tf.Tensor3D;
    const loss = StatisticsLoss.fit(training, 25);
    const labels = tf.tensor1d([...Array(32).fill(1), ...Array(32).fill(0)], 'int32');
    const real = tf.concat([rhythm(32, 5, 3), rhythm(32, 1, 4)]) as tf.Tensor3D;
    const same = tf.concat([rhythm(32, 5, 5), rhythm(32, 1, 6)]) as tf.Tensor3D;
    const swapped = tf.concat([rhythm(32, 1, 7), rhythm(32, 5, 8)]) as tf.Tensor3D;
    const louder = tf.concat([rhythm(32, 5, 9, 3), rhythm(32, 1, 10, 3)]) as tf.Tensor3D;
    const value = (fake: tf.Tensor3D) => tf.tidy(() => loss.loss(real, fake, labels).dataSync()[0]!);
    const matched = value(same);
    expect(matched).toBeLessThan(0.1);
    // The classes' rhythms swapped: the same windows overall, the wrong ones per class.
    expect(value(swapped)).toBeGreaterThan(10 * matched);
    expect(value(louder)).toBeGreaterThan(10 * matched);
    tf.dispose([training, labels, real, same, swapped, louder]);
    loss.dispose();
  });

  it('pulls fakes toward the real statistics: a gradient step on the fakes lowers it', () => {
    const training = rhythm(64, 5, 11);
    const loss = StatisticsLoss.fit(training, 25);
    const labels = tf.zeros([32], 'int32') as tf.Tensor1D;
    const real = rhythm(32, 5, 12);
    const fake = rhythm(32, 5, 13, 0.5);
    const before = tf.memory().numTensors;
    const value = (x: tf.Tensor3D) => tf.tidy(() => loss.loss(real, x, labels).dataSync()[0]!);
    const stepped = tf.tidy(() => {
      const grad = tf.grad((x: tf.Tensor) => loss.loss(real, x as tf.Tensor3D, labels))(fake);
      return tf.sub(fake, tf.mul(grad, tf.div(0.5, tf.norm(grad)))) as tf.Tensor3D;
    });
    expect(value(stepped)).toBeLessThan(value(fake));
    stepped.dispose();
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([training, labels, real, fake]);
    loss.dispose();
  });
});
