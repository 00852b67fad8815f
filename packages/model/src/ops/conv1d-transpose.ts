import type * as tf from '@tensorflow/tfjs-core';
import { conv1dBackpropInput } from './conv1d.js';
import { conv1dGeometry, type Conv1dPadding } from './conv-geometry.js';

/**
 * Transposed 1-D convolution (Keras Conv1DTranspose, tf.conv2dTranspose in 1-D): the
 * adjoint of conv1d(·, filter, stride, pad), differentiable wrt x and filter on every backend.
 *
 * x [N, Lin, Cin], filter [K, Cout, Cin] → [N, outLength, Cout]. outLength must be a length
 * that conv1d with this stride and padding maps back to Lin: 'same' needs
 * ceil(outLength / stride) = Lin (so stride 1 keeps the length and stride 2 allows 2·Lin or 2·Lin - 1).
 *
 * It is built from conv1d's input gradient (polyphase stride-1 convolutions, see
 * conv1dBackpropInput), so its own gradients come from conv1d's kernels: a forward conv
 * for x and the forward-conv filter gradient for the filter. No Conv2DBackpropFilter needed.
 */
export function conv1dTranspose(
  x: tf.Tensor3D,
  filter: tf.Tensor3D,
  stride: number,
  outLength: number,
  pad: Conv1dPadding = 'same',
): tf.Tensor3D {
  if (x.rank !== 3 || filter.rank !== 3 || x.shape[2] !== filter.shape[2]) {
    throw new Error(
      `conv1dTranspose: expected x [N, Lin, Cin] and filter [K, Cout, Cin], got x [${x.shape.join(', ')}] and filter [${filter.shape.join(', ')}]`,
    );
  }
  const expected = conv1dGeometry(outLength, filter.shape[0], stride, pad).outLength;
  if (expected !== x.shape[1]) {
    throw new Error(
      `conv1dTranspose: an output of ${outLength} samples needs an input of ${expected} with stride ${stride} and '${pad}' padding, got ${x.shape[1]}`,
    );
  }
  return conv1dBackpropInput(x, filter, outLength, stride, pad);
}
