import * as tf from '@tensorflow/tfjs-core';
import { conv1d, dense, globalAveragePool1d, globalMaxPool1d, leakyRelu } from '@accelgan/model';
import { makeRng, shuffleInPlace } from '../util/rng.js';

/** Training settings of the 1-D CNN critic. */
export interface CnnOptions {
  readonly epochs: number;
  readonly batchSize: number;
  readonly learningRate: number;
  readonly seed: number;
}

export const CNN_DEFAULTS: Omit<CnnOptions, 'seed'> = { epochs: 8, batchSize: 64, learningRate: 1e-2 };

/**
 * A tiny 1-D CNN binary classifier (2,217 weights): four input channels (see
 * CHANNELS, standardised on the training rows); three conv1d layers (4→8 kernel 7, 8→16 kernel 5,
 * 16→16 kernel 5; stride 2, 'same' padding; leaky ReLU 0.2); global mean and max pooling
 * over time, concatenated (32); a dense layer to one logit. Glorot-uniform weights from
 * the seed, zero biases; Adam (β1 0.9, β2 0.999), class-weighted binary cross-entropy,
 * shuffled mini-batches. Trains on `train`, returns the logits of `test` (> 0 = class 1).
 */
export function cnnTrainPredict(
  train: {
    readonly values: Float32Array;
    readonly labels: ArrayLike<number>;
    readonly weights: ArrayLike<number>;
    readonly condition?: ArrayLike<number>;
  },
  test: { readonly values: Float32Array; readonly condition?: ArrayLike<number> },
  samplesPerWindow: number,
  options: CnnOptions,
): Float32Array {
  const l = samplesPerWindow;
  const nTrain = train.values.length / l;
  const nTest = test.values.length / l;
  const scales = inputScales(train.values, l);
  const rand = makeRng(options.seed);
  // A variable shares its initial tensor's buffer; dispose that tensor so only the variable holds it.
  const owned = (initial: tf.Tensor): tf.Variable => {
    const v = tf.variable(initial);
    initial.dispose();
    return v;
  };
  const glorot = (shape: [number, number, number] | [number, number], fanIn: number, fanOut: number): tf.Variable => {
    const limit = Math.sqrt(6 / (fanIn + fanOut));
    const size = shape.reduce((a, b) => a * b, 1);
    const data = new Float32Array(size);
    for (let i = 0; i < size; i++) data[i] = (rand() * 2 - 1) * limit;
    return owned(tf.tensor(data, shape));
  };
  const vars = {
    w1: glorot([7, CHANNELS, 8], 7 * CHANNELS, 7 * 8),
    b1: owned(tf.zeros([8])),
    w2: glorot([5, 8, 16], 5 * 8, 5 * 16),
    b2: owned(tf.zeros([16])),
    w3: glorot([5, 16, 16], 5 * 16, 5 * 16),
    b3: owned(tf.zeros([16])),
    wd: glorot([32, 1], 32, 1),
    bd: owned(tf.zeros([1])),
  };
  const varList = Object.values(vars);
  const forward = (x: tf.Tensor3D): tf.Tensor1D => {
    const h1 = leakyRelu(tf.add(conv1d(x, vars.w1 as tf.Tensor3D, 2, 'same'), vars.b1) as tf.Tensor3D, 0.2);
    const h2 = leakyRelu(tf.add(conv1d(h1, vars.w2 as tf.Tensor3D, 2, 'same'), vars.b2) as tf.Tensor3D, 0.2);
    const h3 = leakyRelu(tf.add(conv1d(h2, vars.w3 as tf.Tensor3D, 2, 'same'), vars.b3) as tf.Tensor3D, 0.2);
    const pooled = tf.concat([globalAveragePool1d(h3), globalMaxPool1d(h3)], 1);
    return tf.reshape(dense(pooled, vars.wd as tf.Tensor2D, vars.bd as tf.Tensor1D), [-1]);
  };
  const batchTensor = (
    source: Float32Array,
    condition: ArrayLike<number> | undefined,
    rows: readonly number[],
  ): tf.Tensor3D => tf.tensor3d(inputChannels(source, condition, rows, l, scales), [rows.length, l, CHANNELS]);

  const optimizer = tf.train.adam(options.learningRate, 0.9, 0.999);
  const order = Array.from({ length: nTrain }, (_, i) => i);
  try {
    for (let epoch = 0; epoch < options.epochs; epoch++) {
      shuffleInPlace(order, rand);
      for (let start = 0; start < nTrain; start += options.batchSize) {
        const rows = order.slice(start, start + options.batchSize);
        if (rows.length < 2) continue;
        tf.tidy(() => {
          const x = batchTensor(train.values, train.condition, rows);
          const y = tf.tensor1d(rows.map((r) => train.labels[r] as number));
          const w = tf.tensor1d(rows.map((r) => train.weights[r] as number));
          optimizer.minimize(
            () => {
              const z = forward(x);
              // Stable BCE on logits: max(z,0) - z·y + log(1 + e^{-|z|}).
              const bce = tf.add(tf.sub(tf.relu(z), tf.mul(z, y)), tf.log1p(tf.exp(tf.neg(tf.abs(z)))));
              return tf.div(tf.sum(tf.mul(bce, w)), tf.sum(w)) as tf.Scalar;
            },
            false,
            varList,
          );
        });
      }
    }
    const out = new Float32Array(nTest);
    const chunk = 256;
    for (let start = 0; start < nTest; start += chunk) {
      const rows = Array.from({ length: Math.min(chunk, nTest - start) }, (_, k) => start + k);
      const logits = tf.tidy(() => forward(batchTensor(test.values, test.condition, rows)));
      out.set(logits.dataSync(), start);
      logits.dispose();
    }
    return out;
  } finally {
    optimizer.dispose();
    for (const variable of varList) variable.dispose();
  }
}

