import * as tf from '@tensorflow/tfjs-core';
import { conv1dGeometry, type Conv1dPadding } from './conv-geometry.js';
import { backendKernel, ensureOwnKernel, kernelInput, usesOwnKernels } from './own-kernels.js';

/**
 * 1-D convolution (a cross-correlation, as in TensorFlow), differentiable with respect to
 * both x and filter on every backend, wasm included.
 *
 * x [N, L, Cin], filter [K, Cin, Cout] → [N, Lout, Cout], where
 * Lout = ceil(L / stride) for 'same' and ceil((L - K + 1) / stride) for 'valid'.
 *
 * On wasm and cpu this runs accelgan's own kernel (the backend's Conv2D on a [N, 1, L, C]
 * view) whose registered gradient computes only the input gradients the tape asks for:
 * D's first layer never computes a gradient for the data, and G's update never computes
 * D's filter gradients. Elsewhere it is tf.conv1d with tf's native gradients.
 */
export function conv1d(x: tf.Tensor3D, filter: tf.Tensor3D, stride = 1, pad: Conv1dPadding = 'same'): tf.Tensor3D {
  checkConvShapes(x, filter);
  return convolve(x, filter, stride, pad, 1);
}

const CONV1D_KERNEL = 'AccelganConv1D';

type Conv1dAttrs = { stride: number; pad: Conv1dPadding; dilation: number };

/** conv1d with an optional dilation (stride must then be 1), dispatched to the right kernel. */
function convolve(
  x: tf.Tensor3D,
  filter: tf.Tensor3D,
  stride: number,
  pad: Conv1dPadding,
  dilation: number,
): tf.Tensor3D {
  if (!usesOwnKernels()) return tf.conv1d(x, filter, stride, pad, 'NWC', dilation);
  ensureOwnKernel(CONV1D_KERNEL, conv1dKernelFunc, conv1dGradient);
  const attrs: Conv1dAttrs = { stride, pad, dilation };
  return tf.engine().runKernel(CONV1D_KERNEL, { x, filter }, attrs);
}

/** The backend's Conv2D on [N, 1, L, Cin] / [1, K, Cin, Cout] views of the same buffers. */
function conv1dKernelFunc(backendName: string): tf.KernelFunc {
  const conv2d = backendKernel(tf.Conv2D, backendName);
  return ({ inputs, backend, attrs }) => {
    const x = kernelInput(inputs, 'x');
    const filter = kernelInput(inputs, 'filter');
    const { stride, pad, dilation } = attrs as Conv1dAttrs;
    const [batch = 0, length = 0, inChannels = 0] = x.shape;
    const [kernelSize = 0, , outChannels = 0] = filter.shape;
    // 'same' goes to the backend as explicit zeros: wasm's own SAME mode returns all zeros when
    // the stride exceeds the kernel and TensorFlow's total padding would be negative
    // (tf.conv1d(x [1, 9, 2], filter [2, 2, 2], 3, 'same') on wasm).
    const geometry = conv1dGeometry(length, (kernelSize - 1) * dilation + 1, stride, pad);
    const padRight = Math.max(geometry.usedLength - length - geometry.padLeft, 0);
    const out = conv2d({
      inputs: {
        x: { ...x, shape: [batch, 1, length, inChannels] },
        filter: { ...filter, shape: [1, kernelSize, inChannels, outChannels] },
      },
      backend,
      attrs: {
        strides: [1, stride],
        pad: [
          [0, 0],
          [0, 0],
          [geometry.padLeft, padRight],
          [0, 0],
        ],
        dataFormat: 'NHWC',
        dilations: [1, dilation],
      },
    }) as tf.TensorInfo;
    return { ...out, shape: [batch, out.shape[2] ?? 0, outChannels] };
  };
}

const conv1dGradient: tf.GradConfig = {
  kernelName: CONV1D_KERNEL,
  inputsToSave: ['x', 'filter'],
  gradFunc: (dy, saved, attrs) => {
    const [x, filter] = saved as [tf.Tensor3D, tf.Tensor3D];
    const { stride, pad, dilation } = attrs as Conv1dAttrs;
    // Dilated convolutions only appear inside conv1dBackpropFilter; nothing differentiates those.
    if (dilation !== 1) throw new Error('conv1d: the gradient of a dilated convolution is not implemented');
    const upstream = dy as tf.Tensor3D;
    return {
      x: () => conv1dBackpropInput(upstream, filter, x.shape[1], stride, pad),
      filter: () => conv1dBackpropFilter(x, upstream, filter.shape[0], stride, pad),
    };
  },
};

