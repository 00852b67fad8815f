import type { Architecture } from '../../types.js';
import { LATENT_DIM } from './constants.js';
import { buildStyledDiscriminator } from './discriminator.js';
import { buildStyledGenerator } from './generator.js';
import { MINIBATCH_GROUP_SIZE } from './minibatch-spread.js';

/** The default architecture: level + scale × shape, level and scale drawn from the data, the shape styled by the latent. */
export const styled: Architecture = {
  name: 'styled',
  description:
    "Each window drawn as level + scale × shape: its level and log scale from the training windows' own per-class distribution (a kernel density estimate fitted before training and kept in the checkpoint), with the drawn window's share of power in OSD's 3–8 Hz band, which a consistency loss makes the shape keep; the shape from a convolutional generator whose every layer takes its style from the latent and the condition. A spectrally normalised projection discriminator sees the shape's waveform and log power spectrum and is told level and scale; hinge loss, TTUR, weight averaging and a statistics-matching loss on the generator.",
  // G at half D's rate (TTUR); the statistics and consistency losses weighted as docs/lab/2026-11-quality.md settled them.
  defaults: {
    batchSize: 64,
    latentDim: LATENT_DIM,
    loss: 'hinge',
    learningRateG: 2e-4,
    learningRateD: 4e-4,
    beta1: 0,
    beta2: 0.9,
    emaDecay: 0.999,
    dStepsPerG: 1,
    scale: 'zscore',
    statisticsWeight: 10,
    consistencyWeight: 1,
  },
  // The discriminator's minibatch spread is per fixed group of rows; the generator's rows are independent.
  batchCoupling: { kind: 'groups', size: MINIBATCH_GROUP_SIZE },
  buildGenerator: buildStyledGenerator,
  buildDiscriminator: buildStyledDiscriminator,
};
