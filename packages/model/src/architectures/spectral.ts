import * as tf from '@tensorflow/tfjs-core';
import { ClassAffineLayer } from '../nn/class-affine-layer.js';
import { Conv1dLayer } from '../nn/conv1d-layer.js';
import { DenseLayer } from '../nn/dense-layer.js';
import { VariableStore } from '../nn/variable-store.js';
import { pixelNorm } from '../ops/normalise.js';
import { globalAveragePool1d, globalMaxPool1d } from '../ops/pooling.js';
import { frequencyBins, logPowerSpectrum, realDftMatrix } from '../ops/spectrum.js';
import { leakyRelu } from '../ops/activations.js';
import { ensureTfjsGradients } from '../ops/tfjs-gradients.js';
import { upsample1d } from '../ops/upsample.js';
import type { Architecture, Discriminator, GanShape, Generator } from '../types.js';
import { checkGanShape, firstSamples, oneHotLabels, roundUpTo } from './inputs.js';
import { discriminatorNetwork, generatorNetwork } from './networks.js';

const LATENT_DIM = 128;
const LEAK = 0.2;
/** Channels of the generator's stages: the dense seed at L/8, then after each ×2 upsampling. */
const G_CHANNELS = [96, 64, 48, 32] as const;
/** Channels of the generator's full-resolution detail conv. */
const G_DETAIL = 32;
/** Channels of the discriminator's time branch: full resolution, then three stride-2 convs. */
const D_TIME_CHANNELS = [32, 64, 96, 128] as const;
const D_SPECTRUM_UNITS = 128;
const D_FEATURES = 256;

/**
 * The `spectral` generator. Class-conditional through a per-class affine after every
 * normalisation; pixel norm instead of batch norm, so it has no batch statistics and no
 * state, and training, inference and the trainer's weight average all behave alike.
 * It upsamples to the full window and ends in small-kernel convs at full resolution,
 * where the short sharp peaks and the sample-to-sample roughness of real windows live;
 * the output is linear (no tanh), for 'zscore' data whose peaks lie far in the tails.
 *   z [N, 128] → dense → L0·96 → [N, L0, 96], pixel norm, class affine, leaky 0.2   (L0 = ceil(L/8))
 *   3 × [nearest upsample ×2, conv k5, pixel norm, class affine, leaky 0.2]
 *       → [N, 2L0, 64] → [N, 4L0, 48] → [N, 8L0, 32]
 *   conv k3 32→32, leaky 0.2 → conv k3 32→1 → [N, 8L0, 1] → first L samples [N, L, 1]
 *   (sliced at the end, on one channel: slicing time on wasm is a slow JS copy).
 */
export function buildSpectralGenerator(shape: GanShape, seed: number, latentDim = LATENT_DIM): Generator {
  checkGanShape(shape);
  ensureTfjsGradients();
  const store = new VariableStore('g', seed);
  const trunk = spectralGeneratorTrunk(store, shape, latentDim);
  return generatorNetwork(store, latentDim, (z, labels, training) =>
    trunk(z, oneHotLabels(labels, shape.numClasses), training),
  );
}

export interface TrunkOptions {
  /**
   * Styles from the latent: every class-affine layer's gain and shift are linear in
   * [condition, z] [N, C + latentDim] instead of the condition alone (StyleGAN's per-layer
   * styles, without its mapping network). Why: otherwise z enters only the dense seed at
   * L/8, and everything finer is a fixed function of the coarse features and the
   * condition. On the shared sample it brought the generated windows' band powers and
   * autocorrelation nearer the real ones (docs/lab/2026-11-quality.md, "Styles from the latent"). The
   * latent weights start at zero, so training starts from the plain trunk. Default false.
   */
  readonly latentStyles?: boolean;
}

/**
 * The spectral generator's layers in `store`, as a forward pass
 * (z [N, latentDim], one-hot classes or any condition [N, C], training) → [N, L, 1]
 * (shapes in buildSpectralGenerator; with `latentStyles` the affine layers read
 * [condition, z] [N, C + latentDim]).
 */
