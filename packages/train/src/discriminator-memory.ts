import * as tf from '@tensorflow/tfjs-core';
import type { Discriminator, Generator } from '@accelgan/model';
import { dequantised, type Batch } from './batches.js';
import { deriveSeed, permutation, Stream } from './seeds.js';

/** Windows scored per side, at most. */
const MOST_WINDOWS = 1024;

/** How the discriminator scores one side's windows. */
export interface SideScore {
  /** How many windows were scored. */
  readonly scored: number;
  /** The mean of their logits. */
  readonly meanLogit: number;
  /** The mean of their logits' signs, in [−1, 1]: ADA's overfitting heuristic r_t (Karras et al. 2020) on this side. */
  readonly meanSign: number;
}

/**
 * How the trained discriminator scores real windows it trained on, real windows of the
 * same classes from recordings it never saw, and windows the generator's raw weights (the
 * ones it was trained against, not the moving average `accelgan generate` samples) make
 * now. Why: on about 1,000 training windows a discriminator learns them by heart. On the
 * shared OSDB sample it scored them clearly above the held-out
 * windows (docs/lab/2026-11-quality.md), so part of what it taught the generator was to make those
 * windows in particular, which a critic judging against other recordings can tell. The
 * gap also holds whatever differs between the training and the held-out recordings.
 * `heldOut` is null where there is not a batch of held-out windows.
 */
export interface DiscriminatorMemory {
  readonly training: SideScore;
  readonly heldOut: SideScore | null;
  readonly generated: SideScore;
}

/** Held-out windows as plain arrays: values [N·L] (normalised, row after row), labels [N] in the training classes. */
export interface HeldOutWindows {
  readonly values: Float32Array;
  readonly labels: Int32Array;
  /** [N] 1 for windows of recordings on the watch's grid (dequantised as training dequantises them); absent: all are. */
  readonly onGrid?: Uint8Array | undefined;
}

export interface MemoryOptions {
  /** The run's seed: which windows are scored, in which batches, their dequantisation and the generated windows' latents. */
  readonly seed: number;
  /** Rows per forward pass: the run's batch size, because D's minibatch statistics couple the rows of a call. */
  readonly batchSize: number;
  /** Half-width of the uniform noise added to real windows in training (StepContext.dequantise), added here too. */
  readonly dequantise: number;
}

/**
 * Scores each side in shuffled batches of `batchSize` rows, as D saw batches in training
 * (its minibatch spread makes a window's logit depend on the rows beside it, so rows in
 * their dataset order, one event after another, would score differently): up to
 * MOST_WINDOWS windows per side in whole batches (a remainder smaller than a batch is left
 * out), real windows dequantised as in training, and as many generated windows as training
 * windows are scored, with the same labels. D and G run in inference mode; nothing trains.
 */
export function discriminatorMemory(
  D: Discriminator,
  G: Generator,
  training: Batch,
  heldOut: HeldOutWindows | null,
  options: MemoryOptions,
): DiscriminatorMemory {
  const [, length] = training.windows.shape;
  const trainingRows = chosenRows(training.labels.shape[0], options, 0);
  const trainingScore = scoreReal(D, training, trainingRows, options, 0);
  let heldOutScore: SideScore | null = null;
  if (heldOut && heldOut.labels.length >= options.batchSize) {
    const side = {
      windows: tf.tensor3d(heldOut.values, [heldOut.labels.length, length, 1]),
      labels: tf.tensor1d(heldOut.labels, 'int32'),
      onGrid: heldOut.onGrid && tf.tensor1d(Float32Array.from(heldOut.onGrid)),
    };
    try {
      heldOutScore = scoreReal(D, side, chosenRows(heldOut.labels.length, options, 1), options, 1);
    } finally {
      tf.dispose([side.windows, side.labels, ...(side.onGrid ? [side.onGrid] : [])]);
    }
  }
  const generated = scoreBatches(trainingRows, options.batchSize, (rows, b) => {
    const labels = tf.gather(training.labels, tf.tensor1d(rows, 'int32'));
    const z = tf.randomNormal(
      [rows.length, G.latentDim],
      0,
      1,
      'float32',
      deriveSeed(options.seed, Stream.DiscriminatorMemory, 2, b),
    ) as tf.Tensor2D;
    return D.apply(G.apply(z, labels, false), labels, false);
  });
  return { training: trainingScore, heldOut: heldOutScore, generated };
}

/** Up to MOST_WINDOWS of n rows (or one batch, where a batch is larger) in a seeded order, in whole batches. */
function chosenRows(n: number, { seed, batchSize }: MemoryOptions, side: number): Int32Array {
  const kept = Math.floor(Math.min(n, Math.max(MOST_WINDOWS, batchSize)) / batchSize) * batchSize;
  return permutation(n, deriveSeed(seed, Stream.DiscriminatorMemory, side)).slice(0, kept);
}

function scoreReal(
  D: Discriminator,
  side: Batch,
  rows: Int32Array,
  { seed, batchSize, dequantise }: MemoryOptions,
  sideIndex: number,
): SideScore {
  return scoreBatches(rows, batchSize, (chunk, b) => {
    const index = tf.tensor1d(chunk, 'int32');
    let windows = tf.gather(side.windows, index);
    if (dequantise > 0)
      windows = dequantised(
        windows,
        dequantise,
        deriveSeed(seed, Stream.DiscriminatorMemory, 3 + sideIndex, b),
        side.onGrid && tf.gather(side.onGrid, index),
      );
    return D.apply(windows, tf.gather(side.labels, index), false);
  });
}

/** The logits [batch, 1] that `logits` gives for each batch of rows (b counts batches), summarised. */
function scoreBatches(
  rows: Int32Array,
  batchSize: number,
  logits: (batch: Int32Array, b: number) => tf.Tensor,
): SideScore {
  let [scored, logitSum, signSum] = [0, 0, 0];
  for (let start = 0; start < rows.length; start += batchSize) {
    const batch = tf.tidy(() => logits(rows.subarray(start, start + batchSize), start / batchSize));
    for (const v of batch.dataSync() as Float32Array)
      [scored, logitSum, signSum] = [scored + 1, logitSum + v, signSum + Math.sign(v)];
    batch.dispose();
  }
  return { scored, meanLogit: logitSum / scored, meanSign: signSum / scored };
}
