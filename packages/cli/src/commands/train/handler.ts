import { resolve } from 'node:path';
import { AccelganError } from '@accelgan/data';
import {
  TRAINING_DEFAULT_KEYS,
  loadCheckpoint,
  openTrainingData,
  resolveConfig,
  runPaths,
  train,
  type TrainConfig,
  type TrainConfigOverrides,
  type TrainProgress,
  type DiscriminatorMemory,
} from '@accelgan/train';
import type { TrainArgs } from './options.js';
import { StatusLine, bar, formatDuration } from '../../progress.js';

export async function runTrain(args: TrainArgs): Promise<void> {
  const requested = resolveConfig({
    ...parseSettings(args.set ?? []),
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
  });
  // A resumed run keeps its own config (and so re-ingests OSDB files exactly as before);
  // only the budget comes from the command line.
  const config: TrainConfig = args.resume
    ? resumedConfig((await loadCheckpoint(runPaths(args.out).checkpoint)).header.config, args)
    : requested;
  const dataset = await openTrainingData(args.data, config);

  // Ctrl-C: finish the current step, save a checkpoint, then exit 130 (128 + SIGINT).
  const abort = new AbortController();
  const onSigint = () => {
    if (abort.signal.aborted) process.exit(130); // a second Ctrl-C means now
    abort.abort();
    process.stderr.write('\ninterrupted: saving a checkpoint (Ctrl-C again to quit without one)\n');
  };
  process.on('SIGINT', onSigint);
  const status = new StatusLine();
  try {
    const result = await train({
      dataset,
      datasetSources: args.data.map((path) => resolve(path)),
      config,
      runDir: args.out,
      resume: args.resume,
      force: args.force,
      signal: abort.signal,
      threads: args.threads,
      onStart: ({ backend, windows, step, threads, fittedToData }) =>
        process.stderr.write(
          `training ${config.arch} on ${windows} windows with ${backend.name}${threads > 1 ? ` on ${threads} threads` : ''}` +
            `${step ? `, resuming at step ${step}` : ''} ` +
            `(${budget(config)}; seed ${config.seed})\n` +
            (fittedToData ? `${fittedToData}\n` : ''),
        ),
      onProgress: (p) => status.update(progressText(p)),
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
      process.exitCode = 130;
    }
  } finally {
    process.off('SIGINT', onSigint);
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

function progressText(p: TrainProgress): string {
  const fraction = p.targetSteps
    ? p.step / p.targetSteps
    : p.etaSeconds != null
      ? p.elapsedSeconds / (p.elapsedSeconds + p.etaSeconds)
      : 0;
  const eta = p.etaSeconds != null ? ` eta ${formatDuration(p.etaSeconds)}` : '';
  return (
    `${bar(fraction)} step ${p.step}${p.targetSteps ? `/${p.targetSteps}` : ''}` +
    ` d_loss ${p.losses.dLoss.toFixed(3)} g_loss ${p.losses.gLoss.toFixed(3)}` +
    ` ${p.stepsPerSecond.toFixed(1)} it/s elapsed ${formatDuration(p.elapsedSeconds)}${eta}`
  );
}

/** The saved config with this invocation's budget: new flags win, else the saved budget holds. */
function resumedConfig(saved: TrainConfig, args: TrainArgs): TrainConfig {
  if (args.steps == null && args.minutes == null) return saved;
  return { ...saved, steps: args.steps ?? null, minutes: args.minutes ?? null };
}

function budget(config: TrainConfig): string {
  const parts = [
    config.steps != null ? `to step ${config.steps}` : '',
    config.minutes != null ? `at most ${config.minutes} min` : '',
  ];
  return parts.filter(Boolean).join(', ');
}

/** `--set KEY=VALUE` pairs as config overrides: numbers where the default is a number. */
function parseSettings(pairs: readonly string[]): TrainConfigOverrides {
  const overrides: Record<string, number | string> = {};
  for (const pair of pairs) {
    const match = /^([A-Za-z0-9]+)=(.+)$/.exec(pair.trim());
    const key = match?.[1];
    if (!match || !key) throw new AccelganError(`--set expects KEY=VALUE, got "${pair}"`);
    const kind = TRAINING_DEFAULT_KEYS[key as keyof typeof TRAINING_DEFAULT_KEYS];
    if (!kind)
      throw new AccelganError(`--set: unknown key "${key}"; keys: ${Object.keys(TRAINING_DEFAULT_KEYS).join(', ')}`);
    const value = match[2]!;
    if (kind === 'number') {
      const number = Number(value);
      if (!Number.isFinite(number)) throw new AccelganError(`--set ${key} must be a number, got "${value}"`);
      overrides[key] = number;
    } else overrides[key] = value;
  }
  return overrides as TrainConfigOverrides;
}