/**
 * dL/dfilter of conv1d: x [N, L, Cin] and dy [N, Lout, Cout] → [K, Cin, Cout].
 *
 * dW[k, ci, co] = Σ_{n,j} xpad[n, j·stride + k, ci] · dy[n, j, co] is itself a 1-D
 * convolution: read x as Cin rows of `usedLength` samples with N channels, and dy as a
 * filter of length Lout from N to Cout channels, dilated by the stride; the output has
 * exactly K samples. So the work runs on the backend's fast forward Conv2D.
 *
 * Measured on wasm (2-core machine, ms per call; forward conv for scale):
 *   N=64 L=128 64→64 k5 s1:  this 33 | im2col (K strided slices, concat, transpose,
 *     matMul) 47 | im2col with matMul transposeA 231 | per-tap matMuls 41 |
 *     Conv3DBackpropFilterV2 (depth = height = 1) 495 | forward 17
 *   N=128 L=64 64→128 k5 s2: this 40 | im2col 361 | per-tap matMuls 314 |
 *     Conv3DBackpropFilterV2 927 | forward 18
 *   N=64 L=125 32→32 k9 s1:  this 11 | im2col 35 | Conv3DBackpropFilterV2 241 | forward 9
 * On cpu (N=64 L=128 64→64 k5): this 727 | im2col 2947 | native Conv2DBackpropFilter 61005.
 */
export function conv1dBackpropFilter(
  x: tf.Tensor3D,
  dy: tf.Tensor3D,
  kernelSize: number,
  stride: number,
  pad: Conv1dPadding,
): tf.Tensor3D {
  const geometry = conv1dGeometry(x.shape[1], kernelSize, stride, pad);
  if (dy.shape[1] !== geometry.outLength || dy.shape[0] !== x.shape[0]) {
    throw new Error(
      `conv1dBackpropFilter: dy ${shapeText(dy)} does not fit x ${shapeText(x)} with kernel ${kernelSize}, stride ${stride}, ${pad}`,
    );
  }
  return tf.tidy(() => {
    const window = shiftAndFit(x, geometry.padLeft, geometry.usedLength); // [N, usedLength, Cin]
    const rows = tf.transpose(window, [2, 1, 0]); // [Cin, usedLength, N]
    const dyAsFilter = tf.transpose(dy, [1, 0, 2]); // [Lout, N, Cout]
    const perInputChannel = convolve(rows, dyAsFilter, 1, 'valid', stride); // [Cin, K, Cout]
    return tf.transpose(perInputChannel, [1, 0, 2]);
  });
}

/**
 * dL/dx of conv1d: dy [N, Lout, Cout] and filter [K, Cin, Cout] → [N, inLength, Cin].
 * This is also the transposed convolution (see conv1dTranspose), and it is differentiable.
 *
 * Stride 1: a forward convolution of the padded dy with the flipped, channel-swapped filter.
 * Stride s > 1: polyphase. Output sample t = q + m·s only receives taps k ≡ (q + padLeft)
 * (mod s), so each of the s phases is a stride-1 convolution of dy with ~K/s taps; the
 * phases are interleaved by stack + reshape. Same FLOPs as the direct transposed conv.
 *
 * Measured on wasm (ms per call):
 *   N=64 L=128 64→64 k5 s1:  this 18 | Conv2DBackpropInput (tf.conv2dTranspose) 183 |
 *     col2im (matMul then K shifted adds) 63 | forward 17
 *   N=128 L=64 64→128 k5 s2: this (polyphase) 28 | zero-inserted dy then conv 48 |
 *     Conv2DBackpropInput 204 | forward 18
 *   N=128 L=128 1→64 k5 s2 (a D's first layer): this 6.4 | Conv2DBackpropInput 3.5
 *     (kept one algorithm: 3 ms a step does not pay for a second code path).
 * On cpu Conv2DBackpropInput is ~1.3× faster than this; cpu is the slow fallback anyway.
 */
