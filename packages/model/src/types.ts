import type * as tf from '@tensorflow/tfjs-core';

/** What a GAN is built for: the window it produces and the classes it is conditioned on. */
export interface GanShape {
  /** Samples per window (125 for one OSDB datapoint). */
  readonly samplesPerWindow: number;
  /** Number of condition classes; 1 means unconditional (every label is 0). */
  readonly numClasses: number;
}

/**
 * A network as plain variables plus a pure-ish apply function.
 * Variables carry stable names ("g/dense0/kernel") for checkpoints; the tf.Variable
 * objects themselves are created unnamed so several copies can coexist.
 */
export interface Network {
  /** Trainable weights, in a fixed order, keyed by stable name. */
  readonly trainable: ReadonlyMap<string, tf.Variable>;
  /** Non-trainable state that training updates (batch-norm moving statistics, spectral-norm vectors). */
  readonly state: ReadonlyMap<string, tf.Variable>;
  dispose(): void;
}

export interface Generator extends Network {
  readonly latentDim: number;
  /**
   * z: [N, latentDim] float32, labels: [N] int32 in [0, numClasses).
   * Returns [N, samplesPerWindow, 1] in normalised units.
   * training = true uses batch statistics and updates `state`.
   */
  apply(z: tf.Tensor2D, labels: tf.Tensor1D, training: boolean): tf.Tensor3D;
  /**
   * Present where part of each window is drawn from the training data rather than learnt
   * (`styled`'s level table); absent for a generator that only learns.
   */
  readonly drawnFromData?: DrawnFromData;
}

/**
 * What a generator that draws each window's level, scale and seizure-band share from rows
 * of real training windows (`styled`'s level table) adds to Generator: the training loop
 * fits the rows before the first step and adds the consistency loss to G's loss, and
 * whole-event generation walks the rows from one datapoint to the next.
 */
export interface DrawnFromData {
  /**
   * Fills the data-estimated state from the training windows [N, L, 1] (normalised) and
   * labels [N], once, before the first step. `groups` [N], where known, is each window's
   * recording (events of one user whose recordings overlap share one), for estimates that
   * must generalise to recordings not seen. `onGrid` [N], where given, is 1 for the windows
   * whose recording reports whole milli-g (the watch's grid) and 0 for the others; the rows
   * keep it (`onGrid` below). Returns a line saying what it estimated, for the run's record.
   */
  fit(windows: tf.Tensor3D, labels: tf.Tensor1D, groups?: Int32Array, onGrid?: Uint8Array): string;
  /**
   * z [N, latent], labels [N] → [N] float32: 1 where the row apply(z, labels) draws the
   * window's level from was marked on the grid at `fit`, else 0. Generation rounds those
   * windows onto the grid, so that generated windows report whole milli-g or fractions as
   * the recordings they drew from did.
   */
  onGrid(z: tf.Tensor2D, labels: tf.Tensor1D): tf.Tensor1D;
  /**
   * How far windows [N, L, 1] that apply(z, labels) made miss the targets drawn with them
   * (the seizure-band share of the real window their level and scale come from): a
   * differentiable scalar the training loop adds to G's loss × consistencyWeight.
   */
  consistencyLoss(z: tf.Tensor2D, labels: tf.Tensor1D, windows: tf.Tensor3D): tf.Scalar;
  /**
   * Unit directions of z (each latentDim long, orthonormal) that set what should stay
   * steady across the consecutive windows of one recording (the drawn row and its jitter,
   * i.e. the wrist's level and scale). Whole-event generation lets z's component along
   * them drift more slowly than the rest.
   */
  readonly persistentDirections: readonly Float32Array[];
  /** The rows per class, read from the current state, and the latent that draws each (DrawnRows). */
  rows(): DrawnRows;
}

/**
 * The rows a generator draws windows' level, log std and seizure-band share from
 * (DrawnFromData.rows): z's component along DrawnFromData.persistentDirections[0] picks the row
 * (indexLatent), and its components along persistentDirections[1] and [2], times the
 * class's kernel stds, are added to the row's level and log std, which are then reflected
 * into the range of the class's rows.
 */
export interface DrawnRows {
  readonly classes: readonly DrawnClassRows[];
  /** z's component along persistentDirections[0] that draws row `row` of class `classIndex`. */
  indexLatent(classIndex: number, row: number): number;
}

/** One class's rows: each row's level, log std (normalised units) and seizure-band share, and the class's kernel stds. */
export interface DrawnClassRows {
  readonly level: Float32Array;
  readonly logStd: Float32Array;
  readonly share: Float32Array;
  readonly kernelStd: { readonly level: number; readonly logStd: number };
}

export interface Discriminator extends Network {
  /**
   * x: [N, samplesPerWindow, 1] normalised, labels: [N] int32.
   * Returns raw logits [N, 1] (no sigmoid).
   * training = true updates `state` (e.g. the spectral-norm power iteration).
   */
  apply(x: tf.Tensor3D, labels: tf.Tensor1D, training: boolean): tf.Tensor2D;
}

/** Adversarial objective. `bce`: non-saturating cross-entropy on logits. `hinge`: hinge loss. */
export type GanLoss = 'bce' | 'hinge';

export interface TrainingDefaults {
  readonly batchSize: number;
  readonly latentDim: number;
  readonly loss: GanLoss;
  readonly learningRateG: number;
  readonly learningRateD: number;
  readonly beta1: number;
  readonly beta2: number;
  /** Decay of the generator's exponential moving average; 0 disables it. */
  readonly emaDecay: number;
  /** Discriminator updates per generator update. */
  readonly dStepsPerG: number;
  /** The normalisation the generator's output range expects. */
  readonly scale: 'minmax' | 'minmax01' | 'zscore';
  /** Weight of the generator's statistics-matching loss (MMD of window statistics); 0 disables it. */
  readonly statisticsWeight: number;
  /** Weight of the generator's own consistency loss (DrawnFromData.consistencyLoss), where it has one; 0 disables it. */
  readonly consistencyWeight: number;
}

/**
 * How the rows of a batch interact in a training forward pass of G or D, which decides
 * whether a batch may be split across threads and still give the one-thread gradient:
 * - `rows`: every row is computed on its own (any split works);
 * - `groups`: rows interact only within consecutive groups of `size` rows, as a
 *   minibatch statistic over each group does (a batch that is not a multiple of `size` is
 *   one group), so each part of a split must be whole groups;
 * - `batch`: every row sees the whole batch (batch norm's batch statistics): no split.
 */
export type BatchCoupling =
  | { readonly kind: 'rows' }
  | { readonly kind: 'groups'; readonly size: number }
  | { readonly kind: 'batch' };

/** A named, registered architecture. Builders are pure given (shape, seed). */
export interface Architecture {
  readonly name: string;
  /** What it is, in a sentence or two (`accelgan models`). */
  readonly description: string;
  readonly defaults: TrainingDefaults;
  /** How its forward passes couple the rows of a batch (data-parallel training reads it). */
  readonly batchCoupling: BatchCoupling;
  buildGenerator(shape: GanShape, seed: number, latentDim?: number): Generator;
  buildDiscriminator(shape: GanShape, seed: number): Discriminator;
}
