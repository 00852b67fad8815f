import { evaluate } from '@accelgan/eval';
import type { EvaluateArgs } from './options.js';
import { StatusLine, bar, formatDuration } from '../../progress.js';
import { printEvaluationSummary } from '../../summary.js';

/** Runs the evaluation, printing stage names to stderr and the headline figures at the end. */
export async function runEvaluate(args: EvaluateArgs): Promise<void> {
  const status = new StatusLine();
  const t0 = performance.now();
  let current = '';
  const result = await evaluate({
    real: args.real,
    synthetic: args.synthetic,
    train: args.train,
    outDir: args.out,
    seed: args.seed,
    folds: args.folds,
    seeds: args.seeds,
    force: args.force,
    png: args.png,
    events: args.events,
    backend: args.backend,
    lossesCsv: args.losses,
    onProgress: (stage, fraction) => {
      if (stage !== current) {
        status.done();
        process.stderr.write(`${stage}…\n`);
        current = stage;
      }
      if (fraction !== undefined) status.update(`  ${bar(fraction)} ${stage}`);
    },
  });
  status.done();
  printEvaluationSummary(result);
  process.stderr.write(`evaluated in ${formatDuration((performance.now() - t0) / 1000)}\n`);
}
