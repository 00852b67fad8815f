import type { GanShape, BackendName } from '@accelgan/model';

/** Weights as [stable variable name, values] pairs, in the network's order. */
export type WeightList = readonly (readonly [string, Float32Array])[];

/**
 * What a generation worker needs to rebuild the generator, sent once as workerData. Every
 * typed array lives in a SharedArrayBuffer, so weights are shared by all workers.
 */
export interface GeneratorJob {
  readonly backend: BackendName;
  readonly arch: string;
  /** The module to import before `arch` is found, for an architecture registered from outside @accelgan/model. */
  readonly architectureModule: string | undefined;
  readonly shape: GanShape;
  /** SamplingSource.buildSeed. */
  readonly buildSeed: number;
  readonly latentDim: number;
  readonly trainable: WeightList;
  readonly state: WeightList;
  readonly seed: number;
  readonly batchSize: number;
}

/**
 * One request (a chunk of a generation), posted to every worker, which samples the batches
 * it claims from the shared counter into the shared output, then reports done.
 */
export interface SampleJob {
  readonly kind: 'sample';
  readonly batches: number;
  /** Shared next-batch counter, one Int32 (see sampleBatches). */
  readonly counter: Int32Array;
  readonly labels: Int32Array;
  /** Given latents, [n × latentDim] (see BatchJob.latents). */
  readonly latents?: Float32Array | undefined;
  readonly out: Float32Array;
  /** BatchJob.firstWindow. */
  readonly firstWindow: number;
}

/** Messages a worker posts back: progress per batch, then done (per request) or a failure. */
export type WorkerMessage =
  | { readonly kind: 'batch'; readonly windows: number }
  | { readonly kind: 'done' }
  | { readonly kind: 'error'; readonly message: string };
