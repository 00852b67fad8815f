import * as tf from '@tensorflow/tfjs-core';
import { Conv1dLayer } from '../../nn/conv1d-layer.js';
import { DenseLayer } from '../../nn/dense-layer.js';
import type { VariableStore } from '../../nn/variable-store.js';
import { leakyRelu } from '../../ops/activations.js';
import { globalAveragePool1d, globalMaxPool1d } from '../../ops/pooling.js';
import { frequencyBins, logPowerSpectrum, realDftMatrix } from '../../ops/spectrum.js';
import { LEAK } from './constants.js';
import { minibatchSpread } from './minibatch-spread.js';

/** Channels of the time view: full resolution, then three stride-2 convs. */
const TIME_CHANNELS = [32, 64, 96, 128] as const;
const SPECTRUM_UNITS = 128;

/**
 * The discriminator's two views of a (standardised) window, every weight spectrally
 * normalised (one power iteration per training call), in `store`:
 *   waveform: x [N, L, 1] → conv k3 1→32 (full resolution: roughness at lag 1–2)
 *     → conv k5 s2 32→64 → conv k5 s2 64→96 → conv k5 s2 96→128, leaky 0.2 each
 *     → [N, ceil(L/8), 128] → mean and max over time (max: the sharp peaks) → time [N, 256]
 *   spectrum: x → Hann-windowed log power spectrum via a fixed DFT matrix [N, F]
 *     (F = floor(L/2) + 1) → dense 128, leaky → dense 128, leaky → spectrum [N, 128]
 *   minibatch spread of the waveform features (minibatch-spread.ts) → spread [N, 1].
 * `units` = 256 + 128 (time and spectrum). Why both: real windows are rough at short lags
 * with short sharp peaks (the waveform at full resolution, max pooling), and the seizure
 * band is a property of the spectrum.
 */
export function discriminatorViews(
  store: VariableStore,
  length: number,
): {
  readonly units: number;
  apply(x: tf.Tensor3D, training: boolean): { time: tf.Tensor2D; spectrum: tf.Tensor2D; spread: tf.Tensor2D };
} {
  const sn = { spectralNorm: true } as const;
  const [fullResolution, ...strided] = TIME_CHANNELS;
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
    outUnits: SPECTRUM_UNITS,
    ...sn,
  });
  const spectrum2 = new DenseLayer(store, 'spectrum2/dense', {
    inUnits: SPECTRUM_UNITS,
    outUnits: SPECTRUM_UNITS,
    ...sn,
  });
  return {
    units: timeUnits + SPECTRUM_UNITS,
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
