import * as tf from '@tensorflow/tfjs-core';
import { ClassAffineLayer } from '../../nn/class-affine-layer.js';
import { Conv1dLayer } from '../../nn/conv1d-layer.js';
import { DenseLayer } from '../../nn/dense-layer.js';
import type { VariableStore } from '../../nn/variable-store.js';
import { leakyRelu } from '../../ops/activations.js';
import { pixelNorm } from '../../ops/normalise.js';
import { upsample1d } from '../../ops/upsample.js';
import { firstSamples, roundUpTo } from '../inputs.js';
import { LEAK } from './constants.js';

/** Channels of the trunk's stages: the dense seed at L/8, then after each ×2 upsampling. */
const CHANNELS = [96, 64, 48, 32] as const;
/** Channels of the full-resolution detail conv. */
const DETAIL_CHANNELS = 32;

/**
 * The generator's shape trunk with latent styles, its layers in `store`, as a forward pass
 * (z [N, latentDim], condition [N, C], training) → [N, L, 1]:
 *   style = [condition, z] [N, C + latentDim]
 *   z → dense → L0·96 → [N, L0, 96], pixel norm, style affine, leaky 0.2   (L0 = ceil(L/8))
 *   3 × [nearest upsample ×2, conv k5, pixel norm, style affine, leaky 0.2]
 *       → [N, 2L0, 64] → [N, 4L0, 48] → [N, 8L0, 32]
 *   conv k3 32→32, leaky 0.2 → conv k3 32→1 → [N, 8L0, 1] → first L samples [N, L, 1]
 *   (sliced at the end, on one channel: slicing time on wasm is a slow JS copy).
 * A style affine is h · (1 + gain) + shift with per-channel gain and shift linear in the
 * style (ClassAffineLayer), starting at zero.
 * Why: it upsamples to the full window and ends in small-kernel convs at full resolution,
 * where the short sharp peaks and the sample-to-sample roughness of real windows live; the
 * output is linear (no tanh), for 'zscore' data whose peaks lie far in the tails. Pixel
 * norm instead of batch norm: no batch statistics and no state, so training, inference and
 * the trainer's weight average all behave alike. The styles take z as well as the
 * condition (StyleGAN's per-layer styles, without its mapping network): otherwise z would
 * enter only the dense seed at L/8, and everything finer would be a fixed function of the
 * coarse features and the condition.
 */
export function shapeTrunk(
  store: VariableStore,
  samplesPerWindow: number,
  conditionUnits: number,
  latentDim: number,
): (z: tf.Tensor2D, condition: tf.Tensor2D, training: boolean) => tf.Tensor3D {
  const styleUnits = conditionUnits + latentDim;
  const baseLength = roundUpTo(samplesPerWindow, 8) / 8;
  const [seedChannels, ...stageChannels] = CHANNELS;
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
  const detail = new Conv1dLayer(store, 'detail/conv', { kernelSize: 3, inChannels, outChannels: DETAIL_CHANNELS });
  const output = new Conv1dLayer(store, 'out/conv', { kernelSize: 3, inChannels: DETAIL_CHANNELS, outChannels: 1 });

  return (z, condition, training) => {
    const style = tf.concat([condition, z], 1) as tf.Tensor2D; // [N, C + latentDim]
    const seeded = tf.reshape(dense0.apply(z, training), [-1, baseLength, seedChannels]) as tf.Tensor3D; // [N, L0, 96]
    let h = leakyRelu(affine0.apply(pixelNorm(seeded) as tf.Tensor3D, style), LEAK);
    for (const { conv, affine } of stages) {
      h = leakyRelu(affine.apply(pixelNorm(conv.apply(upsample1d(h, 2), training)) as tf.Tensor3D, style), LEAK); // [N, 2L0 | 4L0 | 8L0, 64 | 48 | 32]
    }
    h = leakyRelu(detail.apply(h, training), LEAK); // [N, 8L0, 32]
    return firstSamples(output.apply(h, training), samplesPerWindow); // [N, L, 1]
  };
}
