import type { CommandModule } from 'yargs';
import type { TrainArgs } from './options.js';

/** `accelgan train`: fit a conditional GAN and write a run directory. */
export const train: CommandModule<object, TrainArgs> = {
  command: 'train <data..>',
  describe: 'Train a conditional GAN on an Arrow dataset (or OSDB JSON, ingested on the fly)',
  builder: (y) =>
    y
      .positional('data', {
        type: 'string',
        array: true,
        demandOption: true,
        describe: 'DATASET.arrow, or OSDB JSON/CSV files',
      })
      .option('out', { type: 'string', demandOption: true, describe: 'Run directory to write' })
      .option('arch', { type: 'string', describe: 'Architecture (see accelgan models); default styled' })
      .option('condition', {
        choices: ['ictal', 'subtype', 'phase', 'none'] as const,
        describe:
          'What the GAN is conditioned on (default ictal; phase: where in its event a window lies, for --events)',
      })
      .option('steps', {
        type: 'number',
        describe: 'Total generator updates (default 2000 when --minutes is not given)',
      })
      .option('minutes', { type: 'number', describe: 'Wall-clock budget for this invocation' })
      .option('batch', { type: 'number', describe: "Batch size (default: the architecture's)" })
      .option('seed', { type: 'number', describe: 'Random seed (default 0): same seed and backend, same weights' })
      .option('resume', {
        type: 'boolean',
        describe:
          "Continue the run directory's checkpoint with its config; only --steps, --minutes, --backend, --threads, --log-every and --checkpoint-minutes may change",
      })
      .option('force', { type: 'boolean', describe: 'Start over in a non-empty run directory' })
      .option('backend', {
        choices: ['auto', 'node', 'wasm', 'cpu'] as const,
        describe: 'TensorFlow.js backend (default auto)',
      })
      .option('threads', {
        type: 'number',
        describe: 'Worker threads (default: ACCELGAN_THREADS, else one per core; 1 = in-process)',
      })
      .option('window-seconds', { type: 'number', describe: 'Window length when ingesting OSDB files (default 5)' })
      .option('val-fraction', {
        type: 'number',
        describe: 'Validation events when ingesting OSDB files (default 0.2)',
      })
      .option('log-every', { type: 'number', describe: 'Steps between metrics.csv rows (default 10)' })
      .option('checkpoint-minutes', { type: 'number', describe: 'Minutes between checkpoints (default 2)' })
      .option('set', {
        type: 'string',
        array: true,
        describe:
          'Override an architecture training default, KEY=VALUE (keys as in accelgan models --json), e.g. learningRateG=2e-4',
      })
      .conflicts('resume', 'force')
      .example('$0 train data.arrow --out run --minutes 10', 'Train the default architecture for ten minutes')
      .example(
        '$0 train osdb.json --out run --arch seed --steps 500 --seed 3',
        'Train the prototype baseline straight from OSDB JSON',
      )
      .example('$0 train data.arrow --out run --resume --steps 4000', 'Continue a run to 4000 steps')
      .example(
        '$0 train osdb.json --out run --condition phase --minutes 15',
        'Learn each phase of the events (before, early/mid/late seizure, after) for accelgan generate --events',
      )
      .example(
        '$0 train data.arrow --out run --set statisticsWeight=0 --set emaDecay=0.99',
        'Change training defaults of the architecture',
      ),
  handler: async (args) => (await import('./handler.js')).runTrain(args),
};
