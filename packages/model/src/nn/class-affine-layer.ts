import * as tf from '@tensorflow/tfjs-core';
import { matMul } from '../ops/matmul.js';
import { zeros } from './initializers.js';
import type { VariableStore } from './variable-store.js';

/**
 * A per-class, per-channel affine transform: h · (1 + gain[y]) + shift[y] (the learned part
 * of conditional batch norm, without batch statistics). Variables: `name/gain` and
 * `name/shift` [numClasses, C], both starting at zero (identity). With one class it is a
 * plain learned per-channel affine. Given any condition vector instead of one-hot labels
 * (numClasses then being its width), gain and shift are linear in it: a per-window style.
 */
export class ClassAffineLayer {
  readonly gain: tf.Variable<tf.Rank.R2>;
  readonly shift: tf.Variable<tf.Rank.R2>;

  constructor(store: VariableStore, name: string, numClasses: number, channels: number) {
    this.gain = store.weight(`${name}/gain`, [numClasses, channels], zeros);
    this.shift = store.weight(`${name}/shift`, [numClasses, channels], zeros);
  }

  /** h [N, L, C] and one-hot labels (or any condition) [N, numClasses] → [N, L, C]. */
  apply(h: tf.Tensor3D, condition: tf.Tensor2D): tf.Tensor3D {
    const [batch, , channels] = h.shape;
    const gain = tf.reshape(matMul(condition, this.gain), [batch, 1, channels]);
    const shift = tf.reshape(matMul(condition, this.shift), [batch, 1, channels]);
    return tf.add(tf.mul(h, tf.add(gain, 1)), shift);
  }
}
