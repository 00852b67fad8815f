import { mkdir, readdir, readFile, rm, stat } from 'node:fs/promises';
import { appendFileSync } from 'node:fs';
import { AccelganError, quantumOf, recordingGroups, writeFileAtomic, type Dataset } from '@accelgan/data';
import { getArchitecture, initBackend, type BackendInfo } from '@accelgan/model';
import { BatchSampler } from './batches.js';
import { loadCheckpoint, saveCheckpoint, type CheckpointMeta } from './checkpoint.js';
import { assignClasses, type Condition } from './conditioning.js';
import type { TrainConfig } from './config.js';
import { Gan, type StepLosses } from './gan.js';
import { DataParallel } from './data-parallel.js';
import { discriminatorMemory, type DiscriminatorMemory, type HeldOutWindows } from './discriminator-memory.js';
import { defaultThreads } from './generate-threads.js';
import { eventOutlines } from './events/outlines.js';
import { runPaths, versions } from './run-files.js';

export interface TrainProgress {
  readonly step: number;
  /** Step the run stops at, where it stops by steps. */
  readonly targetSteps: number | null;
  readonly elapsedSeconds: number;
  /** Estimated seconds left, from the step rate so far or the time budget. */
  readonly etaSeconds: number | null;
  /** Steps per second in this invocation. */
  readonly stepsPerSecond: number;
  readonly losses: StepLosses;
}

export interface TrainOptions {
  /** Normalised windows: the training split is trained on; the held-out split only scores the trained discriminator (TrainResult.discriminatorMemory). */
  readonly dataset: Dataset;
  /** The files the dataset came from (one .arrow, or OSDB files), so `accelgan report` can reopen it. */
  readonly datasetSources: readonly string[];
  readonly config: TrainConfig;
  readonly runDir: string;
  /** Continue from runDir's checkpoint. */
  readonly resume?: boolean;
  /** Replace an existing run directory's contents. */
  readonly force?: boolean;
  /** Aborting stops after the current step and saves a checkpoint (Ctrl-C). */
  readonly signal?: AbortSignal;
  /** Called once the run directory, backend and data are ready, before the first step. */
  /**
   * Threads for architectures that train data-parallel (those whose Architecture.batchCoupling allows a split);
   * default ACCELGAN_THREADS, else one per core. Others always train in one thread.
   */
  readonly threads?: number | undefined;
  readonly onStart?: (start: {
    readonly backend: BackendInfo;
    readonly windows: number;
    readonly step: number;
    readonly config: TrainConfig;
    /** 2 when each step's gradients are computed on two threads, else 1. */
    readonly threads: number;
    /** What the generator estimated from the training windows before the first step (DrawnFromData.fit), if anything. */
    readonly fittedToData: string | null;
  }) => void;
  readonly onProgress?: (progress: TrainProgress) => void;
  /** Called after each checkpoint save with the step it holds. */
  readonly onCheckpoint?: (step: number) => void;
}

export interface TrainResult {
  readonly step: number;
  readonly interrupted: boolean;
  readonly elapsedSeconds: number;
  readonly backend: BackendInfo;
  readonly checkpointPath: string;
  readonly lastLosses: StepLosses | null;
  /** How the trained discriminator scores training, held-out and generated windows (also in run.json); null after Ctrl-C. */
  readonly discriminatorMemory: DiscriminatorMemory | null;
}

const METRICS_HEADER = 'step,elapsed_s,d_loss,g_loss,d_real,d_fake,g_statistics,g_consistency';

/**
 * Trains a conditional GAN on the dataset's training windows and writes the run
 * directory: config.json (resolved config), run.json (backend, versions, timing, the
 * trained discriminator's scores: discriminator-memory.ts),
 * metrics.csv (losses every logEvery steps) and checkpoint.bin (atomic, every
 * checkpointMinutes and at the end).
 */
