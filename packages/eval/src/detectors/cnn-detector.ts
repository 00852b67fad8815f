import * as tf from '@tensorflow/tfjs-core';
import { AccelganError } from '@accelgan/data';
import {
  batchNorm,
  conv1d,
  dense,
  globalAveragePool1d,
  type BatchNormParams,
  type BatchNormState,
} from '@accelgan/model';
import { gradientsAvailable } from '../util/backend.js';
import { makeRng, type Rand } from '../util/rng.js';
import { countWindows } from '../windows.js';
import type { WindowSet } from '../types.js';
import { classCounts, type DetectorTrainingSet, type FittedDetector, type WindowDetector } from './detector.js';

/** Training settings of the window CNN. */
export interface CnnDetectorOptions {
  /** Filters of every convolution (the toolkit's cnnModel has 64). */
  readonly filters: number;
  /** Convolution blocks (the toolkit's nLayers, default 3). */
  readonly layers: number;
  readonly kernel: number;
  /** Minibatch updates: a fixed number, so that every arm costs the same whatever its size. */
  readonly steps: number;
  /** Windows per minibatch, half of each class. */
  readonly batchSize: number;
  readonly learningRate: number;
}

export const CNN_DETECTOR_DEFAULTS: CnnDetectorOptions = {
  filters: 32,
  layers: 3,
  kernel: 3,
  steps: 300,
  batchSize: 64,
  learningRate: 1e-3,
};

/**
 * A 1-D CNN on 5 s windows in the spirit of the OpenSeizureDetector toolkit's cnnModel
 * (user_tools/nnTraining2/cnnModel.py): `layers` × [Conv1D(`filters`, `kernel`, 'same', no
 * bias) → batch normalisation → ReLU] → global average pooling over time → one dense
 * logit (two-class softmax in the toolkit; a sigmoid is the same model). Input: the
 * window in milli-g scaled by the fold's fitted scaling, [N, 125, 1]. Weights
 * Glorot-uniform from the seed; Adam; binary cross-entropy on minibatches of
 * `batchSize` windows drawn with replacement, half from each class (as the toolkit's
 * WeightedRandomSampler balances its batches), for `steps` updates. Batch normalisation
 * uses the batch statistics in training and the moving averages (momentum 0.99, as
 * Keras) when deciding. Decision: logit > 0 (p(ictal) > 0.5, the toolkit's argmax);
 * score: the logit. Same seed, same backend → the same detector.
 */
export function cnnDetector(options: Partial<CnnDetectorOptions> = {}): WindowDetector {
  const o = { ...CNN_DETECTOR_DEFAULTS, ...options };
  return {
    name: 'cnn',
    description: `1-D CNN on 5 s windows (${o.layers} × conv ${o.filters}×${o.kernel} + batch norm + ReLU, global average pooling; ${o.steps} balanced minibatches of ${o.batchSize})`,
    trained: true,
    fit: async (train, context) => {
      if (!(await gradientsAvailable()))
        throw new AccelganError('the CNN detector needs TensorFlow.js gradients, which this backend lacks');
      return fitCnn(train, context.seed, context.inputScale, o);
    },
  };
}

interface Block {
  readonly kernel: tf.Variable;
  readonly norm: BatchNormParams & { readonly gamma: tf.Variable<tf.Rank.R1>; readonly beta: tf.Variable<tf.Rank.R1> };
  readonly state: BatchNormState;
}

