import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { AccelganError } from '@accelgan/data';
import {
  collectStudy,
  planStudy,
  readPlan,
  runStudy,
  runStudyUnit,
  runStudyUnits,
  STUDY_DEFAULTS,
  type CollectResult,
  type PoolProgress,
  type PoolResult,
  type StudyOptions,
  type StudyPlan,
} from '@accelgan/workflows';
import { StatusLine, formatDuration } from '../../progress.js';
import type { StudyAllArgs, StudyCollectArgs, StudyPlanArgs, StudyPlanOnlyArgs, StudyRunArgs } from './options.js';
import { parseSettings } from '../../set-flags.js';

export async function runStudyPlan(args: StudyPlanOnlyArgs): Promise<void> {
  const { plan } = await planStudy(args.inputs, args.out, studyOptions(args), { force: args.force });
  printPlan(plan, args.out);
}

export async function runStudyRun(args: StudyRunArgs): Promise<void> {
  if (args.index !== undefined) {
    await runOne(args.study, args.index, args.quiet, args.wait);
    return;
  }
  const result = await runPool(args.study, args.workers, args.quiet);
  if (!finishPool(result, args.study)) return;
  process.stderr.write(`every unit is done; collect with: accelgan study collect ${args.study}\n`);
}

export async function runStudyCollect(args: StudyCollectArgs): Promise<void> {
  printCollected(await collectStudy(args.study));
}

export async function runStudyAll(args: StudyAllArgs): Promise<void> {
  const workers = workersOf(args.workers);
  const status = new StatusLine();
  const result = await runStudy(args.inputs, args.out, studyOptions(args), {
    workers,
    launch: launcher(args.out),
    onPlanned: (planned) =>
      process.stderr.write(
        `${planned ? 'planned' : 'continuing'} the study in ${args.out}; ${workers} unit${workers > 1 ? 's' : ''} at a time\n`,
      ),
    onProgress: (p) => status.update(progressText(p)),
    onFailure: (unit, message) => {
      status.done();
      process.stderr.write(`unit ${unit.index} (${unit.name}) failed: ${message}\n`);
    },
  }).finally(() => status.done());
  if (!finishPool(result.pool, args.out)) return;
  if (result.collected) printCollected(result.collected);
}

/** The plan's options from the flags, over STUDY_DEFAULTS. */
function studyOptions(args: StudyPlanArgs): StudyOptions {
  const list = (text: string) =>
    text
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  const ratios = list(args.ratios).map(Number);
  return {
    folds: args.folds,
    seeds: args.seeds,
    seed: args.seed,
    gan: {
      steps: args['gan-minutes'] !== undefined ? null : (args['gan-steps'] ?? STUDY_DEFAULTS.gan.steps),
      minutes: args['gan-minutes'] ?? null,
      arch: args.arch ?? null,
      condition: args.condition,
      threads: args['gan-threads'],
      set: parseSettings(args.set ?? []),
    },
    ratios,
    classicMultiple: args['classic-multiple'],
    classic: { noiseCopies: args['noise-copies'], noiseMg: args['noise-mg'], phaseStep: args['phase-step'] },
    detectors: list(args.detectors),
    cnn: {
      ...STUDY_DEFAULTS.cnn,
      steps: args['cnn-steps'],
      filters: args['cnn-filters'],
      layers: args['cnn-layers'],
      batchSize: args['cnn-batch'],
    },
    trees: { ...STUDY_DEFAULTS.trees, iterations: args['tree-iterations'], maxLeaves: args['tree-leaves'] },
    backend: args.backend,
  };
}

function workersOf(workers: number | undefined): number {
  const p = workers ?? availableParallelism();
  if (!Number.isInteger(p) || p < 1)
    throw new AccelganError(`--workers must be a whole number of at least 1; got ${p}`, 2);
  return p;
}

async function runOne(dir: string, index: number, quiet: boolean, wait: boolean): Promise<void> {
  const plan = await readPlan(dir);
  const unit = plan.units[index];
  const status = new StatusLine();
  const t0 = performance.now();
  const outcome = await runStudyUnit(dir, index, {
    wait,
    onNote: (line) => process.stderr.write(`${line}\n`),
    onProgress:
      quiet || !unit ? undefined : (f) => status.update(`unit ${index} (${unit.name}): ${(100 * f).toFixed(0)}%`),
  }).finally(() => status.done());
  if (quiet) return;
  const name = unit ? ` (${unit.name})` : '';
  process.stderr.write(
    outcome === 'done'
      ? `unit ${index}${name} is already done\n`
      : `unit ${index}${name} done in ${formatDuration((performance.now() - t0) / 1000)}\n`,
  );
}