export async function train(options: TrainOptions): Promise<TrainResult> {
  const { dataset, runDir } = options;
  const paths = runPaths(runDir);
  const resumeFrom = options.resume ? await loadCheckpoint(paths.checkpoint) : null;
  // On resume the saved config rules; only the budget (steps/minutes) may change.
  const config: TrainConfig = resumeFrom
    ? { ...resumeFrom.header.config, steps: options.config.steps, minutes: options.config.minutes }
    : options.config;
  if (!resumeFrom) await prepareRunDirectory(runDir, options.force ?? false);

  const backend = await initBackend(config.backend);
  const arch = getArchitecture(config.arch);
  const train = splitWindows(dataset, 'train');
  if (train.count < 2) throw new AccelganError(`need at least 2 training windows, found ${train.count}`);
  const classes = assignClasses(train, config.condition);
  const samplesPerWindow = dataset.meta.samplesPerWindow;
  const outlines = eventOutlines(dataset.windows, train.rows);
  if (resumeFrom) checkResumable(resumeFrom.header, samplesPerWindow, classes.classNames);

  // Watches report whole milli-g: train on real values spread over their quantisation step,
  // and generate onto the same grid (generate.ts), so neither side shows D the grid.
  const quantumMilliG = quantumOf(train.values, dataset.meta.normalisation);
  const dequantise = quantumMilliG ? quantumMilliG / (2 * dataset.meta.normalisation.scale) : 0;
  const gan = new Gan(arch, { samplesPerWindow, numClasses: classes.classNames.length }, config, dequantise);
  const batches = new BatchSampler(
    train.values,
    classes.labels,
    samplesPerWindow,
    config.batchSize,
    config.seed,
    recordingIndex(dataset, train.rows),
  );
  let step = 0;
  if (resumeFrom) {
    gan.restore(resumeFrom);
    step = resumeFrom.header.step;
  }

  const meta = (): CheckpointMeta => ({
    format: 'accelgan-checkpoint',
    version: 1,
    step,
    optimiserSteps: { generator: gan.optimiserG.step, discriminator: gan.optimiserD.step },
    config,
    normalisation: dataset.meta.normalisation,
    quantumMilliG,
    samplesPerWindow,
    classNames: classes.classNames,
    classCounts: classes.counts,
    classEventTypes: classEventTypes(train.type, classes.labels, classes.classNames.length),
    dataset: { sources: options.datasetSources, windows: train.count, events: new Set(train.eventId).size },
    eventOutlines: outlines,
    savedAt: new Date().toISOString(),
  });
  // What the generator estimates from the data rather than learns is fixed before the first step, and recorded.
  gan.context(batches);
  const fitNote = gan.fitNote ? `${gan.fitNote} (classes in order: ${classes.classNames.join(', ')})` : null;
  const fitted = fitNote ? { fittedToData: fitNote } : {};
  const startedAt = new Date().toISOString();
  await writeFileAtomic(
    paths.config,
    `${JSON.stringify({ ...config, classNames: classes.classNames, classCounts: classes.counts }, null, 2)}\n`,
    { force: true },
  );
  await prepareMetrics(paths.metrics, step);
  const parallel = await DataParallel.start(
    gan,
    { values: train.values, labels: classes.labels },
    batches,
    options.threads ?? defaultThreads(),
  ).catch((error: unknown) => {
    batches.dispose();
    gan.dispose();
    throw error;
  });
  const threads = parallel ? 2 : 1;
  // Threads change float summation order, so they belong in the record of what produced the weights.
  await writeRecord(paths.record, {
    status: 'running',
    startedAt,
    backend,
    threads,
    config,
    dataset: meta().dataset,
    step,
    ...fitted,
  });
  options.onStart?.({ backend, windows: train.count, step, config, threads, fittedToData: fitNote });

  const t0 = performance.now();
  const elapsed = () => (performance.now() - t0) / 1000;
  const startStep = step;
  const budgetSeconds = config.minutes != null ? config.minutes * 60 : Infinity;
  const done = () => (config.steps != null && step >= config.steps) || elapsed() >= budgetSeconds;
  let lastCheckpoint = performance.now();
  let lastLosses: StepLosses | null = null;
  let rows: string[] = [];
  let memory: DiscriminatorMemory | null = null;
  let trainedSeconds = 0;
  let interrupted = false;

  const save = async () => {
    flushMetrics(paths.metrics, rows);
    rows = [];
    await saveCheckpoint(paths.checkpoint, meta(), gan.namedTensors());
    lastCheckpoint = performance.now();
    options.onCheckpoint?.(step);
  };

  try {
    while (!done() && !options.signal?.aborted) {
      lastLosses = (parallel ?? gan).trainStep(step, batches);
      step += 1;
      if (!lastLosses || !Number.isFinite(lastLosses.dLoss) || !Number.isFinite(lastLosses.gLoss)) {
        throw new AccelganError(
          `training diverged at step ${step} (loss is not finite); try a lower learning rate or another --seed`,
        );
      }
      if (step % config.logEvery === 0 || done()) {
        const l = lastLosses;
        rows.push(
          [step, elapsed().toFixed(2), l.dLoss, l.gLoss, l.dReal, l.dFake, l.gStatistics, l.gConsistency]
            .map(formatNumber)
            .join(','),
        );
        options.onProgress?.({
          step,
          targetSteps: config.steps,
          elapsedSeconds: elapsed(),
          etaSeconds: eta(),
          stepsPerSecond: (step - startStep) / Math.max(elapsed(), 1e-9),
          losses: l,
        });
      }
      if (performance.now() - lastCheckpoint > config.checkpointMinutes * 60_000) await save();
      // Let signal handlers (Ctrl-C) run between steps: a step itself is synchronous.
      await new Promise((resolve) => setImmediate(resolve));
    }
    interrupted = options.signal?.aborted === true && !done();
    await save();
    trainedSeconds = elapsed();
    // Not after Ctrl-C: the user is waiting for the checkpoint, and it is saved.
    if (!interrupted)
      memory = measuredMemory(gan, batches, () => heldOutWindows(dataset, config.condition, classes.classNames));
  } finally {
    await parallel?.dispose();
    batches.dispose();
    gan.dispose();
  }
  await writeRecord(paths.record, {
    status: interrupted ? 'interrupted' : 'finished',
    startedAt,
    finishedAt: new Date().toISOString(),
    backend,
    threads,
    config,
    dataset: meta().dataset,
    step,
    ...fitted,
    elapsedSeconds: trainedSeconds,
    stepsPerSecond: (step - startStep) / Math.max(trainedSeconds, 1e-9),
    discriminator: memory,
  });
  return {
    step,
    interrupted,
    elapsedSeconds: trainedSeconds,
    backend,
    checkpointPath: paths.checkpoint,
    lastLosses,
    discriminatorMemory: memory,
  };

  function eta(): number | null {
    const rate = (step - startStep) / Math.max(elapsed(), 1e-9);
    const bySteps = config.steps != null && rate > 0 ? (config.steps - step) / rate : Infinity;
    const byTime = budgetSeconds - elapsed();
    const left = Math.min(bySteps, byTime);
    return Number.isFinite(left) ? Math.max(0, left) : null;
  }
}