function fitCnn(
  train: DetectorTrainingSet,
  seed: number,
  inputScale: { readonly offset: number; readonly scale: number },
  o: CnnDetectorOptions,
): FittedDetector {
  const counts = classCounts(train);
  if (counts.ictal === 0 || counts.nonIctal === 0)
    throw new AccelganError(
      `the CNN detector needs windows of both classes to learn from; got ${counts.ictal} ictal and ${counts.nonIctal} non-ictal`,
    );
  const l = train.samplesPerWindow;
  const rand = makeRng(seed);
  const owned = (initial: tf.Tensor, trainable = true): tf.Variable => {
    const v = tf.variable(initial, trainable);
    initial.dispose();
    return v;
  };
  const glorot = (shape: number[], fanIn: number, fanOut: number): tf.Variable => {
    const limit = Math.sqrt(6 / (fanIn + fanOut));
    const size = shape.reduce((a, b) => a * b, 1);
    const data = new Float32Array(size);
    for (let i = 0; i < size; i++) data[i] = (rand() * 2 - 1) * limit;
    return owned(tf.tensor(data, shape));
  };
  const blocks: Block[] = [];
  for (let b = 0, channels = 1; b < o.layers; b++, channels = o.filters) {
    blocks.push({
      kernel: glorot([o.kernel, channels, o.filters], o.kernel * channels, o.kernel * o.filters),
      norm: {
        gamma: owned(tf.ones([o.filters])) as tf.Variable<tf.Rank.R1>,
        beta: owned(tf.zeros([o.filters])) as tf.Variable<tf.Rank.R1>,
      },
      state: {
        movingMean: owned(tf.zeros([o.filters]), false) as tf.Variable<tf.Rank.R1>,
        movingVariance: owned(tf.ones([o.filters]), false) as tf.Variable<tf.Rank.R1>,
      },
    });
  }
  const outWeight = glorot([o.filters, 1], o.filters, 1);
  const outBias = owned(tf.zeros([1]));
  const trainable = [...blocks.flatMap((b) => [b.kernel, b.norm.gamma, b.norm.beta]), outWeight, outBias];
  const all = [...trainable, ...blocks.flatMap((b) => [b.state.movingMean, b.state.movingVariance])];

  const forward = (x: tf.Tensor3D, training: boolean): tf.Tensor1D => {
    let h = x;
    for (const block of blocks)
      h = tf.relu(batchNorm(conv1d(h, block.kernel as tf.Tensor3D, 1, 'same'), block.norm, block.state, training));
    return tf.reshape(dense(globalAveragePool1d(h), outWeight as tf.Tensor2D, outBias as tf.Tensor1D), [-1]);
  };
  const input = (values: Float32Array | Float64Array, rows: ArrayLike<number>): tf.Tensor3D => {
    const data = new Float32Array(rows.length * l);
    for (let k = 0; k < rows.length; k++) {
      const from = (rows[k] as number) * l;
      for (let t = 0; t < l; t++)
        data[k * l + t] = ((values[from + t] as number) - inputScale.offset) / inputScale.scale;
    }
    return tf.tensor3d(data, [rows.length, l, 1]);
  };

  const byClass = [[], []] as [number[], number[]];
  train.ictal.forEach((label, i) => byClass[label ? 1 : 0].push(i));
  const half = Math.max(1, Math.floor(o.batchSize / 2));
  const labels = tf.tensor1d(Array.from({ length: 2 * half }, (_, k) => (k < half ? 0 : 1)));
  const optimizer = tf.train.adam(o.learningRate, 0.9, 0.999);
  try {
    for (let step = 0; step < o.steps; step++) {
      const rows = [...draw(byClass[0], half, rand), ...draw(byClass[1], half, rand)];
      tf.tidy(() => {
        const x = input(train.values, rows);
        optimizer.minimize(
          () => {
            const z = forward(x, true);
            // Binary cross-entropy on logits, stable form: max(z, 0) − z·y + log(1 + e^{−|z|}).
            return tf.mean(
              tf.add(tf.sub(tf.relu(z), tf.mul(z, labels)), tf.log1p(tf.exp(tf.neg(tf.abs(z))))),
            ) as tf.Scalar;
          },
          false,
          trainable,
        );
      });
    }
  } catch (error) {
    for (const v of all) v.dispose();
    throw error;
  } finally {
    optimizer.dispose();
    labels.dispose();
  }

  let disposed = false;
  return {
    decide(windows: WindowSet) {
      if (disposed) throw new Error('the CNN detector was disposed');
      const n = countWindows(windows);
      const scores = new Float64Array(n);
      const chunk = 512;
      for (let start = 0; start < n; start += chunk) {
        const rows = Array.from({ length: Math.min(chunk, n - start) }, (_, k) => start + k);
        const logits = tf.tidy(() => forward(input(windows.values, rows), false));
        scores.set(logits.dataSync(), start);
        logits.dispose();
      }
      return { scores, decisions: Uint8Array.from(scores, (z) => (z > 0 ? 1 : 0)) };
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      for (const v of all) v.dispose();
    },
  };
}

/** `k` rows drawn uniformly with replacement. */
function draw(rows: readonly number[], k: number, rand: Rand): number[] {
  return Array.from({ length: k }, () => rows[Math.floor(rand() * rows.length)] as number);
}
