// What a training step reads, apart from the step itself: the Gan builds it (Gan.context) and the step
// (step.ts) and its worker threads (parallel-worker.ts) take it, so the Gan needs nothing from the step.
import type { Discriminator, Generator } from '@accelgan/model';
import type { TrainConfig } from './config.js';
import type { StatisticsLoss } from './statistics-loss.js';

/** What a step needs besides its batch: the networks, the run's config and its data's quirks (Gan.context). */
export interface StepContext {
  readonly G: Generator;
  readonly D: Discriminator;
  readonly config: TrainConfig;
  /** The generator's statistics-matching loss, where config.statisticsWeight > 0. */
  readonly statistics: StatisticsLoss | null;
  /**
   * Half-width, in normalised units, of the uniform noise added to real windows of
   * recordings on the watch's grid (half its step; the batch says which are: Batch.onGrid),
   * so that D cannot tell real from fake by the grid real values lie on; 0 where no
   * training recording is on a grid.
   */
  readonly dequantise: number;
}
