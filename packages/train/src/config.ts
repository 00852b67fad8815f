import {
  DEFAULT_ARCHITECTURE,
  getArchitecture,
  type Architecture,
  type TrainingDefaults,
  type BackendChoice,
} from '@accelgan/model';
import { AccelganError } from '@accelgan/data';
import { CONDITIONS, type Condition } from './conditioning.js';

/**
 * Everything that determines a training run: the architecture's training defaults
 * (batch, latent size, loss, optimiser, EMA, scale — possibly overridden) plus the run's own.
 * Saved as config.json and inside every checkpoint. `scale` is the normalisation used when
 * the training data is OSDB JSON ingested on the fly.
 */
export interface TrainConfig extends TrainingDefaults {
  readonly arch: string;
  readonly condition: Condition;
  /** Total generator updates to reach; null = until `minutes` runs out. */
  readonly steps: number | null;
  /** Wall-clock budget of one invocation in minutes; null = until `steps`. */
  readonly minutes: number | null;
  readonly seed: number;
  readonly backend: BackendChoice;
  /** Window length used when ingesting OSDB JSON on the fly. */
  readonly windowSeconds: number;
  /** Validation fraction (by event) used when ingesting OSDB JSON on the fly. */
  readonly valFraction: number;
  /** Steps between rows of metrics.csv. */
  readonly logEvery: number;
  /** Minutes between checkpoints (one is always written at the end). */
  readonly checkpointMinutes: number;
}

export type TrainConfigOverrides = Partial<{ -readonly [K in keyof TrainConfig]: TrainConfig[K] | undefined }>;

/** The architecture training defaults a user may override (`accelgan train --set KEY=VALUE`), by value type. */
export const TRAINING_DEFAULT_KEYS: Readonly<Record<keyof TrainingDefaults, 'number' | 'string'>> = {
  batchSize: 'number',
  latentDim: 'number',
  loss: 'string',
  learningRateG: 'number',
  learningRateD: 'number',
  beta1: 'number',
  beta2: 'number',
  emaDecay: 'number',
  dStepsPerG: 'number',
  scale: 'string',
  statisticsWeight: 'number',
  consistencyWeight: 'number',
};

/** Steps used when neither --steps nor --minutes is given. */
export const DEFAULT_STEPS = 2000;

/** Fills an architecture's defaults under the user's overrides and checks the result. */
export function resolveConfig(overrides: TrainConfigOverrides): TrainConfig {
  const archName = overrides.arch ?? DEFAULT_ARCHITECTURE;
  let arch: Architecture;
  try {
    arch = getArchitecture(archName);
  } catch (error) {
    throw new AccelganError(error instanceof Error ? error.message : String(error));
  }
  const d = arch.defaults;
  const noBudget = overrides.steps == null && overrides.minutes == null;
  const config: TrainConfig = {
    arch: archName,
    condition: overrides.condition ?? 'ictal',
    steps: noBudget ? DEFAULT_STEPS : (overrides.steps ?? null),
    minutes: overrides.minutes ?? null,
    batchSize: overrides.batchSize ?? d.batchSize,
    seed: overrides.seed ?? 0,
    backend: overrides.backend ?? 'auto',
    latentDim: overrides.latentDim ?? d.latentDim,
    loss: overrides.loss ?? d.loss,
    learningRateG: overrides.learningRateG ?? d.learningRateG,
    learningRateD: overrides.learningRateD ?? d.learningRateD,
    beta1: overrides.beta1 ?? d.beta1,
    beta2: overrides.beta2 ?? d.beta2,
    emaDecay: overrides.emaDecay ?? d.emaDecay,
    dStepsPerG: overrides.dStepsPerG ?? d.dStepsPerG,
    scale: overrides.scale ?? d.scale,
    statisticsWeight: overrides.statisticsWeight ?? d.statisticsWeight,
    consistencyWeight: overrides.consistencyWeight ?? d.consistencyWeight,
    windowSeconds: overrides.windowSeconds ?? 5,
    valFraction: overrides.valFraction ?? 0.2,
    logEvery: overrides.logEvery ?? 10,
    checkpointMinutes: overrides.checkpointMinutes ?? 2,
  };
  const positiveInt = (name: string, v: number | null) => {
    if (v != null && (!Number.isInteger(v) || v <= 0))
      throw new AccelganError(`--${name} must be a positive integer, got ${v}`);
  };
  positiveInt('steps', config.steps);
  positiveInt('batch', config.batchSize);
  positiveInt('latent-dim', config.latentDim);
  positiveInt('log-every', config.logEvery);
  positiveInt('d-steps', config.dStepsPerG);
  if (config.minutes != null && !(config.minutes > 0))
    throw new AccelganError(`--minutes must be positive, got ${config.minutes}`);
  if (!Number.isInteger(config.seed)) throw new AccelganError(`--seed must be an integer, got ${config.seed}`);
  if (!(config.statisticsWeight >= 0))
    throw new AccelganError(`--statistics-weight must be ≥ 0, got ${config.statisticsWeight}`);
  if (!(config.consistencyWeight >= 0))
    throw new AccelganError(`consistencyWeight must be ≥ 0, got ${config.consistencyWeight}`);
  if (!(config.emaDecay >= 0 && config.emaDecay < 1))
    throw new AccelganError(`--ema-decay must be in [0, 1), got ${config.emaDecay}`);
  if (!['hinge', 'bce'].includes(config.loss)) throw new AccelganError(`loss must be hinge or bce, got ${config.loss}`);
  if (!['zscore', 'minmax', 'minmax01'].includes(config.scale))
    throw new AccelganError(`scale must be zscore, minmax or minmax01, got ${config.scale}`);
  if (!(config.learningRateG > 0 && config.learningRateD > 0))
    throw new AccelganError('learning rates must be positive');
  if (!(config.beta1 >= 0 && config.beta1 < 1 && config.beta2 >= 0 && config.beta2 < 1))
    throw new AccelganError('Adam betas must be in [0, 1)');
  if (!CONDITIONS.includes(config.condition)) {
    throw new AccelganError(`--condition must be one of ${CONDITIONS.join(', ')}, got ${config.condition}`);
  }
  return config;
}
