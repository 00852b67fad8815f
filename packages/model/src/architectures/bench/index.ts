import type { Architecture } from '../../types.js';
import { LATENT_DIM } from './constants.js';
import { buildBenchDiscriminator } from './discriminator.js';
import { buildBenchGenerator } from './generator.js';

/** The fixed speed-comparison GAN of shared/bench and its PyTorch twin. */
export const bench: Architecture = {
  name: 'bench',
  description:
    'The speed reference: the fixed GAN of shared/bench, layer for layer as its PyTorch twin. A dense layer and 3 × (upsample, conv k5) generator; a discriminator of 3 strided convs and a dense layer; hinge loss.',
  defaults: {
    batchSize: 64,
    latentDim: LATENT_DIM,
    loss: 'hinge',
    learningRateG: 2e-4,
    learningRateD: 2e-4,
    beta1: 0.5,
    beta2: 0.999,
    emaDecay: 0,
    dStepsPerG: 1,
    scale: 'zscore',
    statisticsWeight: 0,
    consistencyWeight: 0,
  },
  // No batch statistics: every row is computed on its own.
  batchCoupling: { kind: 'rows' },
  buildGenerator: buildBenchGenerator,
  buildDiscriminator: buildBenchDiscriminator,
};
