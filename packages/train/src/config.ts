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

/**
 * Bounds on what a run may ask for, well above any real use: a config (or a checkpoint's
 * header) outside them is refused before a network is built, so a typo or a crafted file
 * cannot make accelgan allocate gigabytes.
 */
export const CONFIG_LIMITS = {
  latentDim: 1024,
  batchSize: 4096,
  dStepsPerG: 100,
  /** Seconds of a training window (a 5 s OSDB datapoint is 125 samples). */
  windowSeconds: 60,
} as const;

/** How the user gave each config key, for error lines: the flag of `accelgan train` (DEFAULT_FLAGS), or `--set KEY` as typed. */
export type ConfigFlags = Partial<Record<keyof TrainConfig, string>>;

/** The flag of `accelgan train` that sets each key: its own flag, else `--set KEY`. */
export function flagOf(key: keyof TrainConfig, flags: ConfigFlags = {}): string {
  return flags[key] ?? OWN_FLAGS[key] ?? `--set ${key}`;
}

const OWN_FLAGS: ConfigFlags = {
  arch: '--arch',
  condition: '--condition',
  steps: '--steps',
  minutes: '--minutes',
  batchSize: '--batch',
  seed: '--seed',
  backend: '--backend',
  windowSeconds: '--window-seconds',
  valFraction: '--val-fraction',
  logEvery: '--log-every',
  checkpointMinutes: '--checkpoint-minutes',
};

/** A usage error about one key, named as the user gave it. */
export function configError(key: keyof TrainConfig, problem: string, flags?: ConfigFlags): AccelganError {
  return new AccelganError(`${flagOf(key, flags)} ${problem}`, USAGE_EXIT_CODE);
}

/** Exit code of a value the user gave that cannot be used (EX_USAGE), as for the CLI's own usage errors. */
const USAGE_EXIT_CODE = 2;

/**
 * Fills an architecture's defaults under the user's overrides and checks the result;
 * errors name the flag as `flags` says the user gave it (default: DEFAULT_FLAGS' flag, or `--set KEY`).
 */
export function resolveConfig(overrides: TrainConfigOverrides, flags: ConfigFlags = {}): TrainConfig {
  const archName = overrides.arch ?? DEFAULT_ARCHITECTURE;
  let arch: Architecture;
  try {
    arch = getArchitecture(archName);
  } catch (error) {
    throw new AccelganError(error instanceof Error ? error.message : String(error), USAGE_EXIT_CODE);
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
  checkConfig(config, flags);
  return config;
}

/** A saved config with the loss weights that checkpoints written before them lack: 0, as they trained without them. */
export function withLaterWeights(config: TrainConfig): TrainConfig {
  return {
    ...config,
    statisticsWeight: config.statisticsWeight ?? 0,
    consistencyWeight: config.consistencyWeight ?? 0,
  };
}

/** Throws a usage error naming the first value of `config` that is out of bounds (see configProblem). */
export function checkConfig(config: TrainConfig, flags: ConfigFlags = {}): void {
  const problem = configProblem(config);
  if (problem) throw configError(problem.key, problem.problem, flags);
}

/**
 * The first value of a config that cannot be trained with, and what is wrong with it
 * ("must be …, got …"); null where every value is fine. Checks types too, as a config
 * may come from a file.
 */
export function configProblem(config: TrainConfig): { key: keyof TrainConfig; problem: string } | null {
  const c = config as unknown as Record<keyof TrainConfig, unknown>;
  const bad = (key: keyof TrainConfig, must: string) => ({ key, problem: `must be ${must}, got ${String(c[key])}` });
  const isInt = (v: unknown, min: number, max = Number.MAX_SAFE_INTEGER) =>
    typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;
  const isNumber = (v: unknown) => typeof v === 'number' && Number.isFinite(v);
  if (typeof c.arch !== 'string' || !c.arch) return bad('arch', 'an architecture name');
  if (!CONDITIONS.includes(c.condition as Condition)) return bad('condition', `one of ${CONDITIONS.join(', ')}`);
  if (c.steps != null && !isInt(c.steps, 1)) return bad('steps', 'a positive integer');
  if (c.minutes != null && !(isNumber(c.minutes) && (c.minutes as number) > 0)) return bad('minutes', 'positive');
  if (!isInt(c.batchSize, 1, CONFIG_LIMITS.batchSize))
    return bad('batchSize', `a positive integer of at most ${CONFIG_LIMITS.batchSize}`);
  if (!isInt(c.seed, Number.MIN_SAFE_INTEGER)) return bad('seed', 'an integer');
  if (!['auto', 'node', 'wasm', 'cpu'].includes(c.backend as string)) return bad('backend', 'auto, node, wasm or cpu');
  if (!isInt(c.latentDim, 1, CONFIG_LIMITS.latentDim))
    return bad('latentDim', `a positive integer of at most ${CONFIG_LIMITS.latentDim}`);
  if (!['hinge', 'bce'].includes(c.loss as string)) return bad('loss', 'hinge or bce');
  if (!(isNumber(c.learningRateG) && (c.learningRateG as number) > 0)) return bad('learningRateG', 'positive');
  if (!(isNumber(c.learningRateD) && (c.learningRateD as number) > 0)) return bad('learningRateD', 'positive');
  for (const key of ['beta1', 'beta2', 'emaDecay'] as const)
    if (!(isNumber(c[key]) && (c[key] as number) >= 0 && (c[key] as number) < 1)) return bad(key, 'in [0, 1)');
  if (!isInt(c.dStepsPerG, 1, CONFIG_LIMITS.dStepsPerG))
    return bad('dStepsPerG', `a positive integer of at most ${CONFIG_LIMITS.dStepsPerG}`);
  if (!['zscore', 'minmax', 'minmax01'].includes(c.scale as string)) return bad('scale', 'zscore, minmax or minmax01');
  for (const key of ['statisticsWeight', 'consistencyWeight'] as const)
    if (!(isNumber(c[key]) && (c[key] as number) >= 0)) return bad(key, '≥ 0');
  const seconds = c.windowSeconds as number;
  if (!(isInt(seconds, 5, CONFIG_LIMITS.windowSeconds) && seconds % 5 === 0))
    return bad('windowSeconds', `a multiple of 5 seconds of at most ${CONFIG_LIMITS.windowSeconds}`);
  if (!(isNumber(c.valFraction) && (c.valFraction as number) >= 0 && (c.valFraction as number) < 1))
    return bad('valFraction', 'in [0, 1)');
  if (!isInt(c.logEvery, 1)) return bad('logEvery', 'a positive integer');
  if (!(isNumber(c.checkpointMinutes) && (c.checkpointMinutes as number) > 0))
    return bad('checkpointMinutes', 'positive');
  return null;
}
