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
   * For generators with parts estimated from the data rather than learned (the `anchored`
   * level table): fills that state from the training windows [N, L, 1] (normalised) and
   * labels [N], once, before the first step. `groups` [N], where known, is each window's
   * recording (events of one user whose recordings overlap share one), for estimates that
   * must generalise to recordings not seen. Returns a line saying what it estimated, for
   * the run's record. Absent where there is nothing to estimate.
   */
  fitToData?(windows: tf.Tensor3D, labels: tf.Tensor1D, groups?: Int32Array): string;
  /**
   * For generators that draw targets for a window's properties along with it (`anchored`:
   * the seizure-band share of the real window its level and scale come from): how far
   * windows [N, L, 1] that apply(z, labels) made miss their targets, a differentiable
   * scalar the training loop adds to G's loss × consistencyWeight. Absent where none.
   */
  consistencyLoss?(z: tf.Tensor2D, labels: tf.Tensor1D, windows: tf.Tensor3D): tf.Scalar;
  /**
   * Unit directions of z (each latentDim long, orthonormal) that set what should stay
   * steady across the consecutive windows of one recording (`anchored`: the level table's
   * row and jitter, i.e. the wrist's level and scale). Whole-event generation lets z's
   * component along them drift more slowly than the rest. Absent where none are special.
   */
  readonly persistentDirections?: readonly Float32Array[];
  /**
   * For generators that draw each window's level, scale and seizure-band share from rows of
   * real windows (`anchored`'s level table): the rows per class, read from the current state,
   * and the component of z along persistentDirections[0] that draws a given row. Whole-event
   * generation walks these rows from one datapoint to the next. Absent where none.
   */
  drawnRows?(): DrawnRows;
}

/**
 * The rows a generator draws windows' level, log std and seizure-band share from
 * (Generator.drawnRows): z's component along persistentDirections[0] picks the row
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
  /** Weight of the generator's own consistency loss (Generator.consistencyLoss), where it has one; 0 disables it. */
  readonly consistencyWeight: number;
}

/** A named, registered architecture. Builders are pure given (shape, seed). */
export interface Architecture {
  readonly name: string;
  readonly description: string;
  readonly defaults: TrainingDefaults;
  buildGenerator(shape: GanShape, seed: number, latentDim?: number): Generator;
  buildDiscriminator(shape: GanShape, seed: number): Discriminator;
}
