import * as tf from '@tensorflow/tfjs-core';
import type { GanLoss } from '@accelgan/model';

/**
 * Adversarial losses on discriminator logits.
 * bce: D minimises softplus(-D(real)) + softplus(D(fake)); G minimises softplus(-D(fake))
 *      (the non-saturating generator loss of Goodfellow et al.).
 * hinge: D minimises mean(relu(1 - D(real))) + mean(relu(1 + D(fake))); G minimises -mean(D(fake)).
 */
export function discriminatorLoss(kind: GanLoss, realLogits: tf.Tensor, fakeLogits: tf.Tensor): tf.Scalar {
  return tf.tidy((): tf.Scalar => {
    if (kind === 'hinge')
      return tf.add(tf.mean(tf.relu(tf.sub(1, realLogits))), tf.mean(tf.relu(tf.add(1, fakeLogits))));
    return tf.add(tf.mean(tf.softplus(tf.neg(realLogits))), tf.mean(tf.softplus(fakeLogits)));
  });
}

export function generatorLoss(kind: GanLoss, fakeLogits: tf.Tensor): tf.Scalar {
  return tf.tidy((): tf.Scalar => {
    if (kind === 'hinge') return tf.neg(tf.mean(fakeLogits) as tf.Scalar);
    return tf.mean(tf.softplus(tf.neg(fakeLogits)));
  });
}
