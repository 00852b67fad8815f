import * as tf from '@tensorflow/tfjs-core';

/**
 * A fixed [rows, cols] matrix whose columns are orthonormal (Gram–Schmidt on a seeded
 * Gaussian matrix), so that z [N, rows] ~ N(0, I) maps to z · W with independent N(0, 1)
 * entries. Columns beyond `rows` cannot be orthogonal to the rest: they are Gaussian with
 * unit expected norm (nearly independent), for windows longer than the latent.
 */
export function orthonormalColumns(rows: number, cols: number, seed: number): tf.Tensor2D {
  return tf.tidy(() => {
    const gaussian = tf.randomNormal([cols, rows], 0, 1, 'float32', seed + 7919).arraySync() as number[][];
    const basis: number[][] = [];
    for (const column of gaussian) {
      const v = column.slice();
      if (basis.length < rows) {
        for (const b of basis) {
          const dot = v.reduce((sum, x, i) => sum + x * b[i]!, 0);
          for (let i = 0; i < rows; i++) v[i]! -= dot * b[i]!;
        }
      }
      const norm = Math.sqrt(v.reduce((sum, x) => sum + x * x, 0));
      basis.push(v.map((x) => x / norm));
    }
    return tf.transpose(tf.tensor2d(basis, [cols, rows])) as tf.Tensor2D;
  });
}
