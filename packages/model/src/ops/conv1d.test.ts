import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, expectClose, expectNoLeak, numericalGradient, randomTensor, useBackend } from '../test-helpers.js';
import { conv1d } from './conv1d.js';
import { conv1dTranspose } from './conv1d-transpose.js';
import { conv1dGeometry, type Conv1dPadding } from './conv-geometry.js';

/** [N, L, Cin, Cout, K, stride, pad]: odd lengths, strides 1–3, both paddings, Cin and Cout > 1. */
const CASES: [number, number, number, number, number, number, Conv1dPadding][] = [
  [2, 11, 3, 4, 5, 1, 'same'],
  [2, 11, 3, 4, 5, 2, 'same'],
  [3, 12, 2, 3, 4, 2, 'same'],
  [2, 13, 3, 2, 3, 3, 'valid'],
  [2, 16, 1, 5, 7, 2, 'valid'],
  [1, 9, 2, 2, 2, 3, 'same'],
  [2, 10, 3, 2, 4, 1, 'valid'],
];

/** The bilinear loss sum(conv(x, w) ⊙ r): its central differences are exact up to rounding. */
function weightedSum(y: tf.Tensor, weights: tf.Tensor): tf.Scalar {
  return tf.sum(tf.mul(y, weights));
}

describe.each(BACKENDS)('conv1d on %s', (backend) => {
  beforeAll(() => useBackend(backend));

  it.each(CASES)(
    'matches tf.conv1d forward and numerical gradients (N=%i L=%i %i→%i k%i s%i %s)',
    (n, length, cin, cout, k, stride, pad) => {
      const x = randomTensor([n, length, cin], 1);
      const w = randomTensor([k, cin, cout], 2);
      const outLength = conv1dGeometry(length, k, stride, pad).outLength;
      const r = randomTensor([n, outLength, cout], 3);
      const y = conv1d(x as tf.Tensor3D, w as tf.Tensor3D, stride, pad);
      expect(y.shape).toEqual([n, outLength, cout]);
      // Against tf.conv1d over the same samples with explicit zero padding and 'valid'
      // (wasm's tf.conv1d 'same' returns zeros when the stride exceeds the kernel).
      const { padLeft, usedLength } = conv1dGeometry(length, k, stride, pad);
      const window = tf.slice(
        tf.pad(x, [
          [0, 0],
          [padLeft, Math.max(usedLength - length - padLeft, 0)],
          [0, 0],
        ]),
        [0, 0, 0],
        [n, usedLength, cin],
      );
      expectClose(
        y.dataSync(),
        tf.conv1d(window as tf.Tensor3D, w as tf.Tensor3D, stride, 'valid').dataSync(),
        1e-5,
        1e-5,
      );

      const [dx, dw] = tf.grads((a: tf.Tensor, b: tf.Tensor) =>
        weightedSum(conv1d(a as tf.Tensor3D, b as tf.Tensor3D, stride, pad), r),
      )([x, w]);
      const numericX = numericalGradient(
        (a) => weightedSum(conv1d(a as tf.Tensor3D, w as tf.Tensor3D, stride, pad), r),
        x,
        0.1,
      );
      const numericW = numericalGradient(
        (b) => weightedSum(conv1d(x as tf.Tensor3D, b as tf.Tensor3D, stride, pad), r),
        w,
        0.1,
      );
      expectClose(dx!.dataSync(), numericX, 2e-3, 1e-3);
      expectClose(dw!.dataSync(), numericW, 2e-3, 1e-3);
      tf.dispose([x, w, r, y, dx!, dw!]);
    },
  );

  it.each(CASES)(
    'transposed conv matches the adjoint and numerical gradients (N=%i L=%i %i→%i k%i s%i %s)',
    (n, length, cin, cout, k, stride, pad) => {
      // conv1dTranspose(·, w) is the adjoint of conv1d(·, w): <conv(x), y> = <x, convT(y)>.
      const x = randomTensor([n, length, cin], 4);
      const w = randomTensor([k, cin, cout], 5);
      const outLength = conv1dGeometry(length, k, stride, pad).outLength;
      const y = randomTensor([n, outLength, cout], 6);
      const back = conv1dTranspose(y as tf.Tensor3D, w as tf.Tensor3D, stride, length, pad);
      expect(back.shape).toEqual([n, length, cin]);
      const lhs = weightedSum(conv1d(x as tf.Tensor3D, w as tf.Tensor3D, stride, pad), y).dataSync()[0]!;
      const rhs = weightedSum(back, x).dataSync()[0]!;
      expect(Math.abs(lhs - rhs)).toBeLessThan(1e-4 * (1 + Math.abs(lhs)));

      const r = randomTensor([n, length, cin], 7);
      const [dy, dw] = tf.grads((a: tf.Tensor, b: tf.Tensor) =>
        weightedSum(conv1dTranspose(a as tf.Tensor3D, b as tf.Tensor3D, stride, length, pad), r),
      )([y, w]);
      const numericY = numericalGradient(
        (a) => weightedSum(conv1dTranspose(a as tf.Tensor3D, w as tf.Tensor3D, stride, length, pad), r),
        y,
        0.1,
      );
      const numericW = numericalGradient(
        (b) => weightedSum(conv1dTranspose(y as tf.Tensor3D, b as tf.Tensor3D, stride, length, pad), r),
        w,
        0.1,
      );
      expectClose(dy!.dataSync(), numericY, 2e-3, 1e-3);
      expectClose(dw!.dataSync(), numericW, 2e-3, 1e-3);
      tf.dispose([x, w, y, back, r, dy!, dw!]);
    },
  );

  it('computes only the gradients the tape asks for', async () => {
    const x = randomTensor([2, 16, 3], 8) as tf.Tensor3D;
    const w = tf.variable(randomTensor([5, 3, 4], 9)) as tf.Variable<tf.Rank.R3>;
    const convolutions = async (body: () => void) =>
      (await tf.profile(body)).kernels.filter((k) => k.name === 'AccelganConv1D').length;
    const loss = () => tf.sum(conv1d(x, w));
    // forward + filter gradient (one dilated conv); the data's gradient is never computed.
    expect(await convolutions(() => tf.dispose(tf.variableGrads(loss, [w]).grads))).toBe(2);
    // forward + input gradient + filter gradient.
    expect(
      await convolutions(() =>
        tf.dispose(
          tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.sum(conv1d(a as tf.Tensor3D, b as tf.Tensor3D)))([x, w]),
        ),
      ),
    ).toBe(3);
    tf.dispose([x, w]);
  });

  it('leaks no tensors through forward and gradients', () => {
    const x = randomTensor([2, 12, 3], 10) as tf.Tensor3D;
    const w = randomTensor([4, 3, 2], 11) as tf.Tensor3D;
    const wT = randomTensor([4, 2, 3], 12) as tf.Tensor3D;
    expectNoLeak(() => {
      tf.tidy(() => conv1d(x, w, 2).dataSync());
      tf.dispose(
        tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.sum(conv1d(a as tf.Tensor3D, b as tf.Tensor3D, 2)))([x, w]),
      );
      tf.dispose(
        tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.sum(conv1dTranspose(a as tf.Tensor3D, b as tf.Tensor3D, 2, 24)))([
          x,
          wT,
        ]),
      );
    });
    tf.dispose([x, w, wT]);
  });

  it('rejects mismatched shapes with a clear message', () => {
    const x = tf.zeros([1, 8, 3]) as tf.Tensor3D;
    expect(() => conv1d(x, tf.zeros([3, 2, 4]) as tf.Tensor3D)).toThrow(/filter \[K, Cin, Cout\]/);
    expect(() => conv1dTranspose(x, tf.zeros([3, 4, 3]) as tf.Tensor3D, 2, 20)).toThrow(/needs an input of 10/);
    x.dispose();
  });
});

