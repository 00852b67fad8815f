import * as tf from '@tensorflow/tfjs-core';
import { DenseLayer } from '../nn/dense-layer.js';
import { LevelTable } from '../nn/level-table.js';
import { VariableStore } from '../nn/variable-store.js';
import { leakyRelu } from '../ops/activations.js';
import { matMul } from '../ops/matmul.js';
import { standardiseWindows } from '../ops/normalise.js';
import { seizureBandPlan, seizureBandShare } from '../ops/seizure-band.js';
import { ensureTfjsGradients } from '../ops/tfjs-gradients.js';
import type { Architecture, Discriminator, DrawnRows, GanShape, Generator } from '../types.js';
import { checkGanShape, oneHotLabels } from './inputs.js';
import { discriminatorNetwork, generatorNetwork } from './networks.js';
import {
  projectionHead,
  spectral,
  spectralDiscriminatorViews,
  spectralGeneratorTrunk,
  type TrunkOptions,
} from './spectral.js';

const LATENT_DIM = 128;
const LEAK = 0.2;
/** Hidden units of the generator's level head and of the discriminator's level branch. */
const LEVEL_UNITS = 64;
/**
 * Soft bounds of a generated window's level and log std in 'zscore' units (unit dataset
 * std): level within ±6 dataset stds, std between e^-8 and e^2 dataset stds. Real windows
 * lie well inside (levels within ±2.5, log stds about -5…0.5); without bounds the
 * exponential lets a few latents blow a window up to several times the largest real one.
 */
const LEVEL_BOUND = 6;
const LOG_STD_RANGE = [-8, 2] as const;
/**
 * Where the log std starts: a real window's std is typically a fifth of the dataset's (rest
 * windows far less, convulsive ones about as much). A start near the data saves the head
 * hundreds of steps of drifting there.
 */
const INITIAL_LOG_STD = -1.5;
/** Range and start of the log of the shape's white-noise amplitude, relative to its smooth part. */
const LOG_NOISE_RANGE = [-6, 3] as const;
const INITIAL_LOG_NOISE = Math.log(0.2);
/**
 * The windows' sample rate. GanShape does not carry one because every window accelgan
 * reads is OSDB's 25 Hz (the data package's SAMPLE_RATE_HZ; the model does not depend on it).
 */
const SAMPLE_RATE_HZ = 25;
/** Shares are compared as logits, clipped here so that a flat or pure-tone window's gradient stays finite. */
const SHARE_CLIP = [0.01, 0.99] as const;

/** The condition's seizure-band share input: 4 · (share − ½), in [-2, 2] like the level and log std. */
function shareFeature(share: tf.Tensor): tf.Tensor2D {
  return tf.mul(4, tf.sub(share, 0.5)) as tf.Tensor2D;
}

function clippedLogit(share: tf.Tensor): tf.Tensor {
  const p = tf.clipByValue(share, SHARE_CLIP[0], SHARE_CLIP[1]);
  return tf.log(tf.div(p, tf.sub(1, p)));
}

/** raw → centre + halfRange·tanh(raw / halfRange): the identity near the centre, bounded far from it. */
function softBound(raw: tf.Tensor, [lo, hi]: readonly [number, number]): tf.Tensor {
  const centre = (lo + hi) / 2;
  const halfRange = (hi - lo) / 2;
  return tf.add(centre, tf.mul(halfRange, tf.tanh(tf.div(raw, halfRange))));
}

/**
 * A fixed [rows, cols] matrix whose columns are orthonormal (Gram–Schmidt on a seeded
 * Gaussian matrix), so that z [N, rows] ~ N(0, I) maps to z · W with independent N(0, 1)
 * entries. Columns beyond `rows` cannot be orthogonal to the rest: they are Gaussian with
 * unit expected norm (nearly independent), for windows longer than the latent.
 */
