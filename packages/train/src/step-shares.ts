import * as tf from '@tensorflow/tfjs-core';
import type { Discriminator, Generator } from '@accelgan/model';
import { dequantised, type BatchSampler } from './batches.js';
import type { TrainConfig } from './config.js';
import { discriminatorLoss, generatorLoss } from './losses.js';
import { deriveSeed, Stream } from './seeds.js';
import type { StatisticsLoss } from './statistics-loss.js';

/** Rows [from, to) of the step's batch that one share of an update covers. */
export interface Rows {
  readonly from: number;
  readonly to: number;
}

/** Gradients (in the network's trainable order) and readings of one share of a batch. */
export interface Share {
  readonly grads: tf.Tensor[];
  /** [loss, mean real logit, mean fake logit] for D; [loss, statistics loss, consistency loss] for G. */
  readonly readings: tf.Tensor1D;
}

/** What a training step needs besides its batch: the networks, the run's config and its data's quirks. */
export interface StepContext {
  readonly G: Generator;
  readonly D: Discriminator;
  readonly config: TrainConfig;
  /** The generator's statistics-matching loss, where config.statisticsWeight > 0. */
  readonly statistics: StatisticsLoss | null;
  /**
   * Half-width, in normalised units, of the uniform noise added to real windows (half the
   * watch's quantisation step), so that D cannot tell real from fake by the grid real
   * values lie on; 0 for data that is not quantised.
   */
  readonly dequantise: number;
}

function noiseRows({ config, G }: StepContext, stream: Stream, step: number, k: number, rows: Rows): tf.Tensor2D {
  // The whole batch's noise, drawn the same whatever the share, then this share's rows.
  const z = tf.randomNormal(
    [config.batchSize, G.latentDim],
    0,
    1,
    'float32',
    deriveSeed(config.seed, stream, step, k),
  ) as tf.Tensor2D;
  return rows.from === 0 && rows.to === config.batchSize ? z : tf.slice(z, [rows.from, 0], [rows.to - rows.from, -1]);
}

function batchRows(
  { config, dequantise }: StepContext,
  batches: BatchSampler,
  step: number,
  k: number,
  rows: Rows,
): { windows: tf.Tensor3D; labels: tf.Tensor1D } {
  const batch = batches.batch(step * config.dStepsPerG + k);
  let windows = batch.windows;
  if (dequantise > 0) windows = dequantised(windows, dequantise, deriveSeed(config.seed, Stream.Dequantise, step, k));
  if (rows.from === 0 && rows.to === batches.batchSize) return { windows, labels: batch.labels };
  const size = rows.to - rows.from;
  return {
    windows: tf.slice(windows, [rows.from, 0, 0], [size, -1, -1]),
    labels: tf.slice(batch.labels, [rows.from], [size]),
  };
}

/**
 * The gradients of D's update k of `step` on rows of its batch: D learns to score real
 * windows above fresh fakes. Every random draw is seeded by (seed, step, k), so a resumed
 * run repeats it exactly. Losses are means over rows (minibatch statistics are per fixed
 * group), so the row-weighted mean of group-aligned shares' gradients is the batch's.
 */
export function discriminatorShare(
  context: StepContext,
  batches: BatchSampler,
  step: number,
  k: number,
  rows: Rows,
): Share {
  const { G, D, config } = context;
  return tf.tidy(() => {
    const batch = batchRows(context, batches, step, k, rows);
    const fake = G.apply(noiseRows(context, Stream.DiscriminatorNoise, step, k, rows), batch.labels, true);
    let dReal: tf.Scalar = tf.scalar(0);
    let dFake: tf.Scalar = tf.scalar(0);
    const { value, grads } = tf.variableGrads(() => {
      const realLogits = D.apply(batch.windows, batch.labels, true);
      const fakeLogits = D.apply(fake, batch.labels, true);
      dReal = tf.keep(tf.mean(realLogits));
      dFake = tf.keep(tf.mean(fakeLogits));
      return discriminatorLoss(config.loss, realLogits, fakeLogits);
    }, [...D.trainable.values()]);
    const readings = tf.stack([value, dReal, dFake]) as tf.Tensor1D;
    tf.dispose([dReal, dFake]); // kept out of variableGrads' scope, so not the tidy's to release
    return { grads: [...D.trainable.values()].map((v) => grads[v.name]!), readings };
  });
}

/**
 * The gradients of G's update at `step` on rows of the step's last D batch: G is
 * conditioned on that batch's classes (so classes come in their training proportions),
 * fools D, where asked matches that batch's window statistics class by class, and where it
 * has a consistency loss (DrawnFromData.consistencyLoss) carries the targets it drew.
 */
export function generatorShare(context: StepContext, batches: BatchSampler, step: number, rows: Rows): Share {
  const { G, D, config, statistics } = context;
  return tf.tidy(() => {
    const real = batchRows(context, batches, step, config.dStepsPerG - 1, rows);
    let matched: tf.Scalar = tf.scalar(0);
    let consistency: tf.Scalar = tf.scalar(0);
    const { value, grads } = tf.variableGrads(() => {
      const z = noiseRows(context, Stream.GeneratorNoise, step, 0, rows);
      const fake = G.apply(z, real.labels, true);
      let loss = generatorLoss(config.loss, D.apply(fake, real.labels, true));
      if (statistics && config.statisticsWeight > 0) {
        matched = tf.keep(statistics.loss(real.windows, fake, real.labels));
        loss = tf.add(loss, tf.mul(config.statisticsWeight, matched));
      }
      if (G.drawnFromData && config.consistencyWeight > 0) {
        consistency = tf.keep(G.drawnFromData.consistencyLoss(z, real.labels, fake));
        loss = tf.add(loss, tf.mul(config.consistencyWeight, consistency));
      }
      return loss;
    }, [...G.trainable.values()]);
    const readings = tf.stack([value, matched, consistency]) as tf.Tensor1D;
    tf.dispose([matched, consistency]); // kept out of variableGrads' scope, so not the tidy's to release
    return { grads: [...G.trainable.values()].map((v) => grads[v.name]!), readings };
  });
}
