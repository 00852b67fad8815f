import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Discriminator, type Generator, initBackend } from '@accelgan/model';
import { discriminatorMemory } from './discriminator-memory.js';

const L = 10;
/** A discriminator built from `logit` (windows [N, L, 1], labels [N] → [N, 1]); only apply is called. */
const discriminator = (logit: (x: tf.Tensor3D, labels: tf.Tensor1D) => tf.Tensor) =>
  ({ apply: logit }) as unknown as Discriminator;
/** Logit = the window's mean plus its label: the scores below are known. */
const meanD = discriminator((x, labels) => tf.add(tf.mean(x, 1), tf.expandDims(tf.cast(labels, 'float32'), 1)));
/** A generator of windows at z's first component, so the latent draw shows in the score. */
const firstComponentG = {
  latentDim: 3,
  apply: (z: tf.Tensor2D) => tf.tile(tf.reshape(tf.slice(z, [0, 0], [-1, 1]), [-1, 1, 1]), [1, L, 1]),
} as unknown as Generator;
/** A generator of zero windows: under meanD a generated window scores its label. */
const zeroG = { latentDim: 3, apply: (z: tf.Tensor2D) => tf.zeros([z.shape[0], L, 1]) } as unknown as Generator;

function trainingWindows(values: number[], labels: number[]) {
  return {
    windows: tf.tensor3d(
      values.flatMap((v) => Array(L).fill(v)),
      [values.length, L, 1],
    ),
    labels: tf.tensor1d(labels, 'int32'),
  };
}
function heldOutWindows(values: number[], labels: number[]) {
  return { values: Float32Array.from(values.flatMap((v) => Array(L).fill(v))), labels: Int32Array.from(labels) };
}

describe('discriminatorMemory', () => {
  beforeAll(() => initBackend('wasm'));

  it("gives each side its mean logit and mean sign; generated windows carry the training windows' labels", () => {
    const training = trainingWindows([1, 1, 2, -0.5], [0, 0, 1, 0]); // logits 1, 1, 3, −0.5
    const heldOut = heldOutWindows([-0.5, -2], [1, 0]); // logits 0.5, −2
    const options = { seed: 5, batchSize: 2, dequantise: 0 };
    const before = tf.memory().numTensors;
    const memory = discriminatorMemory(meanD, zeroG, training, heldOut, options);
    expect(tf.memory().numTensors).toBe(before);
    expect(memory.training).toEqual({ scored: 4, meanLogit: 1.125, meanSign: 0.5 });
    expect(memory.heldOut!.scored).toBe(2);
    expect(memory.heldOut!.meanLogit).toBeCloseTo(-0.75, 6);
    expect(memory.heldOut!.meanSign).toBe(0);
    expect(memory.generated).toEqual({ scored: 4, meanLogit: 0.25, meanSign: 0.25 });
    // The latents are drawn from the seed: the same seed scores the same, another seed otherwise.
    const drawn = discriminatorMemory(meanD, firstComponentG, training, heldOut, options).generated;
    expect(discriminatorMemory(meanD, firstComponentG, training, heldOut, options).generated).toEqual(drawn);
    expect(
      discriminatorMemory(meanD, firstComponentG, training, heldOut, { ...options, seed: 6 }).generated.meanLogit,
    ).not.toBe(drawn.meanLogit);
    tf.dispose([training.windows, training.labels]);
  });

  it('scores at most 1,024 windows of a side in whole batches of batchSize, a seeded sample, and no held-out side short of a batch', () => {
    const n = 1324;
    const training = trainingWindows(
      Array.from({ length: n }, (_, i) => (i < 1024 ? 1 : -1)),
      Array(n).fill(0),
    );
    const rowsPerCall = discriminator((x) => tf.fill([x.shape[0], 1], x.shape[0]));
    const memory = discriminatorMemory(rowsPerCall, zeroG, training, heldOutWindows([0, 0, 0], [0, 0, 0]), {
      seed: 1,
      batchSize: 100,
      dequantise: 0,
    });
    expect(memory.training).toEqual({ scored: 1000, meanLogit: 100, meanSign: 1 });
    expect(memory.generated.scored).toBe(1000);
    expect(memory.heldOut).toBeNull();
    // Not the first 1,000 rows (which all score +1).
    const sampled = discriminatorMemory(meanD, zeroG, training, null, {
      seed: 1,
      batchSize: 64,
      dequantise: 0,
    }).training;
    expect(sampled.scored).toBe(1024);
    expect(sampled.meanLogit).toBeLessThan(0.9);
    expect(sampled.meanLogit).toBeGreaterThan(0);
    // A batch larger than 1,024 rows is scored whole, not dropped.
    expect(
      discriminatorMemory(rowsPerCall, zeroG, training, null, { seed: 1, batchSize: 1200, dequantise: 0 }).training,
    ).toEqual({ scored: 1200, meanLogit: 1200, meanSign: 1 });
    tf.dispose([training.windows, training.labels]);
  });

  it('dequantises real windows as training did, and only real ones', () => {
    const training = trainingWindows([3, 3, 3, 3], [0, 0, 0, 0]);
    const spread = discriminator((x) => tf.sqrt(tf.moments(x, 1).variance));
    const plain = discriminatorMemory(spread, zeroG, training, heldOutWindows([1, 1], [0, 0]), {
      seed: 2,
      batchSize: 2,
      dequantise: 0,
    });
    expect([plain.training.meanLogit, plain.heldOut!.meanLogit, plain.generated.meanLogit]).toEqual([0, 0, 0]);
    const noisy = discriminatorMemory(spread, zeroG, training, heldOutWindows([1, 1], [0, 0]), {
      seed: 2,
      batchSize: 2,
      dequantise: 0.5,
    });
    // Uniform noise on ±0.5 has a std of 0.29; L = 10 samples give about that.
    expect(noisy.training.meanLogit).toBeGreaterThan(0.1);
    expect(noisy.heldOut!.meanLogit).toBeGreaterThan(0.1);
    expect(noisy.generated.meanLogit).toBe(0);
    tf.dispose([training.windows, training.labels]);
  });
});
