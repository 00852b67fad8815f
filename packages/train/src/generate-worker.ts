/**
 * Worker-thread entry for threaded generation: initialises its own TensorFlow.js backend
 * (the wasm backend runs one thread per instance in Node, so one instance per core is how
 * generation uses every core), rebuilds the generator from shared weights once, then, for
 * each request posted to it (a chunk of a long generation), samples the batches it claims
 * from the shared counter straight into the shared output.
 */
import { parentPort, workerData } from 'node:worker_threads';
import * as tf from '@tensorflow/tfjs-core';
import { getArchitecture, initBackend, type Generator } from '@accelgan/model';
import { sampleBatches, sharedClaim } from './generate-batches.js';
import type { GeneratorJob, SampleJob, WeightList, WorkerMessage } from './generate-job.js';

const post = (message: WorkerMessage) => parentPort!.postMessage(message);
const job = workerData as GeneratorJob;

function assign(variables: ReadonlyMap<string, tf.Variable>, weights: WeightList): void {
  const byName = new Map(weights);
  for (const [name, variable] of variables) {
    const values = byName.get(name);
    if (!values) throw new Error(`no weights for ${name}`);
    variable.assign(tf.tensor(values, variable.shape as number[], 'float32'));
  }
}

async function build(): Promise<Generator> {
  await initBackend(job.backend);
  if (job.architectureModule) await import(job.architectureModule);
  const generator = getArchitecture(job.arch).buildGenerator(job.shape, job.buildSeed, job.latentDim);
  tf.tidy(() => {
    assign(generator.trainable, job.trainable);
    assign(generator.state, job.state);
  });
  return generator;
}

async function sample(generator: Generator, request: SampleJob): Promise<void> {
  await sampleBatches(generator, {
    seed: job.seed,
    batchSize: job.batchSize,
    labels: request.labels,
    latents: request.latents,
    out: request.out,
    firstWindow: request.firstWindow,
    samplesPerWindow: job.shape.samplesPerWindow,
    claim: sharedClaim(request.counter, request.batches),
    onBatch: (windows) => post({ kind: 'batch', windows }),
  });
}

const ready = build();
// Requests come one at a time: the parent waits for every thread's done before the next.
parentPort!.on('message', (request: SampleJob) => {
  ready
    .then((generator) => sample(generator, request))
    .then(
      () => post({ kind: 'done' }),
      (error: unknown) => post({ kind: 'error', message: error instanceof Error ? error.message : String(error) }),
    );
});