export function spectralGeneratorTrunk(
  store: VariableStore,
  shape: GanShape,
  latentDim: number,
  options: TrunkOptions = {},
): (z: tf.Tensor2D, condition: tf.Tensor2D, training: boolean) => tf.Tensor3D {
  const { samplesPerWindow: length, numClasses } = shape;
  const styleUnits = options.latentStyles ? numClasses + latentDim : numClasses;
  const baseLength = roundUpTo(length, 8) / 8;
  const [seedChannels, ...stageChannels] = G_CHANNELS;
  const dense0 = new DenseLayer(store, 'dense0', { inUnits: latentDim, outUnits: baseLength * seedChannels });
  const affine0 = new ClassAffineLayer(store, 'affine0', styleUnits, seedChannels);
  let inChannels: number = seedChannels;
  const stages = stageChannels.map((outChannels, i) => {
    const stage = {
      conv: new Conv1dLayer(store, `up${i + 1}/conv`, { kernelSize: 5, inChannels, outChannels }),
      affine: new ClassAffineLayer(store, `up${i + 1}/affine`, styleUnits, outChannels),
    };
    inChannels = outChannels;
    return stage;
  });
  const detail = new Conv1dLayer(store, 'detail/conv', { kernelSize: 3, inChannels, outChannels: G_DETAIL });
  const output = new Conv1dLayer(store, 'out/conv', { kernelSize: 3, inChannels: G_DETAIL, outChannels: 1 });

  return (z, condition, training) => {
    const style = options.latentStyles ? (tf.concat([condition, z], 1) as tf.Tensor2D) : condition; // [N, C (+ latentDim)]
    const seeded = tf.reshape(dense0.apply(z, training), [-1, baseLength, seedChannels]) as tf.Tensor3D; // [N, L0, 96]
    let h = leakyRelu(affine0.apply(pixelNorm(seeded) as tf.Tensor3D, style), LEAK);
    for (const { conv, affine } of stages) {
      h = leakyRelu(affine.apply(pixelNorm(conv.apply(upsample1d(h, 2), training)) as tf.Tensor3D, style), LEAK); // [N, 2L0 | 4L0 | 8L0, 64 | 48 | 32]
    }
    h = leakyRelu(detail.apply(h, training), LEAK); // [N, 8L0, 32]
    return firstSamples(output.apply(h, training), length); // [N, L, 1]
  };
}

/**
 * The `spectral` discriminator: two views of the window, every weight spectrally normalised
 * (one power iteration per training call), projection conditioning.
 *   time branch: x [N, L, 1] → conv k3 1→32 (full resolution: roughness at lag 1–2)
 *     → conv k5 s2 32→64 → conv k5 s2 64→96 → conv k5 s2 96→128, leaky 0.2 each
 *     → [N, ceil(L/8), 128] → mean and max over time (max: the sharp peaks) → [N, 256]
 *   spectrum branch: x → Hann-windowed log power spectrum via a fixed DFT matrix [N, F]
 *     (F = floor(L/2) + 1) → dense 128, leaky → dense 128, leaky → [N, 128]
 *   minibatch spread: the batch's standard deviation of the time features, one number → [N, 1]
 *   joint: concat [N, 385] → dense 256, leaky → h [N, 256]
 *   logit = dense(h) + <embed(y), h>  (the projection term only when numClasses > 1) → [N, 1].
 */
export function buildSpectralDiscriminator(shape: GanShape, seed: number): Discriminator {
  checkGanShape(shape, 8);
  ensureTfjsGradients();
  const { samplesPerWindow: length, numClasses } = shape;
  const store = new VariableStore('d', seed);
  const views = spectralDiscriminatorViews(store, length);
  const head = projectionHead(store, views.units + 1, numClasses);
  return discriminatorNetwork(store, length, (x, labels, training) => {
    const { time, spectrum, spread } = views.apply(x, training);
    return head(tf.concat([time, spectrum, spread], 1) as tf.Tensor2D, labels, training);
  });
}

/**
 * The spectral discriminator's two views of a window, spectrally normalised, in `store`:
 * x [N, L, 1] → time [N, 256], spectrum [N, 128] and the minibatch spread [N, 1]
 * (layers in buildSpectralDiscriminator); `units` = 256 + 128.
 */
