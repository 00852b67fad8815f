import * as tf from '@tensorflow/tfjs-core';
import type { Architecture, Discriminator, GanShape, Generator } from '@accelgan/model';
import { Adam } from './adam.js';
import { WeightAverage } from './ema.js';
import { restoreVariables, type LoadedCheckpoint } from './checkpoint.js';
import { discriminatorLoss, generatorLoss } from './losses.js';
import { deriveSeed, Stream } from './seeds.js';
import type { TrainConfig } from './config.js';
import type { BatchSampler } from './batches.js';

/** Losses of one training step, read back to numbers. */
export interface StepLosses {
  readonly dLoss: number;
  readonly gLoss: number;
  /** Mean discriminator logit on the real and on the fake batch of the last D update. */
  readonly dReal: number;
  readonly dFake: number;
}

/**
 * Everything that training changes: both networks, both optimisers and the
 * generator's moving average. `namedTensors()` is exactly what a checkpoint holds.
 */
export class Gan {
  readonly generator: Generator;
  readonly discriminator: Discriminator;
  readonly optimiserG: Adam;
  readonly optimiserD: Adam;
  readonly average: WeightAverage | null;
  /** Maps tfjs's auto-generated variable names back to our stable names. */
  private readonly stableNameG: Map<string, string>;
  private readonly stableNameD: Map<string, string>;

  constructor(
    readonly arch: Architecture,
    readonly shape: GanShape,
    readonly config: TrainConfig,
  ) {
    this.generator = arch.buildGenerator(shape, deriveSeed(config.seed, Stream.GeneratorInit), config.latentDim);
    this.discriminator = arch.buildDiscriminator(shape, deriveSeed(config.seed, Stream.DiscriminatorInit));
    const adam = (learningRate: number) => ({ learningRate, beta1: config.beta1, beta2: config.beta2, epsilon: 1e-8 });
    this.optimiserG = new Adam(adam(config.learningRateG), this.generator.trainable);
    this.optimiserD = new Adam(adam(config.learningRateD), this.discriminator.trainable);
    this.average = config.emaDecay > 0 ? new WeightAverage(config.emaDecay, this.generator.trainable) : null;
    this.stableNameG = reverseNames(this.generator.trainable);
    this.stableNameD = reverseNames(this.discriminator.trainable);
  }

  /**
   * One training step at `step`: `dStepsPerG` discriminator updates on real batches
   * against fresh fakes, then one generator update through the discriminator.
   * Every random draw is seeded by (seed, step), so a resumed run repeats this exactly.
   */
  trainStep(step: number, batches: BatchSampler): StepLosses {
    const { config, generator: G, discriminator: D } = this;
    const noise = (stream: Stream, k: number) =>
      tf.randomNormal([config.batchSize, G.latentDim], 0, 1, 'float32', deriveSeed(config.seed, stream, step, k)) as tf.Tensor2D;

    const readings = tf.tidy(() => {
      let dLoss: tf.Scalar = tf.scalar(0);
      // Kept out of variableGrads' own scope, then released below after stacking.
      let dReal: tf.Scalar = tf.keep(tf.scalar(0));
      let dFake: tf.Scalar = tf.keep(tf.scalar(0));
      let labels: tf.Tensor1D | undefined;
      for (let k = 0; k < config.dStepsPerG; k++) {
        const batch = batches.batch(step * config.dStepsPerG + k);
        labels = batch.labels;
        const fake = G.apply(noise(Stream.DiscriminatorNoise, k), batch.labels, true);
        const { value, grads } = tf.variableGrads(() => {
          const realLogits = D.apply(batch.windows, batch.labels, true);
          const fakeLogits = D.apply(fake, batch.labels, true);
          dReal.dispose();
          dFake.dispose();
          dReal = tf.keep(tf.mean(realLogits));
          dFake = tf.keep(tf.mean(fakeLogits));
          return discriminatorLoss(config.loss, realLogits, fakeLogits);
        }, [...D.trainable.values()]);
        this.optimiserD.apply(renamed(grads, this.stableNameD));
        dLoss = value;
      }
      // The generator is conditioned on the classes of the last real batch, so that
      // classes are drawn in their training proportions.
      const { value: gLoss, grads } = tf.variableGrads(() => {
        const fake = G.apply(noise(Stream.GeneratorNoise, 0), labels!, true);
        return generatorLoss(config.loss, D.apply(fake, labels!, true));
      }, [...G.trainable.values()]);
      this.optimiserG.apply(renamed(grads, this.stableNameG));
      const stacked = tf.stack([dLoss, gLoss, dReal, dFake]);
      dReal.dispose();
      dFake.dispose();
      return stacked;
    });
    this.average?.update(step);
    const [dLoss, gLoss, dReal, dFake] = readings.dataSync();
    readings.dispose();
    return { dLoss: dLoss!, gLoss: gLoss!, dReal: dReal!, dFake: dFake! };
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
    restoreVariables(checkpoint, 'generator-state', this.generator.state);
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
  }
}

function reverseNames(variables: ReadonlyMap<string, tf.Variable>): Map<string, string> {
  return new Map([...variables].map(([stable, v]) => [v.name, stable]));
}

function renamed(grads: tf.NamedTensorMap, stableName: ReadonlyMap<string, string>): Map<string, tf.Tensor> {
  const out = new Map<string, tf.Tensor>();
  for (const [tfName, grad] of Object.entries(grads)) out.set(stableName.get(tfName) ?? tfName, grad);
  return out;
}
