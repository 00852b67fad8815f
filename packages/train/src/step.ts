import * as tf from '@tensorflow/tfjs-core';
import type { GanLoss } from '@accelgan/model';
import { dequantised, type BatchSampler } from './batches.js';
import type { Gan } from './gan.js';
import type { StepContext } from './step-context.js';
import { deriveSeed, Stream } from './seeds.js';

/**
 * One training step of the conditional GAN, at step index `step`:
 *
 *   1. discriminator update, `dStepsPerG` times: D learns to score a real batch above
 *      fakes drawn from fresh noise with the batch's classes;
 *   2. generator update: G learns to make fakes D scores as real, conditioned on the last
 *      real batch's classes (so classes come in their training proportions), plus, where
 *      the config weighs them, the statistics-matching and consistency losses;
 *   3. moving average: the generator's exponential moving average follows its weights.
 *
 * Every random draw (the batch, its dequantisation noise, the latents) is a pure function
 * of (seed, step, k), so a resumed run repeats a step exactly. `gradients` says where the
 * gradients of an update are computed: here on the whole batch, or split across threads
 * (DataParallel); the update itself is always applied here, to the one Gan.
 */
export function trainStep(
  gan: Gan,
  batches: BatchSampler,
  step: number,
  gradients: StepGradients = WHOLE_BATCH,
): StepLosses {
  const context = gan.context(batches);

  // 1. Discriminator update(s): D learns to score real windows above fakes.
  let d: Float32Array = new Float32Array(3);
  for (let k = 0; k < gan.config.dStepsPerG; k++) {
    const update = gradients.discriminator(context, batches, step, k);
    gan.optimiserD.apply(update.grads);
    d = readingsOf(update);
  }

  // 2. Generator update, through the discriminator just updated.
  const update = gradients.generator(context, batches, step);
  gan.optimiserG.apply(update.grads);
  const g = readingsOf(update);

  // 3. Moving average of the generator's weights.
  gan.average?.update(step);

  return { dLoss: d[0]!, gLoss: g[0]!, gStatistics: g[1]!, gConsistency: g[2]!, dReal: d[1]!, dFake: d[2]! };
}

/** Losses of one training step, read back to numbers. */
export interface StepLosses {
  readonly dLoss: number;
  /** G's whole loss: adversarial plus statisticsWeight × statistics plus consistencyWeight × consistency. */
  readonly gLoss: number;
  /** G's statistics-matching loss (MMD²) before weighting; 0 where it is off. */
  readonly gStatistics: number;
  /** G's consistency loss (DrawnFromData.consistencyLoss) before weighting; 0 where it is off. */
  readonly gConsistency: number;
  /** Mean discriminator logit on the real and on the fake batch of the last D update. */
  readonly dReal: number;
  readonly dFake: number;
}

/** Rows [from, to) of the step's batch. */
export interface Rows {
  readonly from: number;
  readonly to: number;
}

/** Gradients of one update by variable name, as the optimiser takes them, and its readings (see Share). */
export interface Update {
  readonly grads: Map<string, tf.Tensor>;
  readonly readings: Float32Array;
}

/** Where the gradients of a step's updates are computed. */
export interface StepGradients {
  /** D's update k of `step`. */
  discriminator(context: StepContext, batches: BatchSampler, step: number, k: number): Update;
  /** G's update of `step`. */
  generator(context: StepContext, batches: BatchSampler, step: number): Update;
}

/** Gradients on the whole batch, in this thread. */
const WHOLE_BATCH: StepGradients = {
  discriminator: (context, batches, step, k) =>
    asUpdate(discriminatorGradients(context, batches, step, k, allRows(batches)), context.D.trainable),
  generator: (context, batches, step) =>
    asUpdate(generatorGradients(context, batches, step, allRows(batches)), context.G.trainable),
};

/** An applied update's readings; its gradients are released. */
function readingsOf(update: Update): Float32Array {
  tf.dispose([...update.grads.values()]);
  return update.readings;
}

function allRows(batches: BatchSampler): Rows {
  return { from: 0, to: batches.batchSize };
}

/** A whole batch's share as an update: its gradients by the network's names, its readings read back. */
function asUpdate(share: Share, variables: ReadonlyMap<string, tf.Variable>): Update {
  const names = [...variables.keys()];
  const readings = share.readings.dataSync() as Float32Array;
  share.readings.dispose();
  return { grads: new Map(share.grads.map((grad, i) => [names[i]!, grad])), readings };
}

