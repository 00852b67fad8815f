import * as tf from '@tensorflow/tfjs-core';

/**
 * Nearest-neighbour upsampling along time: every sample repeated `factor` times.
 * x [N, L, C] → [N, L·factor, C]; out[:, t] = x[:, floor(t / factor)].
 *
 * Forward: ResizeNearestNeighbor on a [N, 1, L, C] view (exact for power-of-two factors,
 * whose 1/factor scale is exact in float32; other factors broadcast-multiply instead).
 * Gradient: factor × average pooling of dy over windows of `factor`, which is each input
 * sample's summed gradient. On wasm (N=64, L=64, C=64) that takes 1.4 ms against 7.5 ms for
 * ResizeNearestNeighborGrad and 6.3 ms for a slice-and-add; a forward + backward pass
 * through tf's own op took 17 ms against 13 ms for a concat-based upsample.
 */
export function upsample1d(x: tf.Tensor3D, factor: number): tf.Tensor3D {
  if (!Number.isInteger(factor) || factor < 1)
    throw new Error(`upsample1d: factor must be a positive integer, got ${factor}`);
  if (x.rank !== 3) throw new Error(`upsample1d: expected x [N, L, C], got [${x.shape.join(', ')}]`);
  if (factor === 1) return x;
  return repeatSamples(x, factor);
}

const repeatSamples = (x: tf.Tensor3D, factor: number): tf.Tensor3D =>
  tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const input = args[0] as tf.Tensor;
    const [batch, length, channels] = input.shape as [number, number, number];
    const value =
      (factor & (factor - 1)) === 0
        ? tf.reshape(
            tf.image.resizeNearestNeighbor(tf.reshape(input, [batch, 1, length, channels]) as tf.Tensor4D, [
              1,
              length * factor,
            ]),
            [batch, length * factor, channels],
          )
        : tf.reshape(tf.mul(tf.reshape(input, [batch, length, 1, channels]), tf.ones([1, 1, factor, 1])), [
            batch,
            length * factor,
            channels,
          ]);
    const gradFunc = (dy: tf.Tensor) =>
      tf.mul(
        tf.reshape(
          tf.avgPool(
            tf.reshape(dy, [batch, 1, length * factor, channels]) as tf.Tensor4D,
            [1, factor],
            [1, factor],
            'valid',
          ),
          [batch, length, channels],
        ),
        factor,
      );
    return { value, gradFunc };
  })(x) as tf.Tensor3D;
