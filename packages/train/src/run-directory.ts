import { readFileSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { AccelganError, assertOutputLocation, sweepStaleTemporaries, writeFileAtomic } from '@accelgan/data';
import { getArchitecture, type BackendInfo } from '@accelgan/model';
import { loadCheckpoint, saveCheckpoint, type CheckpointMeta, type LoadedCheckpoint } from './checkpoint.js';
import {
  checkConfig,
  flagOf,
  withLaterWeights,
  resolveConfig,
  type ConfigFlags,
  type TrainConfig,
  type TrainConfigOverrides,
} from './config.js';
import { acquireRunLock } from './run-lock.js';

/**
 * A run directory, the one place that reads and writes it:
 *
 * - `checkpoint.bin`: everything a resume needs (checkpoint.ts), every few minutes and at the end;
 * - `config.json`: the resolved config and the class names;
 * - `run.json`: status, backend, versions, timing, and one segment per invocation
 *   (from and to which step, on how many threads and which backend: threads change float
 *   summation order, so they belong in the record of what produced the weights);
 * - `metrics.csv`: the losses every logEvery steps, rewritten whole at each checkpoint;
 * - `run.lock`: who writes it (run-lock.ts): one writer at a time.
 *
 * Every file is written to a temporary name and renamed into place. A run is resumed by
 * one rule (resumedConfig), from the checkpoint read once, here.
 */
export function runPaths(runDir: string) {
  return {
    checkpoint: join(runDir, 'checkpoint.bin'),
    config: join(runDir, 'config.json'),
    record: join(runDir, 'run.json'),
    metrics: join(runDir, 'metrics.csv'),
    lock: join(runDir, 'run.lock'),
  };
}

export const METRICS_HEADER = 'step,elapsed_s,d_loss,g_loss,d_real,d_fake,g_statistics,g_consistency';

/** One invocation of `train` on a run directory, as run.json's `segments` records it. */
export interface RunSegment {
  /** The step it started from (null in a record written before segments were kept). */
  readonly fromStep: number | null;
  /** The step it reached; null while it runs. */
  readonly toStep: number | null;
  /** 2 when each step's gradients were computed on two threads, else 1. */
  readonly threads: number | null;
  /** The backend it ran on (BackendInfo.name). */
  readonly backend: string | null;
  readonly startedAt: string;
  readonly endedAt: string | null;
  /** `killed`: it ended without a record (kill -9, a crash); its steps past the checkpoint were not kept. */
  readonly status: 'running' | 'finished' | 'interrupted' | 'failed' | 'killed';
}

export interface OpenRunOptions {
  readonly runDir: string;
  /**
   * What this invocation asks for: a new run's config (or overrides resolveConfig fills),
   * or, on resume, the values the user gave, which must agree with the run's (resumedConfig).
   */
  readonly requested: TrainConfigOverrides;
  /** Continue the run's checkpoint. */
  readonly resume?: boolean | undefined;
  /** Replace a non-empty run directory's run files. */
  readonly force?: boolean | undefined;
  /** How the user gave each config key, for error lines (config.ts's flagOf). */
  readonly flags?: ConfigFlags | undefined;
  /** A line for the user that is not an error: a stale lock taken over. */
  readonly onNote?: ((line: string) => void) | undefined;
}

/** What run.json says besides its segments and versions. */
export type RunRecord = Record<string, unknown> & { readonly backend: BackendInfo };

/**
 * An open run directory: locked for this process, prepared (a new run) or read (a
 * resumed one: its checkpoint, run.json's segments and the metrics rows up to the
 * checkpoint). `close()` releases it.
 */
export class RunDirectory {
  private metricsRows: string[];
  private segments: RunSegment[];
  private segment: RunSegment | null = null;
  private closed = false;
  readonly paths: ReturnType<typeof runPaths>;

  private constructor(
    readonly runDir: string,
    /** The run's config: resolved for a new run, the checkpoint's (with this invocation's budget) for a resumed one. */
    readonly config: TrainConfig,
    /** The checkpoint a resumed run continues from; null for a new run. */
    readonly checkpoint: LoadedCheckpoint | null,
    private readonly release: () => Promise<void>,
    previous: { readonly segments: RunSegment[]; readonly metricsRows: string[] },
  ) {
    this.paths = runPaths(runDir);
    this.segments = previous.segments;
    this.metricsRows = previous.metricsRows;
  }

  /** The step training starts from. */
  get step(): number {
    return this.checkpoint?.header.step ?? 0;
  }

  /**
   * Opens `runDir` to train in. A new run's config is checked before anything is
   * touched; then the directory is created and locked (a second writer is refused),
   * temporaries killed runs left are removed, and a new run needs it empty (or `force`,
   * which removes the run files) while a resumed one reads its checkpoint.
   */
  static async open(options: OpenRunOptions): Promise<RunDirectory> {
    const { runDir, flags } = options;
    const paths = runPaths(runDir);
    const fresh = options.resume ? null : resolveConfig(options.requested, flags);
    await assertOutputLocation(runDir, 'directory');
    const existing = await stat(runDir).catch(() => null);
    if (!existing && !fresh) throw new AccelganError(`no checkpoint at ${paths.checkpoint}`);
    await mkdir(runDir, { recursive: true }).catch((error: unknown) => {
      throw new AccelganError(`cannot create run directory ${runDir}: ${(error as Error).message}`);
    });
    const release = await acquireRunLock(paths.lock, runDir, options.onNote);
    try {
      await sweepStaleTemporaries(runDir);
      if (fresh) {
        await emptyRunDirectory(runDir, options.force ?? false);
        return new RunDirectory(runDir, fresh, null, release, { segments: [], metricsRows: [] });
      }
      const checkpoint = await loadCheckpoint(paths.checkpoint);
      const config = resumedConfig(checkpoint.header.config, options.requested, flags);
      const step = checkpoint.header.step;
      return new RunDirectory(runDir, config, checkpoint, release, {
        segments: await previousSegments(paths.record),
        metricsRows: await metricsUpTo(paths.metrics, step),
      });
    } catch (error) {
      await release();
      throw error;
    }
  }

  /** A resumed run must go on with windows of the same length and the same classes. */
  checkData(samplesPerWindow: number, classNames: readonly string[]): void {
    const header = this.checkpoint?.header;
    if (!header) return;
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

  /** Writes config.json, metrics.csv (the rows up to the checkpoint) and run.json with this invocation's segment running. */
  async begin(
    classes: { readonly classNames: readonly string[]; readonly classCounts: readonly number[] },
    record: RunRecord & { readonly threads: number },
  ): Promise<void> {
    const config = { ...this.config, classNames: classes.classNames, classCounts: classes.classCounts };
    await writeFileAtomic(this.paths.config, `${JSON.stringify(config, null, 2)}\n`, { force: true });
    await this.writeMetrics();
    this.segment = {
      fromStep: this.step,
      toStep: null,
      threads: record.threads,
      backend: record.backend.name,
      startedAt: String(record.startedAt ?? new Date().toISOString()),
      endedAt: null,
      status: 'running',
    };
    await this.writeRecord({ status: 'running', ...record });
  }

  /** Adds a metrics.csv row (written at the next checkpoint). */
  logMetrics(values: readonly (number | string)[]): void {
    this.metricsRows.push(values.map(formatNumber).join(','));
  }

  /** Writes metrics.csv, then the checkpoint. */
  async save(meta: CheckpointMeta, tensors: ReadonlyMap<string, tf.Tensor>): Promise<void> {
    await this.writeMetrics();
    await saveCheckpoint(this.paths.checkpoint, meta, tensors);
  }

  /** Writes run.json as this invocation ends, its segment closed at `step` with `status`. */
  async finish(status: 'finished' | 'interrupted' | 'failed', step: number, record: RunRecord): Promise<void> {
    if (!this.segment) return;
    this.segment = { ...this.segment, toStep: step, endedAt: new Date().toISOString(), status };
    await this.writeRecord({ status, ...record, step });
  }

  /** Releases the lock; safe to call twice. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.release();
  }

  private async writeMetrics(): Promise<void> {
    const text = `${[METRICS_HEADER, ...this.metricsRows].join('\n')}\n`;
    await writeFileAtomic(this.paths.metrics, text, { force: true });
  }

  private async writeRecord(record: RunRecord): Promise<void> {
    const segments = this.segment ? [...this.segments, this.segment] : this.segments;
    const full = { ...record, segments, versions: versions(record.backend) };
    await writeFileAtomic(this.paths.record, `${JSON.stringify(full, null, 2)}\n`, { force: true });
  }
}

/** Config keys a resumed run may change: its budget, its backend, and how often it logs and checkpoints. */
const MAY_CHANGE_ON_RESUME: ReadonlySet<keyof TrainConfig> = new Set([
  'steps',
  'minutes',
  'backend',
  'logEvery',
  'checkpointMinutes',
]);

/**
 * The resume rule: a resumed run keeps its checkpoint's config, so that it goes on
 * training what it trained. Of what this invocation asks for, only the budget (steps and
 * minutes: both from this invocation where either is given, else the run's), the
 * backend, logEvery and checkpointMinutes may differ; any other value that differs is
 * refused, naming the flag it came from. run.json's segments record the thread count and
 * backend of each invocation, which may change float summation order.
 */
export function resumedConfig(
  saved: TrainConfig,
  requested: TrainConfigOverrides,
  flags: ConfigFlags = {},
): TrainConfig {
  // A run of an architecture that no longer exists says so before any flag is compared with it.
  getArchitecture(saved.arch);
  const run = withLaterWeights(saved);
  for (const [name, value] of Object.entries(requested)) {
    const key = name as keyof TrainConfig;
    if (value === undefined || MAY_CHANGE_ON_RESUME.has(key) || run[key] === value) continue;
    const flag = flagOf(key, flags);
    const given = flag.startsWith('--set ') ? `${flag}=${value}` : `${flag} ${value}`;
    throw new AccelganError(
      `cannot resume: ${given} differs from the run's ${String(run[key])}; a resumed run keeps its config (train a new run to change it)`,
      2,
    );
  }
  const budget =
    requested.steps != null || requested.minutes != null
      ? { steps: requested.steps ?? null, minutes: requested.minutes ?? null }
      : {};
  const operational = Object.fromEntries(
    [...MAY_CHANGE_ON_RESUME].filter((key) => requested[key] !== undefined).map((key) => [key, requested[key]]),
  );
  const config: TrainConfig = { ...run, ...operational, ...budget };
  checkConfig(config, flags);
  return config;
}

/**
 * Removes the run files of a directory about to hold a new run, with `force`; without it
 * a directory holding anything but its lock is refused.
 */
async function emptyRunDirectory(runDir: string, force: boolean): Promise<void> {
  const paths = runPaths(runDir);
  const names = (await readdir(runDir)).filter((name) => join(runDir, name) !== paths.lock);
  if (names.length === 0) return;
  if (!force)
    throw new AccelganError(
      `run directory ${runDir} is not empty; use --resume to continue it or --force to start over`,
    );
  for (const path of [paths.checkpoint, paths.config, paths.record, paths.metrics]) await rm(path, { force: true });
}

/** run.json's segments so far; a segment still "running" ended without a record. */
async function previousSegments(path: string): Promise<RunSegment[]> {
  let record: Record<string, unknown>;
  try {
    record = JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;
  } catch {
    return [];
  }
  const segments = Array.isArray(record.segments)
    ? (record.segments as RunSegment[])
    : // Written before segments were kept: the record is of one invocation.
      [
        {
          fromStep: null,
          toStep: typeof record.step === 'number' ? record.step : null,
          threads: typeof record.threads === 'number' ? record.threads : null,
          backend: (record.backend as BackendInfo | undefined)?.name ?? null,
          startedAt: String(record.startedAt ?? ''),
          endedAt: typeof record.finishedAt === 'string' ? record.finishedAt : null,
          status: record.status as RunSegment['status'],
        },
      ];
  return segments.map((s) => (s.status === 'running' ? { ...s, status: 'killed' } : s));
}

/** metrics.csv's rows up to `step`, so that the log matches the weights it resumes. */
async function metricsUpTo(path: string, step: number): Promise<string[]> {
  const old = await readFile(path, 'utf8').catch(() => '');
  return old
    .split('\n')
    .slice(1)
    .filter((line) => line && Number(line.split(',')[0]) <= step);
}

function formatNumber(value: number | string): string {
  return typeof value === 'number' && !Number.isInteger(value) ? value.toPrecision(6) : String(value);
}

/** Versions of everything that can change a result: accelgan's packages, TensorFlow.js, Node. */
export function versions(backend?: BackendInfo): Record<string, string> {
  const own = (pkg: string) => {
    try {
      // src/ and dist/ both sit one level below the package root.
      const url = new URL(`../../${pkg}/package.json`, import.meta.url);
      return (JSON.parse(readFileSync(url, 'utf8')) as { version: string }).version;
    } catch {
      return 'unknown';
    }
  };
  return {
    '@accelgan/train': own('train'),
    '@accelgan/model': own('model'),
    '@accelgan/data': own('data'),
    '@tensorflow/tfjs-core': tf.version_core,
    node: process.versions.node,
    platform: `${process.platform}-${process.arch}`,
    ...(backend ? { backend: backend.name } : {}),
  };
}
