import { mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AccelganError, ingest, simulateEvents, writeDataset, writeOsdbJson, type IngestSummary } from '@accelgan/data';
import type { ProgressFn } from '@accelgan/eval';
import type { BackendChoice } from '@accelgan/model';
import {
  exportGenerated,
  generateWindows,
  loadGenerator,
  resolveConfig,
  train,
  type TrainProgress,
  type TrainResult,
} from '@accelgan/train';
import { reportRun, type ReportRunResult } from './report-run.js';

export interface DemoOptions {
  /** Directory for everything the demo writes: new, empty, or an earlier demo's (else `force`). */
  readonly out: string;
  /** Training steps of the default recipe. */
  readonly steps: number;
  /** Simulated OSDB events. */
  readonly events: number;
  /** The seed of every stage. */
  readonly seed: number;
  readonly backend?: BackendChoice;
  /** Replace a directory the demo did not write. */
  readonly force?: boolean;
  /** A stage starts: its number (1 to `of`) and what it does, e.g. "simulating 40 OSDB events". */
  readonly onStage?: (stage: number, of: number, what: string) => void;
  /** The simulated recordings are windowed and split. */
  readonly onIngested?: (summary: IngestSummary) => void;
  readonly onTrainProgress?: (progress: TrainProgress) => void;
  readonly onTrained?: (result: TrainResult) => void;
  /** The report's stages, as reportRun names them. */
  readonly onReportProgress?: ProgressFn;
}

export interface DemoResult {
  readonly dir: string;
  readonly train: TrainResult;
  readonly report: ReportRunResult;
  /** What the demo wrote, relative to `dir`, with what each holds, in the order written. */
  readonly files: readonly DemoFile[];
}

export interface DemoFile {
  readonly path: string;
  readonly holds: string;
}

/** The demo's files, relative to its directory. */
const FILES = {
  recordings: 'recordings.json',
  dataset: 'dataset.arrow',
  run: 'run',
  syntheticCsv: 'synthetic.csv',
  syntheticJson: 'synthetic.json',
  report: 'report',
} as const;

const DESCRIBED: readonly DemoFile[] = [
  { path: FILES.recordings, holds: 'simulated OSDB events (the built-in data)' },
  { path: FILES.dataset, holds: 'normalised 5 s windows (+ dataset.meta.json)' },
  { path: `${FILES.run}/`, holds: 'checkpoint.bin, config.json, run.json, metrics.csv' },
  { path: FILES.syntheticCsv, holds: '1,000 generated windows in milli-g' },
  { path: FILES.syntheticJson, holds: '50 generated windows as OSDB events' },
  {
    path: `${FILES.report}/report.html`,
    holds: 'the evaluation report (plots in report/plots/, numbers in report/metrics.json)',
  },
];

/** A file the demo leaves in its directory, so a later demo may replace it without `force`. */
const MARKER = '.accelgan-demo';

/**
 * The whole product on built-in data: simulate → ingest → train → generate → report,
 * each stage the same package call its `accelgan` command makes, all with one seed.
 */
export async function runDemo(options: DemoOptions): Promise<DemoResult> {
  const { out: dir, seed, steps } = options;
  const backend = options.backend ?? 'auto';
  const stage = (n: number, what: string) => options.onStage?.(n, 5, what);
  await claimDirectory(dir, options.force ?? false);
  const path = (name: string) => join(dir, name);

  stage(1, `simulating ${options.events} OSDB events`);
  const events = simulateEvents({ events: options.events, seed });
  await writeOsdbJson(path(FILES.recordings), events, { force: true, dataSourceName: 'accelgan-simulator' });

  stage(2, 'ingesting into 5 s windows');
  const config = resolveConfig({ steps, seed, backend, checkpointMinutes: 60 });
  const { dataset, summary } = await ingest([path(FILES.recordings)], { seed, scale: config.scale });
  await writeDataset(path(FILES.dataset), dataset, { force: true });
  options.onIngested?.(summary);

  stage(3, `training ${config.arch} for ${steps} steps`);
  const trained = await train({
    dataset,
    datasetSources: [path(FILES.dataset)],
    config,
    runDir: path(FILES.run),
    force: true,
    onProgress: options.onTrainProgress,
  });
  options.onTrained?.(trained);

  stage(4, 'generating 1,000 windows (CSV) and 50 (OSDB JSON)');
  const generator = await loadGenerator(path(FILES.run), backend);
  try {
    await exportGenerated(path(FILES.syntheticCsv), await generateWindows(generator, { n: 1000, seed }), generator, {
      seed,
      force: true,
    });
    await exportGenerated(
      path(FILES.syntheticJson),
      await generateWindows(generator, { n: 50, seed: seed + 1 }),
      generator,
      { seed: seed + 1, force: true },
    );
  } finally {
    generator.dispose();
  }

  stage(5, 'evaluating against the validation events');
  const report = await reportRun(path(FILES.run), {
    outDir: path(FILES.report),
    seed,
    // One critic seed instead of two: half the evaluation time, for a demo.
    seeds: 1,
    force: true,
    backend,
    onProgress: options.onReportProgress,
  });

  await writeFile(path(MARKER), 'Written by accelgan demo; a later demo may replace this directory.\n');
  return { dir, train: trained, report, files: DESCRIBED };
}

/** Makes `dir` the demo's: new, empty, or written by an earlier demo; anything else needs `force`. */
async function claimDirectory(dir: string, force: boolean): Promise<void> {
  const info = await stat(dir).catch(() => null);
  if (info && !info.isDirectory()) throw new AccelganError(`${dir} exists and is not a directory`);
  if (info) {
    const entries = await readdir(dir);
    const ours = entries.includes(MARKER);
    if (entries.length > 0 && !ours && !force) {
      throw new AccelganError(`${dir} holds files the demo did not write; choose another --out or use --force`);
    }
    await rm(dir, { recursive: true, force: true });
  }
  await mkdir(dir, { recursive: true });
}
