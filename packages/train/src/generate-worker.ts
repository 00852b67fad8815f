/**
 * Worker-thread entry for threaded generation: initialises its own TensorFlow.js backend
 * (the wasm backend runs one thread per instance in Node, so one instance per core is how
 * generation uses every core), rebuilds the generator from shared weights and samples the
 * batches it claims from the shared counter straight into the shared output.
 */
import { parentPort, workerData } from 'node:worker_threads';
import * as tf from '@tensorflow/tfjs-core';
import { getArchitecture, initBackend } from '@accelgan/model';
import { sampleBatches, sharedClaim } from './generate-batches.js';
import type { GenerateJob, WeightList, WorkerMessage } from './generate-job.js';

const post = (message: WorkerMessage) => parentPort!.postMessage(message);

function assign(variables: ReadonlyMap<string, tf.Variable>, weights: WeightList): void {
  const byName = new Map(weights);
  for (const [name, variable] of variables) {
    const values = byName.get(name);
    if (!values) throw new Error(`no weights for ${name}`);
    variable.assign(tf.tensor(values, variable.shape as number[], 'float32'));
  }
}

async function run(job: GenerateJob): Promise<void> {
  await initBackend(job.backend);
  if (job.architectureModule) await import(job.architectureModule);
  const generator = getArchitecture(job.arch).buildGenerator(job.shape, job.buildSeed, job.latentDim);
  try {
    tf.tidy(() => {
      assign(generator.trainable, job.trainable);
      assign(generator.state, job.state);
    });
    await sampleBatches(generator, {
      ...job,
      samplesPerWindow: job.shape.samplesPerWindow,
      claim: sharedClaim(job.counter, job.batches),
      onBatch: (windows) => post({ kind: 'batch', windows }),
    });
  } finally {
    generator.dispose();
  }
}

run(workerData as GenerateJob).then(
  () => post({ kind: 'done' }),
  (error: unknown) => post({ kind: 'error', message: error instanceof Error ? error.message : String(error) }),
);
