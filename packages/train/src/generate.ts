import { AccelganError, denormalise, mulberry32 } from '@accelgan/data';
import { getArchitecture, type Generator, initBackend, type BackendChoice, type BackendInfo } from '@accelgan/model';
import { loadCheckpoint, restoreVariables, stateAddedLater, type CheckpointHeader } from './checkpoint.js';
import { resolveLabel } from './conditioning.js';
import { runPaths } from './run-directory.js';
import { deriveSeed, networkSeeds, Stream } from './seeds.js';
import { openSampler } from './generate-threads.js';
import { asWatchReadings, generatedOnGrid, gridQuantum } from './watch-grid.js';
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';

/** A trained generator ready to sample, with what its checkpoint says about it. */
export interface TrainedGenerator {
  readonly runDir: string;
  readonly header: CheckpointHeader;
  readonly generator: Generator;
  /** The seed the generator was built from (SamplingSource.buildSeed). */
  readonly buildSeed: number;
  readonly backend: BackendInfo;
  /** Whether the weights are the moving average (what we sample from when there is one). */
  readonly averaged: boolean;
  dispose(): void;
}

/**
 * Where generated data came from, in one line for its provenance and the report: the run,
 * its architecture and step, whether the weights are the moving average, the generation
 * seed, then any further `details` (event settings).
 */
export function describeGeneration(
  trained: Pick<TrainedGenerator, 'runDir' | 'header' | 'averaged'>,
  seed: number,
  ...details: string[]
): string {
  const parts = [
    trained.header.config.arch,
    `step ${trained.header.step}`,
    ...(trained.averaged ? ['averaged generator'] : []),
    `seed ${seed}`,
    ...details,
  ];
  return `accelgan run ${resolve(trained.runDir)} (${parts.join(', ')})`;
}

/** Loads a run's generator (its moving average where the run kept one). */
export async function loadGenerator(runDir: string, backend: BackendChoice = 'auto'): Promise<TrainedGenerator> {
  const info = await stat(runDir).catch(() => null);
  if (!info?.isDirectory()) throw new AccelganError(`no run directory at ${runDir}`);
  const checkpoint = await loadCheckpoint(runPaths(runDir).checkpoint);
  const backendInfo = await initBackend(backend);
  const { header } = checkpoint;
  const arch = getArchitecture(header.config.arch);
  const shape = { samplesPerWindow: header.samplesPerWindow, numClasses: header.classNames.length };
  const buildSeed = networkSeeds(header.config.seed).generator; // not only the weights: see networkSeeds
  const generator = arch.buildGenerator(shape, buildSeed, header.config.latentDim);
  const averaged = checkpoint.tensors.has(`generator-average/${generator.trainable.keys().next().value}`);
  restoreVariables(checkpoint, averaged ? 'generator-average' : 'generator', generator.trainable);
  restoreVariables(checkpoint, 'generator-state', generator.state, stateAddedLater(header));
  return { runDir, header, generator, buildSeed, backend: backendInfo, averaged, dispose: () => generator.dispose() };
}

export interface GenerateOptions {
  /** Number of windows, > 0. */
  readonly n: number;
  /** Class name (or 1/0 for ictal/non-ictal); without it classes follow their training proportions. */
  readonly label?: string | undefined;
  readonly seed?: number | undefined;
  readonly batchSize?: number | undefined;
  /**
   * Threads sampling batches, this one plus workers (default: ACCELGAN_THREADS, else
   * one per core); 1 samples in this thread. The windows are identical either way.
   */
  readonly threads?: number | undefined;
  readonly onProgress?: ((done: number, total: number) => void) | undefined;
}

/** Generated windows in milli-g. Row i is values[i*L, (i+1)*L). */
export interface GeneratedWindows {
  readonly samplesPerWindow: number;
  readonly values: Float32Array;
  /** Class index per window into classNames. */
  readonly labels: Int32Array;
  readonly classNames: readonly string[];
}

/** Generated windows that are part of a longer generation: rows first … first + labels.length − 1 of it. */
export interface GeneratedChunk extends GeneratedWindows {
  readonly first: number;
}

/** Windows per chunk of a streamed generation: 2 MB of 125-sample windows, and the events made of them. */
export const GENERATION_CHUNK = 4096;

/**
 * Windows per generator call. Each thread's WebAssembly heap grows to fit its largest batch
 * and never shrinks; batches of 256 sample as fast as batches of 1,024 but keep each
 * thread's heap near a third of the size. The windows do not depend on it (NOISE_BLOCK).
 */
export const GENERATION_BATCH = 256;

/**
 * Class labels are drawn in blocks of this many windows, each in exact training proportions
 * (LABEL_BLOCK) and shuffled from its own seed, so that any window's label is known without
 * holding n labels; a request of at most one block is labelled as proportionalLabels(n) is.
 */
export const LABEL_BLOCK = 65_536;

