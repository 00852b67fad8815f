import * as tf from '@tensorflow/tfjs-core';
import { backendKernel, ensureOwnKernel, kernelInput, usesOwnKernels } from './own-kernels.js';

/**
 * a [M, K] · b [K, P] → [M, P], with gradients that never ask the backend for a
 * transposed operand. tf.matMul's own gradient uses matMul(…, transposeA/B = true), which
 * on wasm is several times slower than an explicit tf.transpose then a plain matMul:
 * for a [64, 64]·[64, 1024] dense layer, dB = aᵀ·dy took 16 ms with transposeA against
 * 0.6 ms with transpose + matMul; for [8000, 320]·[320, 64], 241 ms against 21 ms.
 * Like conv1d, only the input gradients the tape asks for are computed.
 */
export function matMul(a: tf.Tensor2D, b: tf.Tensor2D): tf.Tensor2D {
  if (a.rank !== 2 || b.rank !== 2 || a.shape[1] !== b.shape[0]) {
    throw new Error(`matMul: expected a [M, K] and b [K, P], got [${a.shape.join(', ')}] and [${b.shape.join(', ')}]`);
  }
  if (!usesOwnKernels()) return tf.matMul(a, b);
  ensureOwnKernel(MATMUL_KERNEL, matMulKernelFunc, matMulGradient);
  return tf.engine().runKernel(MATMUL_KERNEL, { a, b }, {});
}

const MATMUL_KERNEL = 'AccelganMatMul';

function matMulKernelFunc(backendName: string): tf.KernelFunc {
  const batchMatMul = backendKernel(tf.BatchMatMul, backendName);
  return ({ inputs, backend }) =>
    batchMatMul({
      inputs: { a: kernelInput(inputs, 'a'), b: kernelInput(inputs, 'b') },
      backend,
      attrs: { transposeA: false, transposeB: false },
    });
}

const matMulGradient: tf.GradConfig = {
  kernelName: MATMUL_KERNEL,
  inputsToSave: ['a', 'b'],
  gradFunc: (dy, saved) => {
    const [a, b] = saved as [tf.Tensor2D, tf.Tensor2D];
    const upstream = dy as tf.Tensor2D;
    return {
      a: () => matMul(upstream, tf.transpose(b)),
      // aᵀ·dy: transpose whichever of a [M, K] and dy [M, P] is smaller.
      b: () =>
        upstream.shape[1] < a.shape[1]
          ? tf.transpose(matMul(tf.transpose(upstream), a))
          : matMul(tf.transpose(a), upstream),
    };
  },
};
