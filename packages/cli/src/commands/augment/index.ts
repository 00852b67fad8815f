import type { CommandModule } from 'yargs';
import type { AugmentArgs } from './options.js';
import { checkNumbers, integer, SEED } from '../../validate.js';

/** `accelgan augment`: a fold's trainDataAugmented.csv for the OSDB toolkit, from that fold's trainData.csv alone. */
export const augment: CommandModule<object, AugmentArgs> = {
  command: 'augment <input>',
  describe:
    "Write an OSDB toolkit fold's trainDataAugmented.csv: its trainData.csv rows unchanged, then synthetic seizure rows from a GAN trained on that file alone",
  builder: (y) =>
    y
      .positional('input', {
        type: 'string',
        demandOption: true,
        describe: "The fold's trainData.csv, as the toolkit's splitData.py wrote it",
      })
      .option('out', {
        type: 'string',
        demandOption: true,
        describe: 'The file to write, FOLD/trainDataAugmented.csv (then the toolkit skips its own augmentation)',
      })
      .option('run', {
        type: 'string',
        describe:
          'A run trained on this file (accelgan train FOLD/trainData.csv); refused unless its recorded fingerprint of training rows is this file’s',
      })
      .option('run-out', {
        type: 'string',
        describe: 'Where to train when no --run is given (default beside --out: trainDataAugmented-run/)',
      })
      .option('minutes', { type: 'number', describe: 'Training budget in minutes when no --run is given' })
      .option('steps', {
        type: 'number',
        describe: 'Training steps when no --run is given (default 2000 when --minutes is not given)',
      })
      .option('arch', { type: 'string', describe: 'Architecture to train when no --run is given (default styled)' })
      .option('ratio', {
        type: 'number',
        default: 1,
        describe: 'Synthetic seizure rows per real seizure row (type 1)',
      })
      .option('classic', {
        type: 'boolean',
        default: false,
        describe:
          "Also append the toolkit's own noise (10 copies, 30 mg) and phase (step 5) augmentation of the real seizure rows, which it skips when this file exists",
      })
      .option('seed', { type: 'number', default: 1, describe: 'Seed of training, generation and the classic noise' })
      .option('force', {
        type: 'boolean',
        default: false,
        describe: 'Replace an existing --out, and train again in a non-empty --run-out',
      })
      .option('backend', {
        choices: ['auto', 'node', 'wasm', 'cpu'] as const,
        default: 'auto' as const,
        describe: 'TensorFlow.js backend',
      })
      .option('threads', {
        type: 'number',
        describe: 'Worker threads (default: ACCELGAN_THREADS, else one per core; 1 = in-process)',
      })
      .conflicts('run', ['minutes', 'steps', 'run-out', 'arch'])
      .check((args) =>
        checkNumbers(args, {
          minutes: { above: 0, max: 100_000, says: 'above 0 and at most 100,000' },
          steps: integer(1, 100_000_000),
          ratio: { min: 0, max: 1000, says: 'from 0 to 1,000' },
          seed: SEED,
          threads: integer(1, 1024),
        }),
      )
      .example(
        '$0 augment output/deep/1/fold0/trainData.csv --out output/deep/1/fold0/trainDataAugmented.csv --minutes 15',
        "Train on fold 0's training rows for 15 minutes (kept in fold0/trainDataAugmented-run/), then add as many synthetic seizure rows as real ones",
      )
      .example(
        '$0 augment fold0/trainData.csv --out fold0/trainDataAugmented.csv --run fold0-run --ratio 2 --classic',
        "Use a run trained on that file; twice as many synthetic seizure rows, plus the toolkit's noise and phase augmentation",
      ),
  handler: async (args) => (await import('./handler.js')).runAugment(args),
};
