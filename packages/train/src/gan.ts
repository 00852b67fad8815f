import type * as tf from '@tensorflow/tfjs-core';
import { SAMPLE_RATE_HZ } from '@accelgan/data';
import type { Architecture, Discriminator, GanShape, Generator } from '@accelgan/model';
import { Adam } from './adam.js';
import { WeightAverage } from './ema.js';
import { restoreVariables, stateAddedLater, type LoadedCheckpoint } from './checkpoint.js';
import type { StepContext } from './step-context.js';
import { StatisticsLoss } from './statistics-loss.js';
import { networkSeeds } from './seeds.js';
import type { TrainConfig } from './config.js';
import type { BatchSampler } from './batches.js';

/**
 * Everything that training changes: both networks, both optimisers and the
 * generator's moving average (step.ts's trainStep changes them). `namedTensors()` is
 * exactly what a checkpoint holds.
 */
export class Gan {
  readonly generator: Generator;
  readonly discriminator: Discriminator;
  readonly optimiserG: Adam;
  readonly optimiserD: Adam;
  readonly average: WeightAverage | null;
  /** The generator's build seed (a sampling worker rebuilding it needs it: SamplingSource.buildSeed). */
  readonly generatorSeed: number;
  /** Fitted on the training windows at the first step when config.statisticsWeight > 0. */
  private statisticsLoss: StatisticsLoss | null = null;
  /** Whether the generator's data-estimated state (DrawnFromData.fit) is in place: fitted, or restored. */
  private fittedToData = false;
  /** What DrawnFromData.fit estimated, where this run fitted it (not when restored). */
  fitNote: string | null = null;

  constructor(
    readonly arch: Architecture,
    readonly shape: GanShape,
    readonly config: TrainConfig,
    /** StepContext.dequantise: half the data's quantisation step in normalised units (0: no recording on a grid). */
    readonly dequantise = 0,
  ) {
    const seeds = networkSeeds(config.seed);
    this.generatorSeed = seeds.generator;
    this.generator = arch.buildGenerator(shape, seeds.generator, config.latentDim);
    this.discriminator = arch.buildDiscriminator(shape, seeds.discriminator);
    const adam = (learningRate: number) => ({ learningRate, beta1: config.beta1, beta2: config.beta2, epsilon: 1e-8 });
    this.optimiserG = new Adam(adam(config.learningRateG), this.generator.trainable);
    this.optimiserD = new Adam(adam(config.learningRateD), this.discriminator.trainable);
    this.average = config.emaDecay > 0 ? new WeightAverage(config.emaDecay, this.generator.trainable) : null;
  }

  /** What a step needs (DrawnFromData.fit and the statistics loss are fitted on the training windows at the first call). */
  context(batches: BatchSampler): StepContext {
    if (!this.fittedToData) {
      const onGrid =
        batches.gridFlags ?? (this.dequantise > 0 ? new Uint8Array(batches.labels.shape[0]).fill(1) : undefined);
      this.fitNote = this.generator.drawnFromData?.fit(batches.windows, batches.labels, batches.groups, onGrid) ?? null;
      this.fittedToData = true;
    }
    if (this.config.statisticsWeight > 0 && !this.statisticsLoss)
      this.statisticsLoss = StatisticsLoss.fit(batches.windows, SAMPLE_RATE_HZ);
    return {
      G: this.generator,
      D: this.discriminator,
      config: this.config,
      statistics: this.statisticsLoss,
      dequantise: this.dequantise,
    };
  }

  /** Every tensor a checkpoint must hold to resume exactly, by stable name. */
  namedTensors(): Map<string, tf.Tensor> {
    const named = new Map<string, tf.Tensor>();
    const add = (prefix: string, vars: ReadonlyMap<string, tf.Tensor>) => {
      for (const [name, v] of vars) named.set(`${prefix}/${name}`, v);
    };
    add('generator', this.generator.trainable);
    add('generator-state', this.generator.state);
    add('discriminator', this.discriminator.trainable);
    add('discriminator-state', this.discriminator.state);
    if (this.average) add('generator-average', this.average.shadow);
    add('adam-generator-m', this.optimiserG.firstMoment);
    add('adam-generator-v', this.optimiserG.secondMoment);
    add('adam-discriminator-m', this.optimiserD.firstMoment);
    add('adam-discriminator-v', this.optimiserD.secondMoment);
    return named;
  }

  restore(checkpoint: LoadedCheckpoint): void {
    restoreVariables(checkpoint, 'generator', this.generator.trainable);
    restoreVariables(checkpoint, 'generator-state', this.generator.state, stateAddedLater(checkpoint.header));
    this.fittedToData = true;
    restoreVariables(checkpoint, 'discriminator', this.discriminator.trainable);
    restoreVariables(checkpoint, 'discriminator-state', this.discriminator.state);
    if (this.average) restoreVariables(checkpoint, 'generator-average', this.average.shadow);
    restoreVariables(checkpoint, 'adam-generator-m', this.optimiserG.firstMoment);
    restoreVariables(checkpoint, 'adam-generator-v', this.optimiserG.secondMoment);
    restoreVariables(checkpoint, 'adam-discriminator-m', this.optimiserD.firstMoment);
    restoreVariables(checkpoint, 'adam-discriminator-v', this.optimiserD.secondMoment);
    this.optimiserG.step = checkpoint.header.optimiserSteps.generator;
    this.optimiserD.step = checkpoint.header.optimiserSteps.discriminator;
  }

  dispose(): void {
    this.generator.dispose();
    this.discriminator.dispose();
    this.optimiserG.dispose();
    this.optimiserD.dispose();
    this.average?.dispose();
    this.statisticsLoss?.dispose();
  }
}