/** Gradients (in the network's trainable order) and readings of one share of a batch: rows [from, to). */
export interface Share {
  readonly grads: tf.Tensor[];
  /** [loss, mean real logit, mean fake logit] for D; [loss, statistics loss, consistency loss] for G. */
  readonly readings: tf.Tensor1D;
}

/**
 * Stage 1 on rows of the batch: the gradients of D's update k of `step`. D scores real
 * windows (dequantised) against fakes G makes from fresh noise with the same classes.
 * Losses are means over rows (minibatch statistics are per fixed group), so the
 * row-weighted mean of group-aligned shares' gradients is the whole batch's.
 */
export function discriminatorGradients(
  context: StepContext,
  batches: BatchSampler,
  step: number,
  k: number,
  rows: Rows,
): Share {
  const { G, D, config } = context;
  return tf.tidy(() => {
    const real = realRows(context, batches, step, k, rows);
    const fake = G.apply(noiseRows(context, Stream.DiscriminatorNoise, step, k, rows), real.labels, true);
    let dReal: tf.Scalar = tf.scalar(0);
    let dFake: tf.Scalar = tf.scalar(0);
    const { value, grads } = tf.variableGrads(() => {
      const realLogits = D.apply(real.windows, real.labels, true);
      const fakeLogits = D.apply(fake, real.labels, true);
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
 * Stage 2 on rows of the batch: the gradients of G's update at `step`, on the step's last
 * D batch. G is conditioned on that batch's classes, fools D, where asked matches that
 * batch's window statistics class by class, and where it has a consistency loss
 * (DrawnFromData.consistencyLoss) carries the targets it drew.
 */
export function generatorGradients(context: StepContext, batches: BatchSampler, step: number, rows: Rows): Share {
  const { G, D, config, statistics } = context;
  return tf.tidy(() => {
    const real = realRows(context, batches, step, config.dStepsPerG - 1, rows);
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

/**
 * Adversarial losses on discriminator logits.
 * bce: D minimises softplus(-D(real)) + softplus(D(fake)); G minimises softplus(-D(fake))
 *      (the non-saturating generator loss of Goodfellow et al.).
 * hinge: D minimises mean(relu(1 - D(real))) + mean(relu(1 + D(fake))); G minimises -mean(D(fake)).
 */
function discriminatorLoss(kind: GanLoss, realLogits: tf.Tensor, fakeLogits: tf.Tensor): tf.Scalar {
  return tf.tidy((): tf.Scalar => {
    if (kind === 'hinge')
      return tf.add(tf.mean(tf.relu(tf.sub(1, realLogits))), tf.mean(tf.relu(tf.add(1, fakeLogits))));
    return tf.add(tf.mean(tf.softplus(tf.neg(realLogits))), tf.mean(tf.softplus(fakeLogits)));
  });
}

function generatorLoss(kind: GanLoss, fakeLogits: tf.Tensor): tf.Scalar {
  return tf.tidy((): tf.Scalar => {
    if (kind === 'hinge') return tf.neg(tf.mean(fakeLogits) as tf.Scalar);
    return tf.mean(tf.softplus(tf.neg(fakeLogits)));
  });
}

/** Latents [rows, latentDim]: the whole batch's noise, drawn the same whatever the share, then this share's rows. */
function noiseRows({ config, G }: StepContext, stream: Stream, step: number, k: number, rows: Rows): tf.Tensor2D {
  const z = tf.randomNormal(
    [config.batchSize, G.latentDim],
    0,
    1,
    'float32',
    deriveSeed(config.seed, stream, step, k),
  ) as tf.Tensor2D;
  return rows.from === 0 && rows.to === config.batchSize ? z : tf.slice(z, [rows.from, 0], [rows.to - rows.from, -1]);
}

/** Real windows [rows, L, 1] (dequantised where their recording is on the grid) and their labels: batch step·dStepsPerG + k. */
function realRows(
  { config, dequantise }: StepContext,
  batches: BatchSampler,
  step: number,
  k: number,
  rows: Rows,
): { windows: tf.Tensor3D; labels: tf.Tensor1D } {
  const batch = batches.batch(step * config.dStepsPerG + k);
  let windows = batch.windows;
  if (dequantise > 0)
    windows = dequantised(windows, dequantise, deriveSeed(config.seed, Stream.Dequantise, step, k), batch.onGrid);
  if (rows.from === 0 && rows.to === batches.batchSize) return { windows, labels: batch.labels };
  const size = rows.to - rows.from;
  return {
    windows: tf.slice(windows, [rows.from, 0, 0], [size, -1, -1]),
    labels: tf.slice(batch.labels, [rows.from], [size]),
  };
}
