/**
 * `pnpm bench [--compare-torch] [--backends wasm,cpu] [--seconds S]`
 *
 * Prints one JSON object: per available backend, training steps/s and generated
 * windows/s (threaded, as `accelgan generate` runs, and in one thread) of the `bench` architecture (the keys of ../shared/bench/torch_reference.py),
 * peak memory, and the time of one evaluation of 2,000 synthetic against 1,000 real
 * windows. With --compare-torch it runs the PyTorch reference three times in the same
 * minutes and adds the ratios (ours ÷ the median PyTorch figure). Figures belong in docs/performance.md.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { homedir, cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import { availableBackends, getArchitecture, initBackend, type BackendName } from '@accelgan/model';
import { defaultThreads, resolveConfig, sampleWindows } from '@accelgan/train';
import { BatchSampler, DataParallel, Gan, trainStep } from '@accelgan/train/internal';
import { timeEvaluation } from './evaluation.js';

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(`--${name}`);
const value = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const secondsPerFigure = Number(value('seconds') ?? 15);
const WINDOW = 128;
const BATCH = 64;
/** Most batches of 1024 per threaded generation call: enough that worker start-up is a fair share, not all of it. */
const GENERATE_CALL_BATCHES = 16;
/** Runs of the PyTorch reference whose median the ratios use. */
const TORCH_RUNS = 3;

interface BackendFigures {
  /** Data-parallel on train_threads threads where the architecture allows (bench does). */
  train_steps_per_s: number;
  train_threads: number;
  train_steps_per_s_1_thread: number;
  /** Through sampleWindows (what `accelgan generate` runs) on generate_threads threads, worker start-up included. */
  generate_windows_per_s: number;
  generate_threads: number;
  generate_windows_per_call: number;
  /** The generator applied at batch 1024 in this thread alone (the figure before threading). */
  generate_windows_per_s_1_thread: number;
  train_steps_timed: number;
  /** The default architecture on OSDB windows (125 samples, 2 classes, batch 64): what `accelgan train` and the demo run. */
  default_arch: { name: string; train_steps_per_s: number; train_threads: number; train_steps_per_s_1_thread: number };
  peak_rss_mb: number;
  evaluate_2000_vs_1000_s?: number;
}

let peakRss = 0;
const sampleMemory = () => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
};

async function benchBackend(backend: BackendName): Promise<BackendFigures> {
  await initBackend(backend);
  peakRss = 0;
  const config = resolveConfig({ arch: 'bench', batchSize: BATCH, seed: 0, backend });
  // The reference trains on one fixed batch of N(0, 1) "real" windows.
  const real = tf.randomNormal([BATCH * 8, WINDOW], 0, 1, 'float32', 1);
  const trainValues = real.dataSync() as Float32Array;
  real.dispose();
  /** Steps per second of `trainer`, after 3 warm-up steps, from a fresh GAN (the bench's, or another's on other windows). */
  const timeTraining = async (
    threads: number,
    run = { config, length: WINDOW, values: trainValues, labels: new Int32Array(BATCH * 8), classes: 1 },
  ) => {
    const gan = new Gan(
      getArchitecture(run.config.arch),
      { samplesPerWindow: run.length, numClasses: run.classes },
      run.config,
    );
    const batches = new BatchSampler(run.values, run.labels, run.length, BATCH, 0);
    const parallel = await DataParallel.start(gan, { values: run.values, labels: run.labels }, batches, threads);
    const gradients = parallel ?? undefined;
    for (let step = 0; step < 3; step++) trainStep(gan, batches, step, gradients); // warm-up
    let steps = 0;
    const t0 = performance.now();
    while (steps < 3 || (performance.now() - t0) / 1000 < secondsPerFigure) {
      trainStep(gan, batches, 3 + steps, gradients);
      steps += 1;
      sampleMemory();
    }
    const rate = steps / ((performance.now() - t0) / 1000);
    await parallel?.dispose();
    batches.dispose();
    gan.dispose();
    return { rate, steps, threads: parallel ? 2 : 1 };
  };
  const single = await timeTraining(1);
  const threaded = await timeTraining(defaultThreads());
  // The default architecture on OSDB-shaped windows: 125 samples, ictal and non-ictal.
  const defaultConfig = resolveConfig({ batchSize: BATCH, seed: 0, backend });
  const osdbTensor = tf.randomNormal([BATCH * 8, 125], 0, 1, 'float32', 2);
  const osdbValues = osdbTensor.dataSync() as Float32Array;
  osdbTensor.dispose();
  const osdbRun = {
    config: defaultConfig,
    length: 125,
    values: osdbValues,
    labels: Int32Array.from({ length: BATCH * 8 }, (_, i) => i % 2),
    classes: 2,
  };
  const defaultSingle = await timeTraining(1, osdbRun);
  const defaultThreaded = await timeTraining(defaultThreads(), osdbRun);
  const trainRate = threaded.rate;
  const steps = threaded.steps;
  const gan = new Gan(getArchitecture('bench'), { samplesPerWindow: WINDOW, numClasses: 1 }, config);

  const generateOnce = async () => {
    const out = tf.tidy(() =>
      gan.generator.apply(
        tf.randomNormal([1024, config.latentDim]) as tf.Tensor2D,
        tf.zeros([1024], 'int32') as tf.Tensor1D,
        false,
      ),
    );
    await out.data();
    out.dispose();
    sampleMemory();
  };
  await generateOnce();
  let reps = 0;
  const t1 = performance.now();
  while (reps < 2 || (performance.now() - t1) / 1000 < secondsPerFigure / 3) {
    await generateOnce();
    reps += 1;
  }
  const generateRate = (reps * 1024) / ((performance.now() - t1) / 1000);

  const threads = defaultThreads();
  const source = {
    generator: gan.generator,
    arch: 'bench',
    buildSeed: gan.generatorSeed,
    shape: { samplesPerWindow: WINDOW, numClasses: 1 },
  };
  // As many batches as fit the time budget at the one-thread rate (slow backends get
  // fewer), and at least one per thread.
  const callBatches = Math.max(
    threads,
    Math.min(GENERATE_CALL_BATCHES, Math.floor((generateRate * secondsPerFigure) / 3 / 1024)),
  );
  const labels = new Int32Array(callBatches * 1024);
  let calls = 0;
  const t2 = performance.now();
  while (calls < 1 || (performance.now() - t2) / 1000 < secondsPerFigure / 3) {
    await sampleWindows(source, { labels, seed: calls, batchSize: 1024, threads });
    calls += 1;
    sampleMemory();
  }
  const threadedRate = (calls * labels.length) / ((performance.now() - t2) / 1000);
  gan.dispose();
  return {
    train_steps_per_s: round(trainRate, 3),
    train_threads: threaded.threads,
    train_steps_per_s_1_thread: round(single.rate, 3),
    generate_windows_per_s: Math.round(threadedRate),
    generate_threads: threads,
    generate_windows_per_call: labels.length,
    generate_windows_per_s_1_thread: Math.round(generateRate),
    train_steps_timed: steps,
    default_arch: {
      name: defaultConfig.arch,
      train_steps_per_s: round(defaultThreaded.rate, 3),
      train_threads: defaultThreaded.threads,
      train_steps_per_s_1_thread: round(defaultSingle.rate, 3),
    },
    peak_rss_mb: Math.round(peakRss / 2 ** 20),
  };
}