/**
 * Input channels per time step: the window minus its mean, its first difference, the
 * window's mean level (constant over time) and the condition (constant: +1 ictal,
 * -1 non-ictal, 0 unlabelled), which makes the critic class-conditional.
 */
const CHANNELS = 4;

interface InputScales {
  readonly level: number;
  readonly levelSd: number;
  readonly shapeSd: number;
  readonly diffSd: number;
}

/**
 * Standardisation of the three input channels, fitted on the training rows: the
 * window's mean level (mean and std over windows), the de-meaned samples (pooled std)
 * and the first differences (pooled std). Splitting level from shape keeps the
 * gravity offset, which varies a lot between windows, from drowning the waveform.
 */
function inputScales(values: Float32Array, l: number): InputScales {
  const n = values.length / l;
  let levelSum = 0;
  let levelSq = 0;
  let shapeSq = 0;
  let diffSq = 0;
  for (let i = 0; i < n; i++) {
    let m = 0;
    for (let t = 0; t < l; t++) m += values[i * l + t] as number;
    m /= l;
    levelSum += m;
    levelSq += m * m;
    for (let t = 0; t < l; t++) {
      const v = values[i * l + t] as number;
      shapeSq += (v - m) ** 2;
      if (t > 0) diffSq += (v - (values[i * l + t - 1] as number)) ** 2;
    }
  }
  const level = levelSum / n;
  const sd = (x: number): number => (x > 0 && Number.isFinite(x) ? Math.sqrt(x) : 1);
  return {
    level,
    levelSd: sd(levelSq / n - level * level),
    shapeSd: sd(shapeSq / (n * l)),
    diffSd: sd(diffSq / (n * (l - 1))),
  };
}

function inputChannels(
  source: Float32Array,
  condition: ArrayLike<number> | undefined,
  rows: readonly number[],
  l: number,
  s: InputScales,
): Float32Array {
  const out = new Float32Array(rows.length * l * CHANNELS);
  rows.forEach((r, k) => {
    let m = 0;
    for (let t = 0; t < l; t++) m += source[r * l + t] as number;
    m /= l;
    const level = (m - s.level) / s.levelSd;
    const c = condition ? (condition[r] as number) : 0;
    for (let t = 0; t < l; t++) {
      const v = source[r * l + t] as number;
      const o = (k * l + t) * CHANNELS;
      out[o] = (v - m) / s.shapeSd;
      out[o + 1] = t > 0 ? (v - (source[r * l + t - 1] as number)) / s.diffSd : 0;
      out[o + 2] = level;
      out[o + 3] = c;
    }
  });
  return out;
}