/** Samples windows in batches (across worker threads where asked) and returns them denormalised to milli-g. */
export async function generateWindows(trained: TrainedGenerator, options: GenerateOptions): Promise<GeneratedWindows> {
  const { header } = trained;
  const n = checkCount(options.n);
  const values = new Float32Array(n * header.samplesPerWindow);
  const labels = new Int32Array(n);
  for await (const chunk of generateWindowChunks(trained, options)) {
    values.set(chunk.values, chunk.first * header.samplesPerWindow);
    labels.set(chunk.labels, chunk.first);
  }
  return { samplesPerWindow: header.samplesPerWindow, values, labels, classNames: header.classNames };
}

/**
 * The same windows as generateWindows, handed out in chunks of `chunk` (default
 * GENERATION_CHUNK) as they are sampled, so that memory holds one chunk however many
 * windows are asked for: window i and its label do not depend on the chunk size, the batch
 * size or the thread count. Worker threads are started once and kept for every chunk.
 */
export async function* generateWindowChunks(
  trained: TrainedGenerator,
  options: GenerateOptions & { readonly chunk?: number | undefined },
): AsyncGenerator<GeneratedChunk> {
  const { header, generator } = trained;
  const n = checkCount(options.n);
  const seed = options.seed ?? 0;
  const batchSize = options.batchSize ?? GENERATION_BATCH;
  const chunk = options.chunk ?? GENERATION_CHUNK;
  if (!Number.isInteger(chunk) || chunk < 1) throw new Error(`chunk must be a positive integer, got ${chunk}`);
  const fixed = options.label != null ? resolveLabel(options.label, header.classNames) : undefined;
  const sampler = await openSampler(
    {
      generator,
      arch: header.config.arch,
      buildSeed: trained.buildSeed,
      shape: { samplesPerWindow: header.samplesPerWindow, numClasses: header.classNames.length },
    },
    { seed, batchSize, threads: options.threads },
    Math.ceil(Math.min(n, chunk) / batchSize),
  );
  let done = 0;
  try {
    for (let first = 0; first < n; first += chunk) {
      const count = Math.min(chunk, n - first);
      const labels =
        fixed !== undefined
          ? new Int32Array(count).fill(fixed)
          : blockLabels(first, count, n, header.classCounts, seed);
      const values = await sampler.sample({
        labels,
        firstWindow: first,
        onBatch: (windows) => options.onProgress?.((done += windows), n),
      });
      const onGrid = generatedOnGrid(header, generator, labels, { seed, first });
      yield {
        first,
        samplesPerWindow: header.samplesPerWindow,
        values: toMilliG(values, header, onGrid),
        labels,
        classNames: header.classNames,
      };
    }
  } finally {
    await sampler.close();
  }
}

function checkCount(n: number): number {
  if (!Number.isInteger(n) || n <= 0) throw new AccelganError(`-n must be a positive integer, got ${n}`);
  return n;
}

/**
 * Labels of windows [first, first + count) of n: block k (LABEL_BLOCK windows, the last
 * one shorter) is proportionalLabels of its size, shuffled from (seed, Generation, −1 − k).
 */
export function blockLabels(
  first: number,
  count: number,
  n: number,
  classCounts: readonly number[],
  seed: number,
): Int32Array {
  const labels = new Int32Array(count);
  for (let k = Math.floor(first / LABEL_BLOCK); k * LABEL_BLOCK < first + count; k++) {
    const start = k * LABEL_BLOCK;
    const block = proportionalLabels(
      Math.min(LABEL_BLOCK, n - start),
      classCounts,
      deriveSeed(seed, Stream.Generation, -1 - k),
    );
    const from = Math.max(first, start);
    const to = Math.min(first + count, start + block.length);
    labels.set(block.subarray(from - start, to - start), from - first);
  }
  return labels;
}

/**
 * Generated windows [N·L] in milli-g as the watch would report them (asWatchReadings):
 * non-negative, and on the training data's grid where `onGrid` flags the window
 * (generatedOnGrid); without flags, every window on the checkpoint's run-wide grid.
 */
export function toMilliG(
  values: Float32Array,
  header: Pick<CheckpointHeader, 'normalisation' | 'quantumMilliG' | 'samplesPerWindow' | 'watchGrid'>,
  onGrid: Uint8Array | null = null,
): Float32Array {
  const milliG = denormalise(values, header.normalisation);
  return asWatchReadings(milliG, header.samplesPerWindow, onGrid, gridQuantum(header));
}

/**
 * Exactly proportional class counts (largest remainder), in a seeded random order,
 * so that n windows follow the training proportions as closely as n allows.
 */
export function proportionalLabels(n: number, counts: readonly number[], seed: number): Int32Array {
  const total = counts.reduce((a, b) => a + b, 0);
  const exact = counts.map((c) => (n * c) / total);
  const whole = exact.map(Math.floor);
  let left = n - whole.reduce((a, b) => a + b, 0);
  const byRemainder = exact.map((e, i) => [e - Math.floor(e), i] as const).sort((a, b) => b[0] - a[0]);
  for (const [, i] of byRemainder) {
    if (left-- <= 0) break;
    whole[i]! += 1;
  }
  const labels = new Int32Array(n);
  let k = 0;
  whole.forEach((count, label) => labels.fill(label, k, (k += count)));
  const random = mulberry32(seed);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [labels[i], labels[j]] = [labels[j]!, labels[i]!];
  }
  return labels;
}