async function runPool(dir: string, workers: number | undefined, quiet: boolean): Promise<PoolResult> {
  const p = workersOf(workers);
  const status = new StatusLine();
  return runStudyUnits(dir, {
    workers: p,
    launch: launcher(dir),
    onProgress: quiet ? undefined : (progress) => status.update(progressText(progress)),
    onFailure: (unit, message) => {
      status.done();
      process.stderr.write(`unit ${unit.index} (${unit.name}) failed: ${message}\n`);
    },
  }).finally(() => status.done());
}

/** Says what failed; false where something did (and sets the exit code). */
function finishPool(result: PoolResult, dir: string): boolean {
  if (!result.failed.length && !result.blocked.length) return true;
  process.stderr.write(
    `accelgan: ${result.failed.length} unit${result.failed.length === 1 ? '' : 's'} failed` +
      (result.blocked.length ? ` and ${result.blocked.length} could not run after them` : '') +
      `; fix the cause and run accelgan study run ${dir} again (units done are kept)\n`,
  );
  process.exitCode = 1;
  return false;
}

function progressText(p: PoolProgress): string {
  const eta = p.etaSeconds === null ? 'ETA after the first units' : `ETA ${formatDuration(p.etaSeconds)}`;
  return `study: ${p.done}/${p.total} units done, ${p.running} running, ${p.remaining} to go${p.failed ? `, ${p.failed} failed` : ''}; ${eta}`;
}

/** Runs a unit as `accelgan study run DIR --index I --quiet` in a child process; rejects with its error line. */
function launcher(dir: string): (index: number) => Promise<void> {
  const bin = cliEntry();
  return (index) =>
    new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [bin, 'study', 'run', dir, '--index', String(index), '--quiet'], {
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => {
        stderr = (stderr + chunk.toString()).slice(-4000);
      });
      child.on('error', reject);
      child.on('close', (code, signal) => {
        if (code === 0) return resolve();
        const last = stderr
          .trim()
          .split('\n')
          .pop()
          ?.replace(/^accelgan: /, '');
        reject(new Error(last || (signal ? `killed by ${signal}` : `exit code ${code}`)));
      });
    });
}

/** The built CLI's entry (from the TypeScript sources, as under vitest, the built one beside them). */
function cliEntry(): string {
  const here = import.meta.url;
  return fileURLToPath(new URL(here.endsWith('.ts') ? '../../../dist/bin.js' : '../../bin.js', here));
}

function printPlan(plan: StudyPlan, dir: string): void {
  const perStage = plan.units.length / 2;
  const o = plan.options;
  console.log(
    `planned ${plan.units.length} units in ${dir}: ${o.folds} folds × ${o.seeds} seeds (seeds ${o.seed}–${o.seed + o.seeds - 1}) × 2 stages, on ${plan.data.events} events of ${plan.data.users} users (${plan.data.windows} windows, ${plan.data.ictal} ictal)`,
  );
  console.log(`  units 0–${perStage - 1}: gan (train the GAN on the fold's training events, generate)`);
  console.log(
    `  units ${perStage}–${plan.units.length - 1}: detect (train and score the detectors); unit i needs unit i − ${perStage}`,
  );
  console.log(`run them: accelgan study run ${dir} --workers 2    (or --index I, one per job; see docs/usefulness.md)`);
}

function printCollected(result: CollectResult): void {
  for (const row of result.study.summary.rows) {
    const s = row.metrics.sensitivity;
    const f = row.metrics.falseAlarmsPerHour;
    const fmt = (x: number | null, d: number) => (x === null ? '—' : x.toFixed(d));
    const delta = row.vsReal?.sensitivity.meanDifference;
    console.log(
      `${row.detector.padEnd(6)} ${row.arm.padEnd(24)} sensitivity ${fmt(s.mean, 2)} ± ${fmt(s.sd, 2)}, false alarms/h ${fmt(f.mean, 2)} ± ${fmt(f.sd, 2)}` +
        (delta != null ? `, Δ sensitivity vs real ${delta >= 0 ? '+' : ''}${delta.toFixed(2)}` : ''),
    );
  }
  console.log(`study: ${result.jsonPath}\npage:  ${result.htmlPath}`);
}
