import { access } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { AccelganError, denormalise, type Dataset } from '@accelgan/data';
import type { BackendChoice } from '@accelgan/model';
import {
  describeEventSettings,
  describeGeneration,
  generateEvents,
  generateWindows,
  isIctalClass,
  loadGenerator,
  openTrainingData,
  runPaths,
  type GeneratedEvents,
  type SeamMode,
  type TrainedGenerator,
} from '@accelgan/train';
import {
  assertReportTarget,
  evaluate,
  evaluateMetrics,
  eventSeries,
  eventSeriesFromOsdb,
  type Draw,
  type EvaluateOptions,
  type EvaluateResult,
  type EventSets,
  type ProgressFn,
  type WindowSet,
} from '@accelgan/eval';

export interface ReportRunOptions
  extends Omit<
    EvaluateOptions,
    'real' | 'synthetic' | 'train' | 'outDir' | 'lossesCsv' | 'onProgress' | 'events' | 'origins' | 'otherDraws'
  > {
  /** Report directory; default RUN/report. */
  readonly outDir?: string | undefined;
  /** Synthetic windows to generate; default twice the validation windows, at least 1,000. */
  readonly n?: number | undefined;
  readonly backend?: BackendChoice;
  /**
   * Whole events to generate and compare with the validation events: default
   * {@link REPORT_EVENTS} for runs trained with --condition phase, none for others; 0 skips them.
   */
  readonly events?: number | undefined;
  /** How the events are generated (see @accelgan/train's generateEvents). */
  readonly rho?: number | undefined;
  readonly seam?: SeamMode | undefined;
  readonly seamTaper?: number | undefined;
  /**
   * Generation draws to score (default 1): the report is the first, with `seed`; each
   * further draw k generates and scores with seed + k, and metrics.json and report.html
   * gain every figure's value per draw, mean, range and how often it was good.
   */
  readonly draws?: number | undefined;
  readonly onProgress?: ProgressFn;
}

/** Synthetic events a phase run's report compares: enough for stable distributions, a few seconds to generate. */
export const REPORT_EVENTS = 100;

export interface ReportRunResult extends EvaluateResult {
  /** Synthetic windows generated for the report. */
  readonly generated: number;
}

/**
 * `accelgan report`: reopens the data a run was trained on (with the run's own split,
 * scaling and window length), generates windows from the run's generator in its training
 * class proportions, and evaluates them against the run's validation events, with the
 * training split as the real training set and the run's metrics.csv as loss curves.
 * With `png`, each figure is also written as plots/<id>.png (needs the optional sharp).
 */
