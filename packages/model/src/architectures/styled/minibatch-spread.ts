import * as tf from '@tensorflow/tfjs-core';

/**
 * Rows of a batch that share one minibatch statistic. Statistics of fixed groups (as in
 * StyleGAN's minibatch standard deviation) make a batch's loss the mean of its groups'
 * losses, so a batch split into group-aligned shards on several threads gives the same
 * gradient as the whole batch on one. A batch that is not a multiple of it is one group.
 */
export const MINIBATCH_GROUP_SIZE = 32;

/**
 * Minibatch standard deviation (Karras et al. 2018): each group's spread of the time
 * branch's features h [N, L', C], averaged to one number and given to every row of the
 * group as a feature [N, 1], so that D can tell a generator that collapses to a few
 * windows from the varied real batch. (A group of one has spread 0.)
 */
export function minibatchSpread(h: tf.Tensor3D): tf.Tensor2D {
  const [batch, length, channels] = h.shape;
  const groups = batch % MINIBATCH_GROUP_SIZE === 0 ? batch / MINIBATCH_GROUP_SIZE : 1;
  const grouped = tf.reshape(h, [groups, batch / groups, length * channels]);
  const spread = tf.mean(tf.sqrt(tf.add(tf.moments(grouped, 1).variance, 1e-8)), 1, true); // [groups, 1]
  return tf.reshape(tf.mul(tf.ones([groups, batch / groups]), spread), [batch, 1]) as tf.Tensor2D; // (tile is slow on wasm)
}
