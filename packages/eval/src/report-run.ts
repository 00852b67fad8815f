import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { denormalise, type Dataset } from '@accelgan/data';
import {
  describeEventSettings,
  describeGeneration,
  generateEvents,
  generateWindows,
  isIctalClass,
  loadGenerator,
  openTrainingData,
  runPaths,
  type BackendChoice,
  type GeneratedEvents,
  type SeamMode,
  type TrainedGenerator,
} from '@accelgan/train';
import type { EventSets } from './events/compute-events.js';
import { eventSeries, eventSeriesFromOsdb } from './events/event-series.js';
import { evaluate, type EvaluateOptions, type EvaluateResult } from './evaluate.js';
import { loadSharp } from './plots/render.js';
import type { ProgressFn } from './types.js';

export interface ReportRunOptions extends Omit<EvaluateOptions, 'real' | 'synthetic' | 'train' | 'outDir' | 'lossesCsv' | 'onProgress' | 'events' | 'origins'> {
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
  if (options.png) await loadSharp(); // fail before generating when sharp is missing
  progress('loading the run');
  const trained = await loadGenerator(runDir, options.backend ?? 'auto');
  try {
    const { header } = trained;
    const config = header.config;
    const dataset = await openTrainingData(header.dataset.sources, { scale: config.scale, windowSeconds: config.windowSeconds, valFraction: config.valFraction, seed: config.seed });
    const validation = dataset.windows.split.filter((s) => s === 'val').length;
    const n = options.n ?? Math.max(1000, 2 * validation);
    progress('generating synthetic windows');
    const generated = await generateWindows(trained, { n, seed, onProgress: (done, total) => progress('generating synthetic windows', done / total) });
    const ictalClass = generated.classNames.map((name) => (isIctalClass(name) ? 1 : 0));
    const conditional = generated.classNames.length > 1;
    const synthetic = {
      samplesPerWindow: generated.samplesPerWindow,
      values: generated.values,
      ictal: conditional ? Uint8Array.from(generated.labels, (label) => ictalClass[label] ?? 0) : undefined,
    };
    const losses = runPaths(runDir).metrics;
    const haveLosses = await access(losses).then(
      () => true,
      () => false,
    );
    const events = await wholeEvents(trained, dataset, options, seed, progress);
    const run = describeGeneration(trained, seed);
    const result = await evaluate({
      ...options,
      events: events?.sets,
      origins: {
        real: `${header.dataset.sources.join(', ')}, as the run split it`,
        synthetic: events ? `${run}; whole events: ${describeEventSettings(events.settings)}` : run,
      },
      real: dataset,
      synthetic,
      outDir: options.outDir ?? join(runDir, 'report'),
      seed,
      lossesCsv: haveLosses ? losses : undefined,
      onProgress: progress,
    });
    return { ...result, generated: n };
  } finally {
    trained.dispose();
  }
}

/** Generated events and the run's own training and validation events, where the report compares whole events. */
async function wholeEvents(
  trained: TrainedGenerator,
  dataset: Dataset,
  options: ReportRunOptions,
  seed: number,
  progress: ProgressFn,
): Promise<{ sets: EventSets; settings: GeneratedEvents['settings'] } | undefined> {
  const count = options.events ?? (trained.header.config.condition === 'phase' ? REPORT_EVENTS : 0);
  if (count === 0) return undefined;
  progress('generating whole events');
  const generated = await generateEvents(trained, {
    events: count,
    seed,
    rho: options.rho,
    seam: options.seam,
    seamTaper: options.seamTaper,
    onProgress: (done, total) => progress('generating whole events', done / total),
  });
  const windows = { ...dataset.windows, values: denormalise(dataset.windows.values, dataset.meta.normalisation) };
  const rows = (side: string) => windows.split.flatMap((s, i) => (s === side ? [i] : []));
  const sets = { realTrain: eventSeries(windows, rows('train')), realHeldOut: eventSeries(windows, rows('val')), synthetic: generated.events.map(eventSeriesFromOsdb) };
  return { sets, settings: generated.settings };
}