function orthonormalColumns(rows: number, cols: number, seed: number): tf.Tensor2D {
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

/** The raw head output that softBound maps to `value`. */
function softBoundInverse(value: number, [lo, hi]: readonly [number, number]): number {
  const centre = (lo + hi) / 2;
  const halfRange = (hi - lo) / 2;
  return halfRange * Math.atanh((value - centre) / halfRange);
}

/**
 * The `factored` generator: a window as level + scale × shape. Real windows differ in level
 * (gravity plus sustained force: 1,000–1,700 mg) and in scale (a still wrist's std is
 * 10 mg, a convulsing one's 300 mg) far more than in shape; a convolutional generator
 * that must produce those ranges through its activations collapses to one level and one
 * scale. Here a small head draws the level and log scale, and the spectral trunk draws
 * only the shape, standardised per window:
 *   level: [z, one-hot class] [N, 128 + C] → dense 64, leaky → dense 64, leaky → dense 3
 *          → mean, logStd, logNoise [N, 1] each, softly bounded (tanh) to generous ranges
 *   shape: z [N, 128], class → spectral trunk → [N, L, 1], standardised per window;
 *          + exp(logNoise) · ε, ε = z · W [N, L, 1] (W a fixed [128, L] projection with
 *          orthonormal columns: white N(0, 1) noise drawn from z itself); standardised again
 *   x = mean + exp(logStd) · shape → [N, L, 1] (normalised units, like the data).
 * Why the noise: a still wrist's window is the sensor's white noise around gravity, and a
 * moving one is rough at lag 1; upsampling convolutions draw smooth curves and struggled
 * to draw either (synthetic rest windows had a third of the real ones' sample-to-sample
 * change, and sat nearer to training windows than held-out real windows do). Injected
 * noise (as in StyleGAN) with a learned per-window amplitude gives both directly. It is a
 * function of z, so G stays a pure function of (z, label).
 */
export function buildFactoredGenerator(shape: GanShape, seed: number, latentDim = LATENT_DIM): Generator {
  checkGanShape(shape);
  ensureTfjsGradients();
  const { numClasses } = shape;
  const store = new VariableStore('g', seed);
  const trunk = spectralGeneratorTrunk(store, shape, latentDim);
  const level1 = new DenseLayer(store, 'level1/dense', { inUnits: latentDim + numClasses, outUnits: LEVEL_UNITS });
  const level2 = new DenseLayer(store, 'level2/dense', { inUnits: LEVEL_UNITS, outUnits: LEVEL_UNITS });
  const level3 = new DenseLayer(store, 'level3/dense', {
    inUnits: LEVEL_UNITS,
    outUnits: 3,
    biasInit: () =>
      tf.tensor1d([
        0,
        softBoundInverse(INITIAL_LOG_STD, LOG_STD_RANGE),
        softBoundInverse(INITIAL_LOG_NOISE, LOG_NOISE_RANGE),
      ]),
  });
  const noiseProjection = store.constant(orthonormalColumns(latentDim, shape.samplesPerWindow, seed)); // [latent, L]

  return generatorNetwork(store, latentDim, (z, labels, training) => {
    const classes = oneHotLabels(labels, numClasses); // [N, C]
    let h = leakyRelu(level1.apply(tf.concat([z, classes], 1) as tf.Tensor2D, training), LEAK); // [N, 64]
    h = leakyRelu(level2.apply(h, training), LEAK); // [N, 64]
    const [rawMean, rawLogStd, rawLogNoise] = tf.split(level3.apply(h, training), 3, 1); // [N, 1] each
    const mean = softBound(rawMean!, [-LEVEL_BOUND, LEVEL_BOUND]);
    const logStd = softBound(rawLogStd!, LOG_STD_RANGE);
    const logNoise = softBound(rawLogNoise!, LOG_NOISE_RANGE);
    return levelScaleShape(trunk(z, classes, training), matMul(z, noiseProjection), logNoise, mean, logStd);
  });
}

/**
 * The window from its parts, as `factored` and `anchored` both draw it:
 *   smooth [N, L, 1] (the trunk's output) → standardised; + exp(logNoise) · noise, noise
 *   [N, L] white N(0, 1) (z · W); standardised again → shape [N, L, 1]
 *   x = level + exp(logStd) · shape → [N, L, 1]; level, logStd, logNoise [N, 1] each.
 */
function levelScaleShape(
  smooth: tf.Tensor3D,
  noise: tf.Tensor2D,
  logNoise: tf.Tensor,
  level: tf.Tensor,
  logStd: tf.Tensor,
): tf.Tensor3D {
  const noiseAmplitude = tf.expandDims(tf.exp(logNoise), 2); // [N, 1, 1]
  const withNoise = tf.add(
    standardiseWindows(smooth).shape,
    tf.mul(noiseAmplitude, tf.expandDims(noise, 2)),
  ) as tf.Tensor3D; // [N, L, 1]
  const windowShape = standardiseWindows(withNoise).shape; // [N, L, 1]
  return tf.add(tf.expandDims(level, 2), tf.mul(tf.expandDims(tf.exp(logStd), 2), windowShape)) as tf.Tensor3D; // [N, L, 1]
}

/**
 * The `anchored` generator: `factored` with each window's level and log std drawn from the
 * training windows' own joint distribution (a per-class kernel density estimate,
 * LevelTable) instead of a learned head, and the shape conditioned on them and on the
 * drawn row's seizure-band share:
 *   level, logStd, seizureShare [N, 1] each ← LevelTable(z, label)
 *   condition = [one-hot class, level, logStd, 4 · (seizureShare − ½)] [N, C + 3] (the
 *     trunk's class-affine layers are linear in it, so the shape's style follows them)
 *   noise head: [z, condition] [N, 128 + C + 3] → dense 64, leaky → dense 64, leaky → dense 1
 *     → logNoise [N, 1], softly bounded
 *   shape: spectral trunk(z, condition) → standardised, + exp(logNoise) · z · W, standardised
 *   x = level + exp(logStd) · shape → [N, L, 1].
 * consistencyLoss(z, labels, x) = mean over windows of (logit share(x) − logit seizureShare)²
 * (shares clipped to 1–99%): the training loop adds it to G's loss, so each window carries
 * the share it was drawn with.
 * Why: real levels cluster per user and watch (a still wrist at 1,000 mg on one watch,
 * 1,550–1,770 mg on another) and scales span 2–500 mg; a head learned adversarially drew a
 * smooth blob wider than the data (5–95% level 924–1,969 mg against 1,006–1,773) and too
 * few of the vigorous clonic windows that raise OSD's alarm. Two scalars per window are
 * estimated far better by a smoothed bootstrap than by a GAN on 1,000 windows, and the
 * adversarial game is left with the shape, which is what a detector reads.
 * Why the share: left to the adversarial game, the shapes' seizure-band shares were
 * squeezed toward the middle (generated ictal windows' 90th percentile of OSD's ratio 65–70
 * against 68–83 real, and 0.18 of the most vigorous ones alarming against 0.33), the
 * averaging a GAN does on rare modes; OSD alarms on exactly that tail. Drawing the share
 * with the level and scale keeps the real joint distribution of all three.
 */
export function buildAnchoredGenerator(
  shape: GanShape,
  seed: number,
  latentDim = LATENT_DIM,
  trunkOptions: TrunkOptions = {},
): Generator {
  checkGanShape(shape);
  ensureTfjsGradients();
  const { numClasses } = shape;
  const store = new VariableStore('g', seed);
  const conditionUnits = numClasses + 3;
  const trunk = spectralGeneratorTrunk(store, { ...shape, numClasses: conditionUnits }, latentDim, trunkOptions);
  const noise1 = new DenseLayer(store, 'noise1/dense', { inUnits: latentDim + conditionUnits, outUnits: LEVEL_UNITS });
  const noise2 = new DenseLayer(store, 'noise2/dense', { inUnits: LEVEL_UNITS, outUnits: LEVEL_UNITS });
  const noise3 = new DenseLayer(store, 'noise3/dense', {
    inUnits: LEVEL_UNITS,
    outUnits: 1,
    biasInit: () => tf.tensor1d([softBoundInverse(INITIAL_LOG_NOISE, LOG_NOISE_RANGE)]),
  });
  // The table's three directions first: Gram–Schmidt keeps them exactly orthonormal to each
  // other and to the noise's, however long the window.
  const projections = orthonormalColumns(latentDim, 3 + shape.samplesPerWindow, seed); // [latent, 3 + L]
  const levelDirections = tf.slice(projections, [0, 0], [latentDim, 3]) as tf.Tensor2D; // [latent, 3]
  const persistentDirections = [0, 1, 2].map((k) =>
    tf.tidy(() => tf.reshape(tf.slice(levelDirections, [0, k], [latentDim, 1]), [-1]).dataSync() as Float32Array),
  );
  const bandPlan = seizureBandPlan(shape.samplesPerWindow, SAMPLE_RATE_HZ);
  store.constant(bandPlan.dft);
  store.constant(bandPlan.seizureBins);
  const levels = new LevelTable(store, 'levels', numClasses, levelDirections, seed, bandPlan);
  const noiseProjection = store.constant(
    tf.slice(projections, [0, 3], [latentDim, shape.samplesPerWindow]) as tf.Tensor2D,
  ); // [latent, L]
  projections.dispose();

  const network = generatorNetwork(store, latentDim, (z, labels, training) => {
    const { level, logStd, seizureShare } = levels.draw(z, labels); // [N, 1] each
    const condition = tf.concat(
      [oneHotLabels(labels, numClasses), level, logStd, shareFeature(seizureShare)],
      1,
    ) as tf.Tensor2D; // [N, C + 3]
    let h = leakyRelu(noise1.apply(tf.concat([z, condition], 1) as tf.Tensor2D, training), LEAK); // [N, 64]
    h = leakyRelu(noise2.apply(h, training), LEAK); // [N, 64]
    const logNoise = softBound(noise3.apply(h, training), LOG_NOISE_RANGE); // [N, 1]
    return levelScaleShape(trunk(z, condition, training), matMul(z, noiseProjection), logNoise, level, logStd);
  });
  const consistencyLoss = (z: tf.Tensor2D, labels: tf.Tensor1D, windows: tf.Tensor3D): tf.Scalar =>
    tf.tidy(() => {
      const target = levels.drawnSeizureShare(z, labels); // [N, 1]
      const made = seizureBandShare(windows, bandPlan); // [N, 1]
      return tf.mean(tf.square(tf.sub(clippedLogit(made), clippedLogit(target)))) as tf.Scalar;
    });
  const drawnRows = (): DrawnRows => {
    const classes = levels.rowValues();
    // Each row's latent is a bisection of Φ⁻¹; event generation asks for it per datapoint, so each is found once.
    const found = classes.map(() => new Map<number, number>());
    const indexLatent = (classIndex: number, row: number): number => {
      const memo = found[classIndex]!;
      let u = memo.get(row);
      if (u === undefined) memo.set(row, (u = LevelTable.indexLatent(row, classes[classIndex]!.level.length)));
      return u;
    };
    return { classes, indexLatent };
  };
  return {
    ...network,
    fitToData: (windows, labels, groups) => levels.fit(windows, labels, groups),
    consistencyLoss,
    persistentDirections,
    drawnRows,
  };
}

/**
 * The `factored` discriminator: the spectral discriminator's views of the window's shape,
 * told its level and scale explicitly, so that it judges shape, level and scale jointly
 * (a seizure's rhythm at a still wrist's scale is as wrong as a still wrist at a
 * seizure's), and its convolutions always see unit-scale input.
 *   x [N, L, 1] → mean, logStd [N, 1] each; shape = (x - mean) / std [N, L, 1]
 *   shape → spectral views: time [N, 256], spectrum [N, 128], minibatch spread [N, 1]
 *   [mean, logStd] [N, 2] → dense 64, leaky → [N, 64]
 *   concat [N, 449] → projection head (dense 256, leaky; logit + <embed(y), h>) → [N, 1].
 * Every weight is spectrally normalised.
 */
export function buildFactoredDiscriminator(shape: GanShape, seed: number): Discriminator {
  checkGanShape(shape, 8);
  ensureTfjsGradients();
  const { samplesPerWindow: length, numClasses } = shape;
  const store = new VariableStore('d', seed);
  const views = spectralDiscriminatorViews(store, length);
  const level = new DenseLayer(store, 'level/dense', { inUnits: 2, outUnits: LEVEL_UNITS, spectralNorm: true });
  const head = projectionHead(store, views.units + LEVEL_UNITS + 1, numClasses);
  return discriminatorNetwork(store, length, (x, labels, training) => {
    const { mean, logStd, shape: windowShape } = standardiseWindows(x);
    const { time, spectrum, spread } = views.apply(windowShape, training);
    const levels = leakyRelu(level.apply(tf.concat([mean, logStd], 1) as tf.Tensor2D, training), LEAK); // [N, 64]
    return head(tf.concat([time, spectrum, levels, spread], 1) as tf.Tensor2D, labels, training);
  });
}

export const factored: Architecture = {
  name: 'factored',
  description:
    "Each window drawn as level + scale × shape (a small head for a window's level and log scale, the spectral generator for its standardised shape); a spectral discriminator that sees the shape and is told level and scale; hinge loss, TTUR, weight averaging, and a statistics-matching loss on the generator.",
  defaults: { ...spectral.defaults, latentDim: LATENT_DIM, statisticsWeight: 10 },
  buildGenerator: buildFactoredGenerator,
  buildDiscriminator: buildFactoredDiscriminator,
};

export const anchored: Architecture = {
  name: 'anchored',
  description:
    "The previous default: factored with each window's level and log scale drawn from the training windows' own distribution (a per-class kernel density estimate, fitted before training and kept in the checkpoint) and its shape generated conditioned on them and on the drawn window's share of power in OSD's 3–8 Hz band, which a consistency loss makes it keep; the same discriminator and losses.",
  // G at twice factored's rate (D's still twice G's): in a 10-minute budget of about 1,750
  // steps it lowered the discriminative score on all three seeds of docs/lab/2026-11-quality.md.
  defaults: { ...factored.defaults, consistencyWeight: 1, learningRateG: 2e-4 },
  buildGenerator: buildAnchoredGenerator,
  buildDiscriminator: buildFactoredDiscriminator,
};

/**
 * The `styled` generator: `anchored` whose shape trunk takes its per-layer styles from the
 * latent as well as the condition (TrunkOptions.latentStyles): every class-affine layer's
 * gain and shift are linear in [one-hot class, level, logStd, share feature, z]
 * [N, C + 3 + 128], so z reaches every resolution of the trunk, not only its seed layer.
 * Same level table, noise head, consistency loss and discriminator as `anchored`.
 */
export function buildStyledGenerator(shape: GanShape, seed: number, latentDim = LATENT_DIM): Generator {
  return buildAnchoredGenerator(shape, seed, latentDim, { latentStyles: true });
}

export const styled: Architecture = {
  name: 'styled',
  description:
    "The default: anchored whose shape trunk takes every layer's style (the gain and shift after each normalisation) from the latent as well as the condition, so that the latent reaches every resolution of the shape, not only its first layer; the same level table, consistency loss, discriminator and losses.",
  defaults: { ...anchored.defaults },
  buildGenerator: buildStyledGenerator,
  buildDiscriminator: buildFactoredDiscriminator,
};
