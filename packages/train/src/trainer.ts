import { AccelganError, quantumOf, type Dataset } from '@accelgan/data';
import { describeGridDraw, watchGridOf, windowsOnGrid } from './watch-grid.js';
import { getArchitecture, initBackend, type BackendInfo } from '@accelgan/model';
import { BatchSampler } from './batches.js';
import type { CheckpointMeta } from './checkpoint.js';
import { assignClasses } from './conditioning.js';
import type { TrainConfig } from './config.js';
import { DataParallel } from './data-parallel.js';
import { discriminatorMemory, type DiscriminatorMemory, type HeldOutWindows } from './discriminator-memory.js';
import { eventOutlines } from './events/outlines.js';
import { Gan } from './gan.js';
import { defaultThreads } from './generate-threads.js';
import { RunDirectory } from './run-directory.js';
import { trainStep, type StepLosses } from './step.js';
import { classEventTypes, heldOutWindows, recordingIndex, splitWindows } from './training-data.js';

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

/** Where to train: a run directory already opened (RunDirectory.open), or one to open here. */
export type TrainTarget =
  | {
      /** Opened by the caller (the CLI opens it first, to read a resumed run's config before its data); train closes it. */
      readonly run: RunDirectory;
    }
  | {
      readonly runDir: string;
      /** A new run's config; on resume, what this invocation asks for (RunDirectory's resume rule). */
      readonly config: TrainConfig;
      /** Continue from runDir's checkpoint. */
      readonly resume?: boolean | undefined;
      /** Replace an existing run directory's contents. */
      readonly force?: boolean | undefined;
    };

export type TrainOptions = TrainTarget & TrainSettings;

export interface TrainSettings {
  /** Normalised windows: the training split is trained on; the held-out split only scores the trained discriminator (TrainResult.discriminatorMemory). */
  readonly dataset: Dataset;
  /** The files the dataset came from (one .arrow, or OSDB files), so `accelgan report` can reopen it. */
  readonly datasetSources: readonly string[];
  /** Aborting stops after the current step and saves a checkpoint (a signal). */
  readonly signal?: AbortSignal | undefined;
  /**
   * Threads for architectures that train data-parallel (those whose Architecture.batchCoupling
   * allows a split), a positive integer; default ACCELGAN_THREADS, else one per core. Others
   * always train in one thread.
   */
  readonly threads?: number | undefined;
  /** A line for the user that is not an error (a stale lock taken over), where train opens the run directory. */
  readonly onNote?: ((line: string) => void) | undefined;
  /** Called once the run directory, backend and data are ready, before the first step. */
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
  /** How the trained discriminator scores training, held-out and generated windows (also in run.json); null after a signal's stop. */
  readonly discriminatorMemory: DiscriminatorMemory | null;
}

/**
 * Trains a conditional GAN on the dataset's training windows: the loop. The run
 * directory (run-directory.ts) keeps config.json, run.json, metrics.csv and the
 * checkpoint (every checkpointMinutes, at the end, and when `signal` aborts); one step is
 * step.ts's trainStep, its gradients split across two threads where DataParallel can.
 */
export async function train(options: TrainOptions): Promise<TrainResult> {
  const threads = options.threads ?? defaultThreads();
  if (!(Number.isInteger(threads) && threads >= 1))
    throw new AccelganError(`--threads must be a positive integer, got ${threads}`, 2);
  const run =
    'run' in options
      ? options.run
      : await RunDirectory.open({
          runDir: options.runDir,
          requested: options.config,
          resume: options.resume,
          force: options.force,
          onNote: options.onNote,
        });
  try {
    return await trainIn(run, options, threads);
  } finally {
    await run.close();
  }
}

