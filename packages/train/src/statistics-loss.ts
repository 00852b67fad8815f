import * as tf from '@tensorflow/tfjs-core';
import {
  MINIBATCH_GROUP_SIZE,
  matMul,
  windowStatistics,
  windowStatisticsPlan,
  type WindowStatisticsPlan,
} from '@accelgan/model';

/** Kernel bandwidths, as multiples of the statistics' count (standardised pairs lie about 2 per statistic apart). */
const BANDWIDTHS = [0.5, 2, 8] as const;
/** Windows per chunk when standardising on the whole training set. */
const CHUNK = 256;

/**
 * A statistics-matching loss for the generator: the squared maximum mean discrepancy
 * (Gretton et al. 2012) between the real and the fake batch's window statistics (the
 * moments, roughness, band powers and autocorrelation of windowStatistics, each
 * standardised on the training set), with a mixture of Gaussian kernels, counting only
 * pairs of the same class, averaged over the batch's groups of MINIBATCH_GROUP_SIZE rows
 * (like the discriminator's minibatch statistics, so that group-aligned shards of a batch
 * on several threads give the batch's gradient). Why: a discriminator trained for minutes on CPU does not learn
 * these statistics well enough to teach them, yet they are what tells a real seizure
 * window (skewed, rough at short lags, with its power where it belongs) from a smooth
 * synthetic one; the MMD gives the generator a direct, low-variance gradient toward the
 * real distribution of them, the whole distribution and not only its mean.
 */
export class StatisticsLoss {
  private constructor(
    private readonly plan: WindowStatisticsPlan,
    /** [1, S] mean and 1/std of each statistic over the training windows. */
    private readonly centre: tf.Tensor2D,
    private readonly inverseScale: tf.Tensor2D,
  ) {}

  /** Fits the standardisation on every training window, windows [N, L, 1]. */
  static fit(windows: tf.Tensor3D, sampleRateHz: number): StatisticsLoss {
    const [n, length] = windows.shape;
    const plan = windowStatisticsPlan(length, sampleRateHz);
    const { centre, inverseScale } = tf.tidy(() => {
      const parts: tf.Tensor2D[] = [];
      for (let start = 0; start < n; start += CHUNK) {
        parts.push(windowStatistics(tf.slice(windows, [start, 0, 0], [Math.min(CHUNK, n - start), length, 1]), plan));
      }
      const { mean, variance } = tf.moments(tf.concat(parts, 0), 0, true);
      return { centre: mean as tf.Tensor2D, inverseScale: tf.div(1, tf.sqrt(tf.add(variance, 1e-6))) as tf.Tensor2D };
    });
    return new StatisticsLoss(plan, centre, inverseScale);
  }

  /** Standardised statistics [N, S] of windows [N, L, 1]. */
  statistics(windows: tf.Tensor3D): tf.Tensor2D {
    return tf.tidy(
      () => tf.mul(tf.sub(windowStatistics(windows, this.plan), this.centre), this.inverseScale) as tf.Tensor2D,
    );
  }

  /** MMD² between real [N, L, 1] and fake [N, L, 1] windows of the same labels [N], within classes and groups. */
  loss(real: tf.Tensor3D, fake: tf.Tensor3D, labels: tf.Tensor1D): tf.Scalar {
    return tf.tidy((): tf.Scalar => {
      const batch = labels.shape[0];
      const groups = batch % MINIBATCH_GROUP_SIZE === 0 ? batch / MINIBATCH_GROUP_SIZE : 1;
      const size = batch / groups;
      const a = this.statistics(real);
      const b = this.statistics(fake);
      // Slices rather than tf.split, whose gradient fails when some parts get none (tfjs 4.22).
      const rows = <T extends tf.Tensor>(x: T, g: number): T => (groups === 1 ? x : (tf.slice(x, g * size, size) as T));
      const perGroup = Array.from({ length: groups }, (_, g) => {
        return groupMmd(rows(a, g), rows(b, g), rows(labels, g));
      });
      return tf.mean(tf.stack(perGroup)) as tf.Scalar;
    });
  }

  dispose(): void {
    this.plan.dispose();
    tf.dispose([this.centre, this.inverseScale]);
  }
}

/** Squared MMD of statistics a and b [n, S] over same-class pairs (labels [n]). */
function groupMmd(a: tf.Tensor2D, b: tf.Tensor2D, labels: tf.Tensor1D): tf.Scalar {
  const count = a.shape[1];
  const sameClass = tf.cast(tf.equal(tf.expandDims(labels, 1), tf.expandDims(labels, 0)), 'float32'); // [n, n]
  const pairs = tf.sum(sameClass);
  const kernelMean = (x: tf.Tensor2D, y: tf.Tensor2D) => {
    const squaredDistance = tf.relu(
      tf.add(
        tf.sub(tf.sum(tf.square(x), 1, true), tf.mul(2, matMul(x, tf.transpose(y)))),
        tf.transpose(tf.sum(tf.square(y), 1, true)),
      ),
    );
    const kernel = tf.addN(BANDWIDTHS.map((width) => tf.exp(tf.div(squaredDistance, -width * count))));
    return tf.div(tf.sum(tf.mul(kernel, sameClass)), pairs);
  };
  return tf.sub(tf.add(kernelMean(a, a), kernelMean(b, b)), tf.mul(2, kernelMean(a, b))) as tf.Scalar;
}
