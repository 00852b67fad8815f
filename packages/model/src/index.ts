/**
 * @accelgan/model: conditional GAN generators and discriminators for 1-D accelerometer
 * windows, the architecture registry, and the differentiable ops they are built from
 * (which work on the wasm backend, whose missing Conv2DBackpropFilter they replace).
 */

/** The contract every architecture meets (src/types.ts). */
export type {
  Architecture,
  Generator,
  Discriminator,
  GanShape,
  GanLoss,
  TrainingDefaults,
  DrawnRows,
  DrawnClassRows,
} from './types.js';
/** The registry behind `accelgan models` and `--arch`. */
export { getArchitecture, listArchitectures, DEFAULT_ARCHITECTURE } from './registry.js';
/** The extension point for architectures defined outside this package (plug-ins, tests' toy models). */
export { registerArchitecture, unregisterArchitecture, architectureModule } from './registry.js';
/** Picks and starts the TensorFlow.js backend (tfjs-node where it loads, else wasm, else cpu). */
export {
  initBackend,
  availableBackends,
  type BackendName,
  type BackendChoice,
  type BackendInfo,
} from './runtime/backend.js';
/** Rows per group of `styled`'s minibatch statistics, which the training loop's statistics loss groups by too. */
export { MINIBATCH_GROUP_SIZE } from './architectures/styled/minibatch-spread.js';
/** The robust spread the level table's kernels are scaled by (Silverman's min(std, IQR / 1.349)). */
export { robustSpread } from './architectures/styled/level-table.js';
/** Layers differentiable on every backend, for critics and losses built elsewhere. */
export {
  conv1d,
  dense,
  matMul,
  leakyRelu,
  globalAveragePool1d,
  globalMaxPool1d,
  ensureTfjsGradients,
} from './ops/index.js';
export { batchNorm, type BatchNormParams, type BatchNormState } from './ops/index.js';
/** Per-window statistics the statistics-matching loss compares (mean, spread, band power, …). */
export { windowStatistics, windowStatisticsPlan, type WindowStatisticsPlan } from './ops/index.js';
