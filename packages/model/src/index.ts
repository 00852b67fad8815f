/**
 * @accelgan/model: conditional GAN generators and discriminators for 1-D accelerometer
 * windows, the architecture registry, and the differentiable ops they are built from
 * (which work on the wasm backend, whose missing Conv2DBackpropFilter they replace).
 */
export type * from './types.js';
export { getArchitecture, listArchitectures, DEFAULT_ARCHITECTURE } from './registry.js';
/** The extension point for architectures defined outside this package (plug-ins, tests' toy models). */
export { registerArchitecture, unregisterArchitecture, architectureModule } from './registry.js';
export { ModelError } from './errors.js';
/** Picks and starts the TensorFlow.js backend (tfjs-node where it loads, else wasm, else cpu). */
export {
  initBackend,
  availableBackends,
  type BackendName,
  type BackendChoice,
  type BackendInfo,
} from './runtime/backend.js';
export { styled } from './architectures/styled/index.js';
export { seed } from './architectures/seed/index.js';
export { bench } from './architectures/bench/index.js';
/** Rows per group of `styled`'s minibatch statistics, which the training loop's statistics loss groups by too. */
export { MINIBATCH_GROUP_SIZE } from './architectures/styled/minibatch-spread.js';
/** The robust spread the level table's kernels are scaled by (Silverman's min(std, IQR / 1.349)). */
export { robustSpread } from './architectures/styled/level-table.js';
export {
  conv1d,
  conv1dTranspose,
  conv1dBackpropInput,
  conv1dBackpropFilter,
  conv1dGeometry,
  matMul,
  dense,
  upsample1d,
  leakyRelu,
  maxPool1d,
  globalAveragePool1d,
  globalMaxPool1d,
  batchNorm,
  spectralNormalise,
  pixelNorm,
  l2Normalise,
  standardiseWindows,
  realDftMatrix,
  logPowerSpectrum,
  frequencyBins,
  stopGradient,
  ensureTfjsGradients,
  usesOwnKernels,
  windowStatistics,
  windowStatisticsPlan,
  seizureBandPlan,
  seizureBandShare,
  type SeizureBandPlan,
  WINDOW_STATISTIC_NAMES,
  type WindowStatisticsPlan,
  type Conv1dPadding,
  type Conv1dGeometry,
  type BatchNormParams,
  type BatchNormState,
  type BatchNormOptions,
} from './ops/index.js';
