import * as tf from '@tensorflow/tfjs-core';

/** Learned per-channel scale and shift, [C] each. */
export interface BatchNormParams {
  readonly gamma: tf.Tensor1D;
  readonly beta: tf.Tensor1D;
}

/** Moving statistics, [C] each: variables that training updates in place. */
export interface BatchNormState {
  readonly movingMean: tf.Variable<tf.Rank.R1>;
  readonly movingVariance: tf.Variable<tf.Rank.R1>;
}

export interface BatchNormOptions {
  /** Weight of the old moving statistic per update (Keras: 0.99). */
  readonly momentum?: number;
  /** Added to the variance (Keras: 1e-3). */
  readonly epsilon?: number;
}

/**
 * Batch normalisation over every axis but the last (channels): x [N, L, C] or [N, C].
 *
 * training = true: normalises with the batch's mean and (biased) variance, lets gradients
 * flow through them, and moves the state towards them:
 * moving ← momentum · moving + (1 - momentum) · batch (as Keras does).
 * training = false: normalises with the moving statistics and changes nothing.
 */
export function batchNorm<T extends tf.Tensor2D | tf.Tensor3D>(
  x: T,
  params: BatchNormParams,
  state: BatchNormState,
  training: boolean,
  options: BatchNormOptions = {},
): T {
  const { momentum = 0.99, epsilon = 1e-3 } = options;
  if (!training) {
    return tf.tidy(() => {
      // Folded into one scale and one shift per channel: two full-size ops.
      const scale = tf.mul(params.gamma, tf.rsqrt(tf.add(state.movingVariance, epsilon)));
      return tf.add(tf.mul(x, scale), tf.sub(params.beta, tf.mul(state.movingMean, scale))) as T;
    });
  }
  const axes = x.rank === 3 ? [0, 1] : [0];
  const count = x.size / (x.shape[x.rank - 1] ?? 1);
  // One custom-gradient node with the closed-form gradient, x̂ = (x − μ)/σ, s = γ/σ:
  //   dβ = Σ g,  dγ = Σ g·x̂,  dx = s · (g − dβ/n − x̂ · dγ/n).
  // Six full-size ops backward where differentiating the moments op by op took about twelve.
  const normalise = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [input, gamma, beta] = args as [tf.Tensor, tf.Tensor1D, tf.Tensor1D];
    const save = args[3] as tf.GradSaveFunc;
    const mean = tf.mean(input, axes);
    const centred = tf.sub(input, mean);
    const variance = tf.mean(tf.square(centred), axes);
    const inverseStd = tf.rsqrt(tf.add(variance, epsilon));
    const scale = tf.mul(gamma, inverseStd);
    updateMovingAverage(state.movingMean, mean, momentum);
    updateMovingAverage(state.movingVariance, variance, momentum);
    save([centred, inverseStd, scale]);
    const gradFunc = (g: tf.Tensor, saved: tf.Tensor[]) => {
      const [c, inv, s] = saved as [tf.Tensor, tf.Tensor, tf.Tensor];
      const normalised = tf.mul(c, inv);
      const dBeta = tf.sum(g, axes);
      const dGamma = tf.sum(tf.mul(g, normalised), axes);
      const dInput = tf.mul(tf.sub(tf.sub(g, tf.div(dBeta, count)), tf.mul(normalised, tf.div(dGamma, count))), s);
      return [dInput, dGamma, dBeta];
    };
    return { value: tf.add(tf.mul(centred, scale), beta), gradFunc };
  });
  return normalise(x, params.gamma, params.beta) as T;
}

function updateMovingAverage(moving: tf.Variable, batch: tf.Tensor, momentum: number): void {
  // Runs inside the custom gradient's forward pass (off the tape); the variable takes its
  // own reference to the new buffer.
  moving.assign(tf.add(tf.mul(moving, momentum), tf.mul(batch, 1 - momentum)));
}