export async function reportRun(runDir: string, options: ReportRunOptions = {}): Promise<ReportRunResult> {
  const progress = options.onProgress ?? (() => undefined);
  const seed = options.seed ?? 1;
  const draws = options.draws ?? 1;
  if (!Number.isInteger(draws) || draws < 1)
    throw new AccelganError(`--draws must be a positive integer, got ${draws}`);
  const outDir = options.outDir ?? join(runDir, 'report');
  // Fail (an existing report, or PNGs without sharp) before generating and the extra
  // draws' minutes of work, not after them.
  await assertReportTarget(resolve(outDir), options);
  progress('loading the run');
  const trained = await loadGenerator(runDir, options.backend ?? 'auto');
  try {
    const { header } = trained;
    const config = header.config;
    const dataset = await openTrainingData(header.dataset.sources, {
      scale: config.scale,
      windowSeconds: config.windowSeconds,
      valFraction: config.valFraction,
      seed: config.seed,
    });
    const validation = dataset.windows.split.filter((s) => s === 'val').length;
    const n = options.n ?? Math.max(1000, 2 * validation);
    const eventCount = options.events ?? (config.condition === 'phase' ? REPORT_EVENTS : 0);
    const realEvents = eventCount > 0 ? realEventSeries(dataset) : undefined;
    const realOrigin = `${header.dataset.sources.join(', ')}, as the run split it`;
    const draw = async (drawSeed: number, onProgress: ProgressFn) => {
      const synthetic = await generateWindowSet(trained, n, drawSeed, onProgress);
      const events = realEvents
        ? await wholeEvents(trained, realEvents, eventCount, options, drawSeed, onProgress)
        : undefined;
      const run = describeGeneration(trained, drawSeed);
      const origins = {
        real: realOrigin,
        synthetic: events ? `${run}; whole events: ${describeEventSettings(events.settings)}` : run,
      };
      return { synthetic, events: events?.sets, origins, real: dataset, seed: drawSeed, onProgress };
    };
    // Progress names each draw by its seed and by when it runs: the report's own draw
    // (the first by seed) runs last, since evaluate summarises the others beside it.
    const tagged = (order: number, drawSeed: number): ProgressFn =>
      draws === 1
        ? progress
        : (stage, fraction) => progress(`seed ${drawSeed}, ${order} of ${draws}: ${stage}`, fraction);
    // The report's own draw is seed; the others take the seeds after it, as
    // `accelgan report --seed seed+k` would, so any one of them can be re-run alone.
    const otherDraws: Draw[] = [];
    for (let k = 1; k < draws; k++) {
      otherDraws.push({
        seed: seed + k,
        metrics: await evaluateMetrics({ ...options, ...(await draw(seed + k, tagged(k, seed + k))) }),
      });
    }
    const losses = runPaths(runDir).metrics;
    const haveLosses = await access(losses).then(
      () => true,
      () => false,
    );
    const result = await evaluate({
      ...options,
      ...(await draw(seed, tagged(draws, seed))),
      otherDraws,
      outDir,
      lossesCsv: haveLosses ? losses : undefined,
    });
    return { ...result, generated: n };
  } finally {
    trained.dispose();
  }
}

/** n windows from the generator, in its training class proportions, labelled ictal or not. */
async function generateWindowSet(
  trained: TrainedGenerator,
  n: number,
  seed: number,
  progress: ProgressFn,
): Promise<WindowSet> {
  progress('generating synthetic windows');
  const generated = await generateWindows(trained, {
    n,
    seed,
    onProgress: (done, total) => progress('generating synthetic windows', done / total),
  });
  const ictalClass = generated.classNames.map((name) => (isIctalClass(name) ? 1 : 0));
  const conditional = generated.classNames.length > 1;
  return {
    samplesPerWindow: generated.samplesPerWindow,
    values: generated.values,
    ictal: conditional ? Uint8Array.from(generated.labels, (label) => ictalClass[label] ?? 0) : undefined,
  };
}

/** The run's own training and validation events, in milli-g, as the event metrics read them. */
function realEventSeries(dataset: Dataset): Pick<EventSets, 'realTrain' | 'realHeldOut'> {
  const windows = { ...dataset.windows, values: denormalise(dataset.windows.values, dataset.meta.normalisation) };
  const rows = (side: string) => windows.split.flatMap((s, i) => (s === side ? [i] : []));
  return { realTrain: eventSeries(windows, rows('train')), realHeldOut: eventSeries(windows, rows('val')) };
}

/** `count` generated events beside the run's own training and validation events, for the report's whole-event comparison. */
async function wholeEvents(
  trained: TrainedGenerator,
  real: Pick<EventSets, 'realTrain' | 'realHeldOut'>,
  count: number,
  options: ReportRunOptions,
  seed: number,
  progress: ProgressFn,
): Promise<{ sets: EventSets; settings: GeneratedEvents['settings'] }> {
  progress('generating whole events');
  const generated = await generateEvents(trained, {
    events: count,
    seed,
    rho: options.rho,
    seam: options.seam,
    seamTaper: options.seamTaper,
    onProgress: (done, total) => progress('generating whole events', done / total),
  });
  return { sets: { ...real, synthetic: generated.events.map(eventSeriesFromOsdb) }, settings: generated.settings };
}