function torchReference(threads: number): Record<string, unknown> | { error: string } {
  const here = dirname(fileURLToPath(import.meta.url));
  const script = join(here, '../../../shared/bench/torch_reference.py');
  if (!existsSync(script)) return { error: `no reference script at ${script}` };
  const pythons = [join(homedir(), 'torchref/bin/python'), 'python3'];
  for (const python of pythons) {
    const run = spawnSync(python, [script, String(threads)], { encoding: 'utf8', timeout: 600_000 });
    if (run.status === 0) {
      const line = run.stdout.trim().split('\n').pop() ?? '';
      try {
        return JSON.parse(line) as Record<string, unknown>;
      } catch {
        return { error: `unreadable output from ${python}: ${line}` };
      }
    }
  }
  return { error: 'no Python with PyTorch found (see ../shared/bench/README.md to install one)' };
}

/** The median of a numeric key over runs. */
function median(runs: readonly Record<string, unknown>[], key: string): number {
  const values = runs.map((r) => Number(r[key])).sort((a, b) => a - b);
  const mid = Math.floor(values.length / 2);
  return values.length % 2 ? values[mid]! : (values[mid - 1]! + values[mid]!) / 2;
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

const requested = value('backends')?.split(',') as BackendName[] | undefined;
const backends = requested ?? (await availableBackends());
const result: Record<string, unknown> = {
  architecture: 'bench',
  batch: BATCH,
  window: WINDOW,
  machine: { cpus: cpus().length, model: cpus()[0]?.model ?? 'unknown', node: process.versions.node },
  date: new Date().toISOString(),
  backends: {} as Record<string, BackendFigures>,
};
const figures = result.backends as Record<string, BackendFigures>;
for (const backend of backends) {
  process.stderr.write(`benchmarking ${backend}…\n`);
  figures[backend] = await benchBackend(backend);
}
const fastest = backends[0];
if (fastest) {
  await initBackend(fastest);
  process.stderr.write(`timing an evaluation of 2,000 against 1,000 windows on ${fastest}…\n`);
  figures[fastest]!.evaluate_2000_vs_1000_s = round(await timeEvaluation(), 1);
}
if (flag('compare-torch')) {
  // PyTorch's own figure varies run to run on these machines (9.5 and 13.9 steps/s within
  // minutes of each other), so the ratios use the median of several runs, all recorded.
  const runs: Record<string, unknown>[] = [];
  for (let i = 0; i < TORCH_RUNS; i++) {
    process.stderr.write(`running the PyTorch reference (2 threads), ${i + 1}/${TORCH_RUNS}…\n`);
    const run = torchReference(2);
    if ('error' in run) {
      runs.length = 0;
      runs.push(run);
      break;
    }
    runs.push(run);
  }
  const torch: Record<string, unknown> =
    'error' in runs[0]!
      ? runs[0]!
      : {
          ...runs[0],
          train_steps_per_s: median(runs, 'train_steps_per_s'),
          generate_windows_per_s: median(runs, 'generate_windows_per_s'),
          runs,
        };
  result.torch = torch;
  if (!('error' in torch)) {
    const ratios: Record<string, unknown> = {};
    for (const [name, f] of Object.entries(figures)) {
      ratios[name] = {
        train: round(f.train_steps_per_s / Number(torch.train_steps_per_s), 3),
        train_1_thread: round(f.train_steps_per_s_1_thread / Number(torch.train_steps_per_s), 3),
        generate: round(f.generate_windows_per_s / Number(torch.generate_windows_per_s), 3),
        generate_1_thread: round(f.generate_windows_per_s_1_thread / Number(torch.generate_windows_per_s), 3),
      };
    }
    result.ratio_to_torch = ratios;
  }
}
process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
