export { conv1d, conv1dBackpropFilter, conv1dBackpropInput } from './conv1d.js';
export { conv1dTranspose } from './conv1d-transpose.js';
export { conv1dGeometry, type Conv1dGeometry, type Conv1dPadding } from './conv-geometry.js';
export { matMul } from './matmul.js';
export { dense } from './dense.js';
export { upsample1d } from './upsample.js';
export { leakyRelu } from './activations.js';
export { maxPool1d, globalAveragePool1d, globalMaxPool1d } from './pooling.js';
export { batchNorm, type BatchNormParams, type BatchNormState, type BatchNormOptions } from './batch-norm.js';
export { spectralNormalise } from './spectral-norm.js';
export { pixelNorm, l2Normalise, standardiseWindows } from './normalise.js';
export { realDftMatrix, logPowerSpectrum, frequencyBins } from './spectrum.js';
export { stopGradient } from './stop-gradient.js';
export { ensureTfjsGradients } from './tfjs-gradients.js';
export { usesOwnKernels } from './own-kernels.js';
export {
  windowStatistics,
  windowStatisticsPlan,
  WINDOW_STATISTIC_NAMES,
  type WindowStatisticsPlan,
} from './window-statistics.js';
export { seizureBandPlan, seizureBandShare, type SeizureBandPlan } from './seizure-band.js';