describe('conv1d against tfjs native gradients (cpu has Conv2DBackpropFilter)', () => {
  beforeAll(() => useBackend('cpu'));

  it.each(CASES)(
    'agrees with tf.conv1d gradients (N=%i L=%i %i→%i k%i s%i %s)',
    (n, length, cin, cout, k, stride, pad) => {
      const x = randomTensor([n, length, cin], 13);
      const w = randomTensor([k, cin, cout], 14);
      const r = randomTensor([n, conv1dGeometry(length, k, stride, pad).outLength, cout], 15);
      const ours = tf.grads((a: tf.Tensor, b: tf.Tensor) =>
        weightedSum(conv1d(a as tf.Tensor3D, b as tf.Tensor3D, stride, pad), r),
      )([x, w]);
      const theirs = tf.grads((a: tf.Tensor, b: tf.Tensor) =>
        weightedSum(tf.conv1d(a as tf.Tensor3D, b as tf.Tensor3D, stride, pad), r),
      )([x, w]);
      expectClose(ours[0]!.dataSync(), theirs[0]!.dataSync(), 1e-5, 1e-5);
      expectClose(ours[1]!.dataSync(), theirs[1]!.dataSync(), 1e-5, 1e-5);
      tf.dispose([x, w, r, ...ours, ...theirs]);
    },
  );

  it('transposed conv agrees with tf.conv2dTranspose', () => {
    const x = randomTensor([2, 6, 3], 16) as tf.Tensor3D;
    const w = randomTensor([5, 4, 3], 17) as tf.Tensor3D;
    for (const outLength of [12, 11]) {
      const ours = conv1dTranspose(x, w, 2, outLength);
      const theirs = tf.conv2dTranspose(
        tf.reshape(x, [2, 1, 6, 3]) as tf.Tensor4D,
        tf.reshape(w, [1, 5, 4, 3]) as tf.Tensor4D,
        [2, 1, outLength, 4],
        [1, 2],
        'same',
      );
      expectClose(ours.dataSync(), theirs.dataSync(), 1e-5, 1e-5);
      tf.dispose([ours, theirs]);
    }
    tf.dispose([x, w]);
  });
});
