import { augment } from '@accelgan/workflows';
import type { AugmentArgs } from './options.js';
import { StatusLine, bar, formatDuration, trainingProgressText } from '../../progress.js';
import { Interrupted, stopCleanly, type StopSignal } from '../../signals.js';

export async function runAugment(args: AugmentArgs): Promise<void> {
  // A signal while training: finish the step, save the run's checkpoint, write no output, exit 128 + its number.
  const abort = new AbortController();
  let stoppedBy: StopSignal = 'SIGINT';
  const release = stopCleanly((signal) => {
    stoppedBy = signal;
    abort.abort();
    process.stderr.write(`\n${signal}: saving the run's checkpoint; nothing else is written\n`);
  });
  const status = new StatusLine();
  const say = (line: string) => {
    status.done();
    process.stderr.write(`${line}\n`);
  };
  try {
    const result = await augment({
      input: args.input,
      out: args.out,
      run: args.run,
      runOut: args['run-out'],
      minutes: args.minutes,
      steps: args.steps,
      arch: args.arch,
      ratio: args.ratio,
      classic: args.classic,
      seed: args.seed,
      force: args.force,
      backend: args.backend,
      threads: args.threads,
      signal: abort.signal,
      onStage: say,
      onNote: (line) => say(`accelgan: ${line}`),
      onTrainStart: ({ backend, windows, config }) =>
        say(`training on ${windows} windows with ${backend.name} (seed ${config.seed})`),
      onTrainProgress: (p) => status.update(trainingProgressText(p)),
      onTrained: (trained, run) =>
        say(
          `${trained.interrupted ? 'stopped' : 'trained'} to step ${trained.step} in ${formatDuration(trained.elapsedSeconds)} on ${trained.backend.name}; the run is ${run}`,
        ),
      onGenerateProgress: (done, total) => status.update(`${bar(done / total)} ${done}/${total} windows`),
    }).finally(() => status.done());
    const { rows } = result;
    if (result.interrupted) throw new Interrupted(stoppedBy);
    process.stderr.write(
      `${rows.real} real rows (${rows.realSeizure} seizure), then ${rows.synthetic} synthetic seizure rows` +
        `${args.classic ? ` and ${rows.classic} of the toolkit's noise and phase augmentation` : ''}\n` +
        `wrote ${result.out} (settings, run and versions in ${result.sidecar})\n`,
    );
  } finally {
    release();
  }
}
