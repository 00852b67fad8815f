export {
  resolveConfig,
  DEFAULT_STEPS,
  TRAINING_DEFAULT_KEYS,
  type TrainConfig,
  type TrainConfigOverrides,
  type ConfigFlags,
} from './config.js';
export { assignClasses, resolveLabel, isIctalClass, type Condition, type ClassAssignment } from './conditioning.js';
export { openTrainingData, type TrainingDataOptions } from './training-data.js';
export { train, type TrainOptions, type TrainProgress, type TrainResult } from './trainer.js';
export { RunDirectory, runPaths, versions } from './run-directory.js';
export {
  discriminatorMemory,
  type DiscriminatorMemory,
  type SideScore,
  type HeldOutWindows,
  type MemoryOptions,
} from './discriminator-memory.js';
export {
  loadCheckpoint,
  saveCheckpoint,
  type CheckpointHeader,
  type CheckpointMeta,
  type LoadedCheckpoint,
} from './checkpoint.js';
export {
  loadGenerator,
  generateWindows,
  generateWindowChunks,
  describeGeneration,
  proportionalLabels,
  toMilliG,
  type TrainedGenerator,
  type GenerateOptions,
  type GeneratedWindows,
  type GeneratedChunk,
} from './generate.js';
export { sampleWindows, defaultThreads, type SamplingSource, type SamplingOptions } from './generate-threads.js';
export { Gan } from './gan.js';
export { trainStep, type StepLosses } from './step.js';
export { DataParallel } from './data-parallel.js';
export { BatchSampler, type Batch } from './batches.js';
export {
  exportGenerated,
  exportGeneratedChunks,
  checkExportPath,
  syntheticTable,
  EXPORT_FORMATS,
  type ExportOptions,
} from './export.js';

// Whole events: layouts drawn from the training events, phase classes, latent walks, seamless joins.
export { CONDITIONS, PHASES, POST_ICTAL, NON_ICTAL, phaseOf, type Phase } from './conditioning.js';
export { eventOutlines, type EventOutline } from './events/outlines.js';
export {
  planEvents,
  checkLayoutRequest,
  datapointPhases,
  MIN_EVENT_SECONDS,
  MAX_EVENT_SECONDS,
  type EventLayoutRequest,
  type EventPlan,
} from './events/plan.js';
export { ar1Latents } from './events/latents.js';
export {
  joinSeams,
  bridgeSeams,
  maxBridgeFade,
  BRIDGE_HALF,
  BRIDGE_SHIFT,
  SEAM_MODES,
  type SeamMode,
  type SeamOptions,
} from './events/seams.js';
export {
  generateEvents,
  checkEventRun,
  describeEventSettings,
  phaseClasses,
  DEFAULT_LATENT_RHO,
  DEFAULT_SEAM_TAPER,
  SYNTHETIC_EVENTS_EPOCH_MS,
  type EventGenerationOptions,
  type GeneratedEvents,
} from './events/generate-events.js';
export { exportEvents } from './events/export-events.js';
export { RowWalk, DEFAULT_ROW_WALK_WIDTHS, type RowWalkWidths } from './events/row-walk.js';
export { levelTrack } from './events/level-track.js';
