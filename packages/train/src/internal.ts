// @accelgan/train/internal: the training step's machinery and the checkpoint reader, for the bench and
// for other packages' tests. Not the package's face (index.ts): these may change with any release.

/** Everything training changes (both networks, their optimisers, the moving average), and one step. */
export { Gan } from './gan.js';
export { trainStep } from './step.js';
/** The step's gradients split across worker threads. */
export { DataParallel } from './data-parallel.js';
/** The batches a step draws, a pure function of (seed, step). */
export { BatchSampler } from './batches.js';
/** A checkpoint read back and verified. */
export { loadCheckpoint } from './checkpoint.js';
