import type { Architecture } from '../../types.js';
import { buildSeedDiscriminator } from './discriminator.js';
import { buildSeedGenerator, LATENT_DIM } from './generator.js';

/** The originating Keras prototype, its normalisation fixed: a baseline. */
export const seed: Architecture = {
  name: 'seed',
  description:
    'The reference baseline: the originating Keras prototype with its normalisation fixed. A dense layer and 3 transposed convs with batch norm and a tanh output; an InceptionTime-style discriminator; cross-entropy loss.',
  defaults: {
    batchSize: 64,
    latentDim: LATENT_DIM,
    loss: 'bce',
    learningRateG: 2e-4,
    learningRateD: 2e-4,
    beta1: 0.5,
    beta2: 0.999,
    emaDecay: 0,
    dStepsPerG: 1,
    scale: 'minmax',
    statisticsWeight: 0,
    consistencyWeight: 0,
  },
  // Batch norm: every row's output depends on the whole batch's statistics.
  batchCoupling: { kind: 'batch' },
  buildGenerator: buildSeedGenerator,
  buildDiscriminator: buildSeedDiscriminator,
};
