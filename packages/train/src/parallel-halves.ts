import * as tf from '@tensorflow/tfjs-core';
import type { Discriminator, Generator } from '@accelgan/model';
import type { BatchSampler } from './batches.js';
import type { TrainConfig } from './config.js';
import { discriminatorLoss, generatorLoss } from './losses.js';
import { deriveSeed, Stream } from './seeds.js';

/** Rows [from, to) of the step's batch that one thread computes gradients for. */
export interface Rows {
  readonly from: number;
  readonly to: number;
}

/** Gradients (in the network's trainable order) and readings of one share of a batch. */
export interface Share {
  readonly grads: tf.Tensor[];
  /** [loss, mean real logit, mean fake logit] (the G update fills only loss). */
  readonly readings: tf.Tensor1D;
}

type Networks = { readonly G: Generator; readonly D: Discriminator };

function noiseRows(config: TrainConfig, G: Generator, stream: Stream, step: number, k: number, rows: Rows): tf.Tensor2D {
  // The whole batch's noise, exactly as the one-thread step draws it, then this share's rows.
  const z = tf.randomNormal([config.batchSize, G.latentDim], 0, 1, 'float32', deriveSeed(config.seed, stream, step, k)) as tf.Tensor2D;
  return tf.slice(z, [rows.from, 0], [rows.to - rows.from, -1]);
}

function batchRows(batches: BatchSampler, b: number, rows: Rows): { windows: tf.Tensor3D; labels: tf.Tensor1D } {
  const batch = batches.batch(b);
  const size = rows.to - rows.from;
  return { windows: tf.slice(batch.windows, [rows.from, 0, 0], [size, -1, -1]), labels: tf.slice(batch.labels, [rows.from], [size]) };
}

/**
 * The discriminator update's gradients on rows of batch (step, k), as Gan.trainStep
 * computes them for the whole batch. The loss is a mean over rows, so the size-weighted
 * mean of the shares' gradients is the whole batch's gradient.
 */
export function discriminatorShare({ G, D }: Networks, config: TrainConfig, batches: BatchSampler, step: number, k: number, rows: Rows): Share {
  return tf.tidy(() => {
    const batch = batchRows(batches, step * config.dStepsPerG + k, rows);
    const fake = G.apply(noiseRows(config, G, Stream.DiscriminatorNoise, step, k, rows), batch.labels, true);
    let dReal: tf.Scalar = tf.scalar(0);
    let dFake: tf.Scalar = tf.scalar(0);
    const { value, grads } = tf.variableGrads(() => {
      const realLogits = D.apply(batch.windows, batch.labels, true);
      const fakeLogits = D.apply(fake, batch.labels, true);
      dReal = tf.keep(tf.mean(realLogits));
      dFake = tf.keep(tf.mean(fakeLogits));
      return discriminatorLoss(config.loss, realLogits, fakeLogits);
    }, [...D.trainable.values()]);
    return { grads: [...D.trainable.values()].map((v) => grads[v.name]!), readings: tf.stack([value, dReal, dFake]) as tf.Tensor1D };
  });
}

/** The generator update's gradients on rows of the step's batch (labels of its last D batch). */
export function generatorShare({ G, D }: Networks, config: TrainConfig, batches: BatchSampler, step: number, rows: Rows): Share {
  return tf.tidy(() => {
    const { labels } = batchRows(batches, step * config.dStepsPerG + config.dStepsPerG - 1, rows);
    const { value, grads } = tf.variableGrads(() => {
      const fake = G.apply(noiseRows(config, G, Stream.GeneratorNoise, step, 0, rows), labels, true);
      return generatorLoss(config.loss, D.apply(fake, labels, true));
    }, [...G.trainable.values()]);
    return { grads: [...G.trainable.values()].map((v) => grads[v.name]!), readings: tf.stack([value, tf.scalar(0), tf.scalar(0)]) as tf.Tensor1D };
  });
}