/**
 * DiscriminatorMemory of the networks as they are at the end of training, or null where
 * measuring it fails: the run is trained and saved, and a diagnostic must not fail it.
 */
function measuredMemory(
  gan: Gan,
  batches: BatchSampler,
  heldOut: () => HeldOutWindows | null,
): DiscriminatorMemory | null {
  try {
    const options = { seed: gan.config.seed, batchSize: batches.batchSize, dequantise: gan.dequantise };
    return discriminatorMemory(gan.discriminator, gan.generator, batches, heldOut(), options);
  } catch {
    return null;
  }
}

/** The held-out split's windows with the training classes' labels (windows of a class training lacks are left out); null where there are none. */
function heldOutWindows(dataset: Dataset, condition: Condition, classNames: readonly string[]): HeldOutWindows | null {
  const held = splitWindows(dataset, 'val');
  if (held.count === 0) return null;
  const assigned = assignClasses(held, condition);
  const index = new Map(classNames.map((name, i) => [name, i]));
  const trainingClass = Array.from(assigned.labels, (label) => index.get(assigned.classNames[label]!)); // undefined: a class training lacks
  const kept = [...trainingClass.keys()].filter((i) => trainingClass[i] !== undefined);
  const L = held.samplesPerWindow;
  const values = new Float32Array(kept.length * L);
  kept.forEach((i, k) => values.set(held.values.subarray(i * L, (i + 1) * L), k * L));
  return { values, labels: Int32Array.from(kept, (i) => trainingClass[i]!) };
}

