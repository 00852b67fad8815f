import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { generateWindows, isIctalClass, loadGenerator, openTrainingData, runPaths, type BackendChoice } from '@accelgan/train';
import { evaluate, type EvaluateOptions, type EvaluateResult } from './evaluate.js';
import { loadSharp } from './plots/render.js';
import type { ProgressFn } from './types.js';

export interface ReportRunOptions extends Omit<EvaluateOptions, 'real' | 'synthetic' | 'train' | 'outDir' | 'lossesCsv' | 'onProgress'> {
  /** Report directory; default RUN/report. */
  readonly outDir?: string | undefined;
  /** Synthetic windows to generate; default twice the validation windows, at least 1,000. */
  readonly n?: number | undefined;
  readonly backend?: BackendChoice;
  readonly onProgress?: ProgressFn;
}

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
    const result = await evaluate({
      ...options,
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
