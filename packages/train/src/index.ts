// @accelgan/train: the training loop, run directories, checkpoints, and generation with export.
// The step's machinery (Gan, trainStep, DataParallel, BatchSampler) is on `@accelgan/train/internal`.

/** A run's config: the architecture's defaults, then the user's `--set` keys and flags. */
export {
  resolveConfig,
  TRAINING_DEFAULT_KEYS,
  type TrainConfig,
  type TrainConfigOverrides,
  type ConfigFlags,
} from './config.js';
/** Whether a class of the run's conditioning is a seizure class. */
export { isIctalClass } from './conditioning.js';
/** Training windows from a dataset file or OSDB files, ingested on the fly. */
export { openTrainingData } from './training-data.js';
/** Trains (or resumes) a run into its directory. */
export { train, type TrainProgress, type TrainResult } from './trainer.js';
/** A run directory's files, its one writer and its resume rule; the versions every run records. */
export { RunDirectory, runPaths, versions } from './run-directory.js';
/** How the trained discriminator scores its training windows against held-out ones. */
export type { DiscriminatorMemory } from './discriminator-memory.js';

/** Windows from a trained run, in milli-g, in memory or in chunks, on worker threads. */
export {
  loadGenerator,
  generateWindows,
  generateWindowChunks,
  describeGeneration,
  proportionalLabels,
  toMilliG,
  type TrainedGenerator,
  type GeneratedChunk,
} from './generate.js';
export { sampleWindows, defaultThreads } from './generate-threads.js';
/** Generated windows written as OSDB JSON, the toolkit's CSV or Arrow. */
export { exportGenerated, exportGeneratedChunks, checkExportPath } from './export.js';

/** Whole events: layouts drawn from the training events, latent walks, seamless joins, and their export. */
export { checkLayoutRequest } from './events/plan.js';
export type { SeamMode } from './events/seams.js';
export {
  generateEvents,
  checkEventRun,
  describeEventSettings,
  type GeneratedEvents,
} from './events/generate-events.js';
export { exportEvents } from './events/export-events.js';