/** Each row's recording group (recordingGroups: events of one user whose recordings overlap), numbered in order of first appearance. */
function recordingIndex(dataset: Dataset, rows: readonly number[]): Int32Array {
  const groups = recordingGroups(dataset.windows);
  const numbers = new Map<string, number>();
  return Int32Array.from(rows, (row) => {
    const group = groups.get(dataset.windows.eventId[row]!)!;
    if (!numbers.has(group)) numbers.set(group, numbers.size);
    return numbers.get(group)!;
  });
}

/** One split's windows, as contiguous values plus the columns conditioning needs. */
function splitWindows(dataset: Dataset, split: 'train' | 'val') {
  const w = dataset.windows;
  const L = w.samplesPerWindow;
  const rows: number[] = [];
  for (let i = 0; i < w.split.length; i++) if (w.split[i] === split) rows.push(i);
  const values = new Float32Array(rows.length * L);
  rows.forEach((row, i) => values.set(w.values.subarray(row * L, (row + 1) * L), i * L));
  const pick = <T>(column: readonly T[]) => rows.map((row) => column[row]!);
  const times = (column: Float64Array) => Float64Array.from(rows, (row) => column[row]!);
  return {
    rows,
    count: rows.length,
    values,
    samplesPerWindow: L,
    ictal: Uint8Array.from(rows, (row) => w.ictal[row]!),
    startTime: times(w.startTime),
    seizureStart: times(w.seizureStart),
    seizureEnd: times(w.seizureEnd),
    subType: pick(w.subType),
    type: pick(w.type),
    eventId: pick(w.eventId),
  };
}

function classEventTypes(types: readonly string[], labels: Int32Array, numClasses: number): string[] {
  const counts = Array.from({ length: numClasses }, () => new Map<string, number>());
  types.forEach((type, i) => counts[labels[i]!]!.set(type, (counts[labels[i]!]!.get(type) ?? 0) + 1));
  return counts.map((m) => [...m].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 'Seizure');
}

function checkResumable(header: CheckpointMeta, samplesPerWindow: number, classNames: readonly string[]): void {
  if (header.samplesPerWindow !== samplesPerWindow) {
    throw new AccelganError(
      `cannot resume: the checkpoint was trained on ${header.samplesPerWindow}-sample windows, this data has ${samplesPerWindow}`,
    );
  }
  if (header.classNames.join('\u0000') !== classNames.join('\u0000')) {
    throw new AccelganError(
      `cannot resume: the data's classes (${classNames.join(', ')}) differ from the checkpoint's (${header.classNames.join(', ')})`,
    );
  }
}

async function prepareRunDirectory(runDir: string, force: boolean): Promise<void> {
  const existing = await stat(runDir).catch(() => null);
  if (existing && !existing.isDirectory()) throw new AccelganError(`${runDir} exists and is not a directory`);
  if (existing && (await readdir(runDir)).length > 0) {
    if (!force)
      throw new AccelganError(
        `run directory ${runDir} is not empty; use --resume to continue it or --force to start over`,
      );
    for (const name of ['checkpoint.bin', 'config.json', 'run.json', 'metrics.csv'])
      await rm(`${runDir}/${name}`, { force: true });
  }
  await mkdir(runDir, { recursive: true });
}

/** Starts metrics.csv, or on resume drops rows past the checkpoint so the log matches the weights. */
async function prepareMetrics(path: string, step: number): Promise<void> {
  const old = step > 0 ? await readFile(path, 'utf8').catch(() => '') : '';
  const kept = old
    .split('\n')
    .slice(1)
    .filter((line) => line && Number(line.split(',')[0]) <= step);
  await writeFileAtomic(path, `${[METRICS_HEADER, ...kept].join('\n')}\n`, { force: true });
}

function flushMetrics(path: string, rows: readonly string[]): void {
  if (rows.length) appendFileSync(path, `${rows.join('\n')}\n`);
}

async function writeRecord(path: string, record: Record<string, unknown>): Promise<void> {
  const backend = record.backend as BackendInfo;
  const full = { ...record, versions: versions(backend) };
  await writeFileAtomic(path, `${JSON.stringify(full, null, 2)}\n`, { force: true });
}

function formatNumber(value: number | string): string {
  return typeof value === 'number' && !Number.isInteger(value) ? value.toPrecision(6) : String(value);
}