export function conv1dBackpropInput(
  dy: tf.Tensor3D,
  filter: tf.Tensor3D,
  inLength: number,
  stride: number,
  pad: Conv1dPadding,
): tf.Tensor3D {
  const [kernelSize, inChannels, outChannels] = filter.shape;
  const geometry = conv1dGeometry(inLength, kernelSize, stride, pad);
  if (dy.shape[1] !== geometry.outLength || dy.shape[2] !== outChannels) {
    throw new Error(
      `conv1dBackpropInput: dy ${shapeText(dy)} does not fit filter ${shapeText(filter)}, input length ${inLength}, stride ${stride}, ${pad}`,
    );
  }
  const batch = dy.shape[0];
  return tf.tidy((): tf.Tensor3D => {
    const swapped = tf.transpose(filter, [0, 2, 1]); // [K, Cout, Cin]
    const phaseLength = Math.ceil(inLength / stride);
    // Taps grouped by phase: [ceil(K/s), s, Cout, Cin]; tap k sits at [floor(k/s), k mod s].
    const tapsPerPhaseMax = Math.ceil(kernelSize / stride);
    const byPhase =
      stride === 1
        ? undefined
        : tf.reshape(
            tf.pad(swapped, [
              [0, tapsPerPhaseMax * stride - kernelSize],
              [0, 0],
              [0, 0],
            ]),
            [tapsPerPhaseMax, stride, outChannels, inChannels],
          );
    const phases: tf.Tensor3D[] = [];
    for (let phase = 0; phase < stride; phase++) {
      const residue = (phase + geometry.padLeft) % stride;
      const base = Math.floor((phase + geometry.padLeft) / stride);
      const taps = residue < kernelSize ? Math.ceil((kernelSize - residue) / stride) : 0;
      if (taps === 0) {
        phases.push(tf.zeros([batch, phaseLength, inChannels]));
        continue;
      }
      const phaseFilter: tf.Tensor3D =
        byPhase === undefined
          ? swapped
          : tf.reshape(tf.slice(byPhase, [0, residue, 0, 0], [taps, 1, outChannels, inChannels]), [
              taps,
              outChannels,
              inChannels,
            ]);
      // dx[phase + m·s] = Σ_i dy[m + base - i] · filter[residue + i·s]: a valid correlation
      // of dy shifted by (taps - 1 - base) with the taps reversed.
      const window = shiftAndFit(dy, taps - 1 - base, phaseLength + taps - 1);
      phases.push(convolve(window, reverseTaps(phaseFilter), 1, 'valid', 1));
    }
    // Interleave [N, M, Cin] phases as [N, M, s, Cin]: concat of reshaped phases (1.0 ms for
    // two [64, 32, 64] phases on wasm) rather than tf.stack (1.3–1.7 ms).
    const interleaved: tf.Tensor3D =
      phases.length === 1
        ? (phases[0] as tf.Tensor3D)
        : tf.reshape(
            tf.concat(
              phases.map((p) => tf.reshape(p, [batch, phaseLength, 1, inChannels])),
              2,
            ),
            [batch, phaseLength * stride, inChannels],
          );
    return interleaved.shape[1] === inLength
      ? interleaved
      : tf.slice(interleaved, [0, 0, 0], [batch, inLength, inChannels]);
  });
}

/**
 * A filter's taps in reverse order: [K, A, B] → [K, A, B] with out[k] = filter[K - 1 - k].
 * For short filters K slices + concat, because wasm's Reverse kernel is slow: 2.7 ms for a
 * [5, 64, 128] filter against 1.3 ms this way (and 3.1 ms for a gather); long filters,
 * where K ops would cost more than the copy, use tf.reverse. Differentiable.
 */
function reverseTaps(filter: tf.Tensor3D): tf.Tensor3D {
  const [taps, rows, columns] = filter.shape;
  if (taps === 1) return filter;
  if (taps > 8) return tf.reverse(filter, 0);
  const slices = Array.from({ length: taps }, (_, i) => tf.slice(filter, [taps - 1 - i, 0, 0], [1, rows, columns]));
  return tf.concat(slices, 0);
}

/**
 * out[:, t] = x[:, t - shift] for t in [0, length), zeros where that falls outside x.
 * x [N, L, C] → [N, length, C]; shift may be negative (drops leading samples).
 */
function shiftAndFit(x: tf.Tensor3D, shift: number, length: number): tf.Tensor3D {
  const [batch, inLength, channels] = x.shape;
  const start = Math.max(-shift, 0);
  const end = Math.min(inLength, length - shift); // exclusive, in x's coordinates
  if (end <= start) return tf.zeros([batch, length, channels]);
  const kept = start === 0 && end === inLength ? x : tf.slice(x, [0, start, 0], [batch, end - start, channels]);
  const before = Math.max(shift, 0);
  const after = length - before - (end - start);
  return before === 0 && after === 0
    ? kept
    : tf.pad(kept, [
        [0, 0],
        [before, after],
        [0, 0],
      ]);
}

function checkConvShapes(x: tf.Tensor, filter: tf.Tensor): void {
  if (x.rank !== 3 || filter.rank !== 3 || x.shape[2] !== filter.shape[1]) {
    throw new Error(
      `conv1d: expected x [N, L, Cin] and filter [K, Cin, Cout], got x ${shapeText(x)} and filter ${shapeText(filter)}`,
    );
  }
}

function shapeText(t: tf.Tensor): string {
  return `[${t.shape.join(', ')}]`;
}