async function trainIn(run: RunDirectory, options: TrainSettings, threadsAsked: number): Promise<TrainResult> {
  const { dataset } = options;
  const { config } = run;
  const backend = await initBackend(config.backend);
  const train = splitWindows(dataset, 'train');
  if (train.count < 2) throw new AccelganError(`need at least 2 training windows, found ${train.count}`);
  const classes = assignClasses(train, config.condition);
  const samplesPerWindow = dataset.meta.samplesPerWindow;
  run.checkData(samplesPerWindow, classes.classNames);

  // Watches report whole milli-g, but some recordings report fractions: train on the values
  // of recordings on the grid spread over its step, and generate onto it the windows whose
  // draw says so (watch-grid.ts), so neither side shows D the grid. A run resumed from a
  // checkpoint written before per-recording grids keeps its one switch for the whole run.
  const { normalisation } = dataset.meta;
  const legacyGrid = run.checkpoint !== null && run.checkpoint.header.watchGrid === undefined;
  const onGrid = windowsOnGrid(train.values, samplesPerWindow, train.eventId, normalisation);
  const watchGrid = legacyGrid ? null : watchGridOf(onGrid, classes.labels, classes.classNames.length);
  const quantumMilliG = legacyGrid ? quantumOf(train.values, normalisation) : (watchGrid?.quantumMilliG ?? null);
  const dequantise = quantumMilliG ? quantumMilliG / (2 * normalisation.scale) : 0;
  const someOffGrid = !legacyGrid && watchGrid !== null && onGrid.includes(0);
  const arch = getArchitecture(config.arch);
  const gan = new Gan(arch, { samplesPerWindow, numClasses: classes.classNames.length }, config, dequantise);
  const batches = new BatchSampler(
    train.values,
    classes.labels,
    samplesPerWindow,
    config.batchSize,
    config.seed,
    recordingIndex(dataset, train.rows),
    someOffGrid ? onGrid : undefined,
  );
  let step = run.step;
  if (run.checkpoint) gan.restore(run.checkpoint);

  const datasetRecord = {
    sources: options.datasetSources,
    windows: train.count,
    events: new Set(train.eventId).size,
  };
  const meta = (): CheckpointMeta => ({
    format: 'accelgan-checkpoint',
    version: 2,
    step,
    optimiserSteps: { generator: gan.optimiserG.step, discriminator: gan.optimiserD.step },
    config,
    normalisation: dataset.meta.normalisation,
    quantumMilliG,
    ...(watchGrid ? { watchGrid } : {}),
    samplesPerWindow,
    classNames: classes.classNames,
    classCounts: classes.counts,
    classEventTypes: classEventTypes(train.type, classes.labels, classes.classNames.length),
    dataset: datasetRecord,
    eventOutlines: eventOutlines(dataset.windows, train.rows, legacyGrid ? undefined : onGrid),
    savedAt: new Date().toISOString(),
  });
  // What the generator estimates from the data rather than learns is fixed before the first step, and recorded.
  gan.context(batches);
  const fitNote = gan.fitNote ? `${gan.fitNote} (classes in order: ${classes.classNames.join(', ')})` : null;
  const parallel = await DataParallel.start(
    gan,
    { values: train.values, labels: classes.labels, onGrid: batches.gridFlags },
    batches,
    threadsAsked,
  ).catch((error: unknown) => {
    batches.dispose();
    gan.dispose();
    throw error;
  });
  const threads = parallel ? 2 : 1;
  const record = {
    startedAt: new Date().toISOString(),
    backend,
    threads,
    config,
    dataset: datasetRecord,
    ...(fitNote ? { fittedToData: fitNote } : {}),
    watchGrid: gridRecord(),
  };

  const t0 = performance.now();
  const elapsed = () => (performance.now() - t0) / 1000;
  const startStep = step;
  const budgetSeconds = config.minutes != null ? config.minutes * 60 : Infinity;
  const done = () => (config.steps != null && step >= config.steps) || elapsed() >= budgetSeconds;
  let lastCheckpoint = performance.now();
  let lastLosses: StepLosses | null = null;
  let memory: DiscriminatorMemory | null = null;
  let trainedSeconds = 0;
  let interrupted = false;

  const save = async () => {
    await run.save(meta(), gan.namedTensors());
    lastCheckpoint = performance.now();
    options.onCheckpoint?.(step);
  };

  try {
    await run.begin({ classNames: classes.classNames, classCounts: classes.counts }, { ...record, step });
    options.onStart?.({ backend, windows: train.count, step, config, threads, fittedToData: fitNote });
    while (!done() && !options.signal?.aborted) {
      lastLosses = trainStep(gan, batches, step, parallel ?? undefined);
      step += 1;
      if (!lastLosses || !Number.isFinite(lastLosses.dLoss) || !Number.isFinite(lastLosses.gLoss)) {
        throw new AccelganError(
          `training diverged at step ${step} (loss is not finite); try a lower learning rate or another --seed`,
        );
      }
      if (step % config.logEvery === 0 || done()) {
        const l = lastLosses;
        run.logMetrics([step, elapsed().toFixed(2), l.dLoss, l.gLoss, l.dReal, l.dFake, l.gStatistics, l.gConsistency]);
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
      // Let signal handlers run between steps: a step itself is synchronous.
      await new Promise((resolve) => setImmediate(resolve));
    }
    interrupted = options.signal?.aborted === true && !done();
    await save();
    trainedSeconds = elapsed();
    // Not after a signal: the user is waiting for the checkpoint, and it is saved.
    if (!interrupted)
      memory = measuredMemory(gan, batches, () =>
        heldOutWindows(dataset, config.condition, classes.classNames, !legacyGrid && watchGrid !== null),
      );
  } catch (error) {
    await run.finish('failed', step, { ...record, finishedAt: new Date().toISOString() }).catch(() => undefined);
    throw error;
  } finally {
    await parallel?.dispose();
    batches.dispose();
    gan.dispose();
  }
  await run.finish(interrupted ? 'interrupted' : 'finished', step, {
    ...record,
    finishedAt: new Date().toISOString(),
    elapsedSeconds: trainedSeconds,
    stepsPerSecond: (step - startStep) / Math.max(trainedSeconds, 1e-9),
    discriminator: memory,
  });
  return {
    step,
    interrupted,
    elapsedSeconds: trainedSeconds,
    backend,
    checkpointPath: run.paths.checkpoint,
    lastLosses,
    discriminatorMemory: memory,
  };

  /** How the run handles the watch's grid, for run.json. */
  function gridRecord() {
    if (legacyGrid) return { quantumMilliG, perRecording: false };
    const share = (c: number) => watchGrid?.shareOnGrid[c] ?? 0;
    return {
      quantumMilliG,
      perRecording: true,
      shareOnGrid: Object.fromEntries(classes.classNames.map((name, c) => [name, share(c)])),
      recordingsOnGrid: `${new Set(train.eventId.filter((_, i) => onGrid[i] === 1)).size} of ${datasetRecord.events}`,
      generated: describeGridDraw(gan.generator),
    };
  }

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
