import { resolve } from 'node:path';
import { AccelganError } from '@accelgan/data';
import {
  RunDirectory,
  openTrainingData,
  train,
  type ConfigFlags,
  type TrainConfig,
  type TrainConfigOverrides,
  type DiscriminatorMemory,
} from '@accelgan/train';
import type { TrainArgs } from './options.js';
import { StatusLine, formatDuration, trainingProgressText } from '../../progress.js';
import { Interrupted, stopCleanly, type StopSignal } from '../../signals.js';
import { parseSettings } from '../../set-flags.js';

export async function runTrain(args: TrainArgs): Promise<void> {
  const { overrides, flags } = requestedConfig(args);
  if (args.threads !== undefined && !(Number.isInteger(args.threads) && args.threads >= 1))
    throw new AccelganError(`--threads must be a positive integer, got ${args.threads}`, 2);
  // A signal (Ctrl-C, SIGTERM, SIGHUP): finish the current step, save a checkpoint, mark
  // run.json "interrupted", then exit 128 + its number; a second signal quits at once.
  const abort = new AbortController();
  let stoppedBy: StopSignal = 'SIGINT';
  const release = stopCleanly((signal) => {
    stoppedBy = signal;
    abort.abort();
    process.stderr.write(`\n${signal}: saving a checkpoint (a second signal quits without one)\n`);
  });
  try {
    // The run directory is locked and, on resume, its config read from the checkpoint
    // (which re-ingests OSDB files exactly as before) before the data is opened.
    const run = await RunDirectory.open({
      runDir: args.out,
      requested: overrides,
      resume: args.resume,
      force: args.force,
      flags,
      onNote: (line) => process.stderr.write(`accelgan: ${line}\n`),
    });
    const { config } = run;
    const dataset = await openTrainingData(args.data, config).catch(async (error: unknown) => {
      await run.close();
      throw error;
    });
    if (abort.signal.aborted) {
      await run.close();
      throw new Interrupted(stoppedBy);
    }
    const status = new StatusLine();
    const result = await train({
      run,
      dataset,
      datasetSources: args.data.map((path) => resolve(path)),
      signal: abort.signal,
      threads: args.threads,
      onStart: ({ backend, windows, step, threads, fittedToData }) =>
        process.stderr.write(
          `training ${config.arch} on ${windows} windows with ${backend.name}${threads > 1 ? ` on ${threads} threads` : ''}` +
            `${step ? `, resuming at step ${step}` : ''} ` +
            `(${budget(config)}; seed ${config.seed})\n` +
            (fittedToData ? `${fittedToData}\n` : ''),
        ),
      onProgress: (p) => status.update(trainingProgressText(p)),
    });
    status.done();
    const l = result.lastLosses;
    process.stderr.write(
      `${result.interrupted ? 'stopped' : 'done'} at step ${result.step} in ${formatDuration(result.elapsedSeconds)} on ${result.backend.name}` +
        (l ? ` (d_loss ${l.dLoss.toFixed(3)}, g_loss ${l.gLoss.toFixed(3)})` : '') +
        `\ncheckpoint: ${result.checkpointPath}\n` +
        (result.discriminatorMemory ? `${memoryText(result.discriminatorMemory)}\n` : ''),
    );
    if (result.interrupted) {
      process.stderr.write(`resume with: accelgan train ${args.data.join(' ')} --out ${args.out} --resume\n`);
      throw new Interrupted(stoppedBy);
    }
  } finally {
    release();
  }
}

/** The trained discriminator's mean logits in a line; a gap between the first two is memory (TrainResult.discriminatorMemory). */
function memoryText({ training, heldOut, generated }: DiscriminatorMemory): string {
  const logit = (v: number) => {
    const digits = Math.abs(v).toFixed(2);
    return `${digits === '0.00' ? '±' : v > 0 ? '+' : '−'}${digits}`;
  };
  const held = heldOut ? `, ${logit(heldOut.meanLogit)} on held-out real` : ' (no held-out windows to compare)';
  return `discriminator's mean logit: ${logit(training.meanLogit)} on training windows${held}, ${logit(generated.meanLogit)} on generated`;
}

function budget(config: TrainConfig): string {
  const parts = [
    config.steps != null ? `to step ${config.steps}` : '',
    config.minutes != null ? `at most ${config.minutes} min` : '',
  ];
  return parts.filter(Boolean).join(', ');
}

/**
 * The config values this invocation gives, and how each was given (for error lines):
 * only what the user typed, so that on resume an unset flag's default cannot contradict
 * the run's config, and an unset `--batch` cannot hide `--set batchSize`.
 */
function requestedConfig(args: TrainArgs): { overrides: TrainConfigOverrides; flags: ConfigFlags } {
  const settings = parseSettings(args.set ?? []) as TrainConfigOverrides;
  const flags: ConfigFlags = Object.fromEntries(Object.keys(settings).map((key) => [key, `--set ${key}`]));
  if (args.batch !== undefined && settings.batchSize !== undefined && args.batch !== settings.batchSize)
    throw new AccelganError(`--batch ${args.batch} and --set batchSize=${settings.batchSize} disagree; give one`, 2);
  if (args.batch !== undefined) flags.batchSize = '--batch';
  const given: TrainConfigOverrides = {
    arch: args.arch,
    condition: args.condition,
    steps: args.steps,
    minutes: args.minutes,
    batchSize: args.batch,
    seed: args.seed,
    backend: args.backend,
    windowSeconds: args['window-seconds'],
    valFraction: args['val-fraction'],
    logEvery: args['log-every'],
    checkpointMinutes: args['checkpoint-minutes'],
  };
  const typed = Object.fromEntries(Object.entries(given).filter(([, value]) => value !== undefined));
  return { overrides: { ...settings, ...typed }, flags };
}
