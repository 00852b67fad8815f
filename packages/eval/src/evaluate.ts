import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { AccelganError } from '@accelgan/data';
import { evaluateWindows, type EvaluateWindowsOptions } from './compute.js';
import { loadSource, type WindowSource } from './load.js';
import { buildFigures } from './plots/figures.js';
import { buildEventFigures } from './plots/event-figures.js';
import { evaluateEvents } from './events/compute-events.js';
import { eventSetsFromSources } from './events/event-sets.js';
import { parseLossCsv, type LossTable } from './plots/losses.js';
import { summariseDraws } from './report/draws.js';
import { renderHtml } from './report/html.js';
import { assertReportTarget, writeReport } from './report/write.js';
import type { Draw, Evaluation, EvaluationMetrics, EventEvaluation, EventSets } from './result-types.js';
import type { ProgressFn } from './types.js';

export interface EvaluateOptions extends Omit<EvaluateWindowsOptions, 'onProgress'> {
  /** Real windows: the held-out reference, or a dataset whose split marks which are held out. */
  readonly real: WindowSource;
  /** Synthetic windows (e.g. the generator's CSV). */
  readonly synthetic: WindowSource;
  /** The real windows the generator was trained on, if known. */
  readonly train?: WindowSource | undefined;
  /** Directory for report.html, metrics.json and plots/; created if missing. */
  readonly outDir: string;
  readonly seed?: number;
  /** Overwrite an existing report. */
  readonly force?: boolean;
  /**
   * Also write each figure as plots/<id>.png (2× the SVG's size), beside plots/<id>.svg.
   * Needs the optional dependency sharp, loaded only when this is set.
   */
  readonly png?: boolean | undefined;
  /** A training run's metrics.csv (step, then loss columns), plotted when given. */
  readonly lossesCsv?: string | undefined;
  /** Where the real and synthetic windows came from, for the report and metrics.json (default: the sources' paths). */
  readonly origins?: { readonly real?: string | undefined; readonly synthetic?: string | undefined } | undefined;
  /**
   * Also compare whole events: `true` takes them from the real and synthetic sources
   * (the synthetic ones from `accelgan generate --events`), or give the sets themselves.
   */
  readonly events?: boolean | EventSets | undefined;
  /**
   * Further generation draws of the same generator against the same real windows, each
   * with the seed it was generated and scored with (evaluateMetrics): the report then
   * summarises this draw and those (report/draws.ts) in metrics.json and a section.
   */
  readonly otherDraws?: readonly Draw[] | undefined;
  /** Stage names as they start (and a fraction within long stages). */
  readonly onProgress?: ProgressFn;
}

export interface EvaluateResult {
  readonly outDir: string;
  readonly reportPath: string;
  readonly metricsPath: string;
  readonly metrics: EvaluationMetrics;
  /** Ids of the figures in the report (also plots/<id>.svg, and plots/<id>.png with `png`). */
  readonly figures: readonly string[];
}

/**
 * Evaluates synthetic windows against real ones and writes a self-contained HTML report
 * plus metrics.json into `outDir`. Refuses to overwrite an existing report unless `force`.
 */
export async function evaluate(options: EvaluateOptions): Promise<EvaluateResult> {
  const progress = options.onProgress ?? (() => undefined);
  const seed = options.seed ?? 1;
  const force = options.force ?? false;
  const outDir = resolve(options.outDir);
  const png = options.png ?? false;
  await assertReportTarget(outDir, { force, png }); // fail before the slow part

  let losses: LossTable | undefined;
  if (options.lossesCsv) {
    const text = await readFile(options.lossesCsv, 'utf8').catch((error: unknown) => {
      throw new AccelganError(`cannot read ${options.lossesCsv}: ${(error as Error).message}`);
    });
    losses = parseLossCsv(text, options.lossesCsv);
  }
  const { evaluation, events, origins, metrics: measured } = await measure(options, seed, progress);
  progress('plots');
  const t0 = performance.now();
  const figures = await buildFigures(evaluation, { seed, losses, onProgress: progress });
  const eventFigures = events ? await buildEventFigures(events, { seed, onProgress: progress }) : [];
  const timings = { ...measured.timings, plots: (performance.now() - t0) / 1000 };
  const otherDraws = options.otherDraws ?? [];
  const draws = otherDraws.length ? { draws: summariseDraws([{ seed, metrics: measured }, ...otherDraws]) } : {};
  const metrics: EvaluationMetrics = { ...measured, timings, ...draws };
  progress('writing report');
  const html = renderHtml(metrics, figures, origins, eventFigures);
  const allFigures = [...figures, ...eventFigures];
  const written = await writeReport(outDir, { html, metrics, figures: allFigures }, force, { png });
  return { outDir, ...written, metrics, figures: allFigures.map((f) => f.id) };
}

/** The options evaluateMetrics reads: evaluate's, less those about files written. */
export type EvaluateMetricsOptions = Omit<EvaluateOptions, 'outDir' | 'force' | 'png' | 'lossesCsv' | 'otherDraws'>;

/**
 * The metrics evaluate writes to metrics.json, computed the same way but with no plots
 * drawn and no file written (so without the plots' timing, and without `draws`): for
 * further generation draws of one generator, which evaluate then summarises beside its
 * own (EvaluateOptions.otherDraws).
 */
export async function evaluateMetrics(options: EvaluateMetricsOptions): Promise<EvaluationMetrics> {
  return (await measure(options, options.seed ?? 1, options.onProgress ?? (() => undefined))).metrics;
}

/** Loads the windows, then computes the window metrics and, where asked, the whole-event ones. */
async function measure(
  options: EvaluateMetricsOptions,
  seed: number,
  progress: ProgressFn,
): Promise<{
  evaluation: Evaluation;
  events: EventEvaluation | undefined;
  origins: NonNullable<EvaluationMetrics['origins']>;
  metrics: EvaluationMetrics;
}> {
  progress('loading windows');
  const real = await loadSource(options.real, 'real');
  const synthetic = await loadSource(options.synthetic, 'synthetic');
  const train = options.train !== undefined ? await loadSource(options.train, 'training') : undefined;
  const eventSets =
    options.events === true
      ? eventSetsFromSources(real, synthetic, train, { seed, valFraction: options.valFraction ?? 0.2 })
      : options.events || undefined;

  const evaluation = await evaluateWindows(
    { real: real.set, synthetic: synthetic.set, train: train?.set, realSplit: real.split },
    { ...options, seed, onProgress: progress },
  );
  const t1 = performance.now();
  const events = eventSets
    ? await evaluateEvents(eventSets, {
        ...options,
        seed,
        windowScore: evaluation.metrics.discriminative.synthetic.score,
        onProgress: progress,
      })
    : undefined;
  const eventSeconds = (performance.now() - t1) / 1000;
  const timings = { ...evaluation.metrics.timings, ...(events ? { 'whole events': eventSeconds } : {}) };
  const origins = {
    real: options.origins?.real ?? real.origin,
    synthetic: options.origins?.synthetic ?? synthetic.origin,
    ...(train ? { train: train.origin } : {}),
  };
  const metrics: EvaluationMetrics = {
    ...evaluation.metrics,
    origins,
    timings,
    ...(events ? { events: events.metrics } : {}),
  };
  return { evaluation, events, origins, metrics };
}