export function spectralDiscriminatorViews(
  store: VariableStore,
  length: number,
): {
  readonly units: number;
  apply(x: tf.Tensor3D, training: boolean): { time: tf.Tensor2D; spectrum: tf.Tensor2D; spread: tf.Tensor2D };
} {
  const sn = { spectralNorm: true } as const;
  const [fullResolution, ...strided] = D_TIME_CHANNELS;
  const timeConvs = [
    new Conv1dLayer(store, 'time0/conv', { kernelSize: 3, inChannels: 1, outChannels: fullResolution, ...sn }),
  ];
  let inChannels: number = fullResolution;
  strided.forEach((outChannels, i) => {
    timeConvs.push(
      new Conv1dLayer(store, `time${i + 1}/conv`, { kernelSize: 5, inChannels, outChannels, stride: 2, ...sn }),
    );
    inChannels = outChannels;
  });
  const timeUnits = 2 * inChannels;
  const dft = store.constant(realDftMatrix(length)); // [L, 2F]
  const spectrum1 = new DenseLayer(store, 'spectrum1/dense', {
    inUnits: frequencyBins(length),
    outUnits: D_SPECTRUM_UNITS,
    ...sn,
  });
  const spectrum2 = new DenseLayer(store, 'spectrum2/dense', {
    inUnits: D_SPECTRUM_UNITS,
    outUnits: D_SPECTRUM_UNITS,
    ...sn,
  });
  return {
    units: timeUnits + D_SPECTRUM_UNITS,
    apply: (x, training) => {
      let h = x;
      for (const conv of timeConvs) h = leakyRelu(conv.apply(h, training), LEAK); // … → [N, ceil(L/8), 128]
      const time = tf.concat([globalAveragePool1d(h), globalMaxPool1d(h)], 1) as tf.Tensor2D; // [N, 256]
      let spectrum = logPowerSpectrum(x, dft); // [N, F]
      spectrum = leakyRelu(spectrum1.apply(spectrum, training), LEAK); // [N, 128]
      spectrum = leakyRelu(spectrum2.apply(spectrum, training), LEAK) as tf.Tensor2D; // [N, 128]
      return { time, spectrum, spread: minibatchSpread(h) };
    },
  };
}

/**
 * The joint layer and projection output, spectrally normalised, in `store`:
 * features [N, inUnits] → dense 256, leaky → h; logit = dense(h) + <embed(y), h>
 * (the projection term only when numClasses > 1) → [N, 1].
 */
export function projectionHead(
  store: VariableStore,
  inUnits: number,
  numClasses: number,
): (features: tf.Tensor2D, labels: tf.Tensor1D, training: boolean) => tf.Tensor2D {
  const sn = { spectralNorm: true } as const;
  const joint = new DenseLayer(store, 'joint/dense', { inUnits, outUnits: D_FEATURES, ...sn });
  const logit = new DenseLayer(store, 'logit/dense', { inUnits: D_FEATURES, outUnits: 1, ...sn });
  const projection =
    numClasses > 1
      ? new DenseLayer(store, 'class_projection', { inUnits: numClasses, outUnits: D_FEATURES, bias: false, ...sn })
      : undefined;
  return (features, labels, training) => {
    const h = leakyRelu(joint.apply(features, training), LEAK); // [N, 256]
    const score = logit.apply(h, training); // [N, 1]
    if (!projection) return score;
    const classDirection = projection.apply(oneHotLabels(labels, numClasses), training); // [N, 256]
    return tf.add(score, tf.sum(tf.mul(h, classDirection), 1, true));
  };
}

/**
 * Rows of a batch that share one minibatch statistic. Statistics of fixed groups (as in
 * StyleGAN's minibatch standard deviation) make a batch's loss the mean of its groups'
 * losses, so a batch split into group-aligned shards on several threads gives the same
 * gradient as the whole batch on one. A batch that is not a multiple of it is one group.
 */
export const MINIBATCH_GROUP_SIZE = 32;

/**
 * Minibatch standard deviation (Karras et al. 2018): each group's spread of the time
 * branch's features, averaged to one number and given to every row of the group as a
 * feature [N, 1], so that D can tell a generator that collapses to a few windows from the
 * varied real batch. (A group of one has spread 0.)
 */
function minibatchSpread(h: tf.Tensor3D): tf.Tensor2D {
  const [batch, length, channels] = h.shape;
  const groups = batch % MINIBATCH_GROUP_SIZE === 0 ? batch / MINIBATCH_GROUP_SIZE : 1;
  const grouped = tf.reshape(h, [groups, batch / groups, length * channels]);
  const spread = tf.mean(tf.sqrt(tf.add(tf.moments(grouped, 1).variance, 1e-8)), 1, true); // [groups, 1]
  return tf.reshape(tf.mul(tf.ones([groups, batch / groups]), spread), [batch, 1]) as tf.Tensor2D; // (tile is slow on wasm)
}

export const spectral: Architecture = {
  name: 'spectral',
  description:
    'The previous default (factored without its level head, noise and statistics loss): class-conditional generator with pixel norm and full-resolution output convs; spectrally normalised projection discriminator that sees both the waveform and its log power spectrum; hinge loss, TTUR, weight averaging.',
  defaults: {
    batchSize: 64,
    latentDim: LATENT_DIM,
    loss: 'hinge',
    learningRateG: 1e-4,
    learningRateD: 4e-4,
    beta1: 0,
    beta2: 0.9,
    emaDecay: 0.999,
    dStepsPerG: 1,
    scale: 'zscore',
    statisticsWeight: 0,
    consistencyWeight: 0,
  },
  buildGenerator: buildSpectralGenerator,
  buildDiscriminator: buildSpectralDiscriminator,
};
