import * as tf from '@tensorflow/tfjs-core';

/**
 * Max over a sliding window of `size` samples, stride 1, 'same' padding (the pooling
 * branch of an inception module). x [N, L, C] → [N, L, C].
 *
 * Not tf.maxPool: the wasm backend's MaxPoolGrad is wrong when windows overlap (it loses
 * gradient that several windows route to one sample; tfjs 4.22). Instead a running
 * maximum over shifted copies, max(a, b) = a + relu(b - a)·valid, where `valid` masks the
 * samples a shift pulls across a window's edge. Shifts are row slices of the [N·L, C] view,
 * which are contiguous (slicing the time axis of [N, L, C] is a slow JS copy on wasm), and
 * relu/step are fast kernels where Maximum, GreaterEqual and Less are not: for [64, 125, 64]
 * a forward and backward pass took ~20 ms against 47 ms with tf.maximum. A tie keeps the
 * value already held, so no gradient is counted twice.
 */
export function maxPool1d(x: tf.Tensor3D, size: number): tf.Tensor3D {
  const [batch, length, channels] = x.shape;
  if (size === 1) return x;
  const left = Math.floor((size - 1) / 2);
  return tf.tidy(() => {
    const rows = tf.pad(tf.reshape(x, [batch * length, channels]), [
      [left, size - 1 - left],
      [0, 0],
    ]);
    let pooled: tf.Tensor = tf.reshape(x, [batch * length, channels]); // the centre copy, shift 0
    for (let offset = 0; offset < size; offset++) {
      const shift = offset - left; // this copy holds x[t + shift]
      if (shift === 0) continue;
      const shifted = tf.slice(rows, [offset, 0], [batch * length, channels]);
      pooled = tf.add(pooled, tf.mul(tf.relu(tf.sub(shifted, pooled)), validRows(batch, length, shift)));
    }
    return tf.reshape(pooled, [batch, length, channels]);
  });
}

/** [N·L, 1]: 1 where t + shift lies inside the window t belongs to, else 0. */
function validRows(batch: number, length: number, shift: number): tf.Tensor2D {
  const mask = new Float32Array(batch * length);
  for (let n = 0; n < batch; n++)
    for (let t = 0; t < length; t++) mask[n * length + t] = t + shift >= 0 && t + shift < length ? 1 : 0;
  return tf.tensor2d(mask, [batch * length, 1]);
}

/** Mean over time. x [N, L, C] → [N, C]. */
export function globalAveragePool1d(x: tf.Tensor3D): tf.Tensor2D {
  return tf.mean(x, 1);
}

/**
 * Max over time. x [N, L, C] → [N, C].
 * A max pool whose window is the whole window: tf.max's gradient compares x with the
 * broadcast maximum (Equal on [N, L, C] against [N, 1, C]), which took ~20 ms on wasm for
 * [64, 16, 128]; MaxPoolGrad takes ~6 ms, and is correct here because windows do not overlap.
 */
export function globalMaxPool1d(x: tf.Tensor3D): tf.Tensor2D {
  const [batch, length, channels] = x.shape;
  const pooled = tf.maxPool(
    tf.reshape(x, [batch, 1, length, channels]) as tf.Tensor4D,
    [1, length],
    [1, length],
    'valid',
  );
  return tf.reshape(pooled, [batch, channels]);
}
