/**
 * Training helper thread: holds a replica of both networks and its own TensorFlow.js
 * backend, and on each request computes the gradients of its rows of the batch with the
 * weights the main thread just shared (step.ts's discriminatorGradients and
 * generatorGradients), so the two cores each do half of a step.
 */
import { parentPort, workerData } from 'node:worker_threads';
import * as tf from '@tensorflow/tfjs-core';
import { SAMPLE_RATE_HZ } from '@accelgan/data';
import { getArchitecture, initBackend } from '@accelgan/model';
import { BatchSampler } from './batches.js';
import { sharedVariables } from './data-parallel.js';
import { Phase, Slot, type ParallelJob } from './parallel-job.js';
import { StatisticsLoss } from './statistics-loss.js';
import { networkSeeds } from './seeds.js';
import { discriminatorGradients, generatorGradients } from './step.js';
import type { StepContext } from './step-context.js';

const job = workerData as ParallelJob;
await initBackend(job.backend);
if (job.architectureModule) await import(job.architectureModule);
const arch = getArchitecture(job.arch);
// Built from the main thread's seeds (networkSeeds): weights and state arrive with each request.
const seeds = networkSeeds(job.config.seed);
const G = arch.buildGenerator(job.shape, seeds.generator, job.config.latentDim);
const D = arch.buildDiscriminator(job.shape, seeds.discriminator);
const L = job.shape.samplesPerWindow;
const batches = new BatchSampler(
  job.train.values,
  job.train.labels,
  L,
  job.config.batchSize,
  job.config.seed,
  undefined,
  job.train.onGrid,
);
const variables = sharedVariables(G, D);
const { config, dequantise } = job;
// Fitted on the same training windows as the main thread's, so identical.
const statistics = config.statisticsWeight > 0 ? StatisticsLoss.fit(batches.windows, SAMPLE_RATE_HZ) : null;
const context: StepContext = { G, D, config, statistics, dequantise };
const { control } = job;
parentPort!.postMessage('ready');

let seen = 0;
for (;;) {
  Atomics.wait(control, Slot.Request, seen);
  seen = Atomics.load(control, Slot.Request);
  const phase = Atomics.load(control, Slot.Phase) as Phase;
  if (phase === Phase.Stop) break;
  try {
    tf.tidy(() => {
      let offset = 0;
      for (const v of variables) {
        v.assign(tf.tensor(job.weights.subarray(offset, offset + v.size), v.shape as number[], 'float32'));
        offset += v.size;
      }
    });
    const step = control[Slot.Step]!;
    const share =
      phase === Phase.Discriminator
        ? discriminatorGradients(context, batches, step, control[Slot.K]!, job.rows)
        : generatorGradients(context, batches, step, job.rows);
    let offset = 0;
    for (const grad of share.grads) {
      job.grads.set(grad.dataSync() as Float32Array, offset);
      offset += grad.size;
    }
    job.readings.set(share.readings.dataSync() as Float32Array);
    tf.dispose([...share.grads, share.readings]);
  } catch (error) {
    const text = new TextEncoder().encode(error instanceof Error ? error.message : String(error));
    job.message.fill(0);
    job.message.set(text.subarray(0, job.message.length));
    Atomics.store(control, Slot.Failed, 1);
  }
  Atomics.store(control, Slot.Done, seen);
  Atomics.notify(control, Slot.Done);
}
batches.dispose();
statistics?.dispose();
G.dispose();
D.dispose();
