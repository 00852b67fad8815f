import * as tf from '@tensorflow/tfjs-core';
import { seizureBandShare, type SeizureBandPlan } from '../../ops/seizure-band.js';
import type { LevelTable } from './level-table.js';

/** Shares are compared as logits, clipped here so that a flat or pure-tone window's gradient stays finite. */
const SHARE_CLIP = [0.01, 0.99] as const;

/** The condition's seizure-band share input [N, 1]: 4 · (share − ½), in [-2, 2] like the level and log std. */
export function shareFeature(share: tf.Tensor): tf.Tensor2D {
  return tf.mul(4, tf.sub(share, 0.5)) as tf.Tensor2D;
}

function clippedLogit(share: tf.Tensor): tf.Tensor {
  const p = tf.clipByValue(share, SHARE_CLIP[0], SHARE_CLIP[1]);
  return tf.log(tf.div(p, tf.sub(1, p)));
}

/**
 * The consistency loss of a generator that draws each window's seizure-band share from its
 * level table: (z [N, latent], labels [N], windows [N, L, 1] that G made from them) → the
 * mean over windows of (logit share(window) − logit drawn share)², shares clipped to 1–99%
 * (a scalar). The training loop adds it to G's loss × consistencyWeight, so each window
 * carries the share of the real window its level and scale come from.
 * Why: left to the adversarial game, the shapes' seizure-band shares were squeezed toward
 * the middle (the averaging a GAN does on rare modes), and OpenSeizureDetector alarms on
 * exactly the tail they lost; drawing the share with the level and scale keeps the real
 * joint distribution of all three (docs/lab/2026-11-quality.md).
 */
export function seizureBandConsistency(
  levels: LevelTable,
  bandPlan: SeizureBandPlan,
): (z: tf.Tensor2D, labels: tf.Tensor1D, windows: tf.Tensor3D) => tf.Scalar {
  return (z, labels, windows) =>
    tf.tidy(() => {
      const target = levels.drawnSeizureShare(z, labels); // [N, 1]
      const made = seizureBandShare(windows, bandPlan); // [N, 1]
      return tf.mean(tf.square(tf.sub(clippedLogit(made), clippedLogit(target)))) as tf.Scalar;
    });
}
