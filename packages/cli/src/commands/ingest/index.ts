import type { CommandModule } from 'yargs';
import type { IngestArgs } from './options.js';
import { checkNumbers, SEED } from '../../validate.js';

/** Window and stride lengths: whole datapoints, up to the longest event accelgan lays out. */
const SECONDS = { multipleOf: 5, min: 5, max: 3600, says: 'a multiple of 5 seconds from 5 to 3,600' };

/** `accelgan ingest`: OSDB recordings (JSON or CSV) to a windowed, split, normalised Arrow dataset. */
export const ingest: CommandModule<object, IngestArgs> = {
  command: 'ingest <inputs..>',
  describe: 'Cut OSDB recordings (JSON or CSV) into labelled windows: an Arrow dataset with a .meta.json sidecar',
  builder: (y) =>
    y
      .positional('inputs', {
        type: 'string',
        array: true,
        demandOption: true,
        describe: 'OSDB JSON or CSV files (also windows CSV, Arrow datasets)',
      })
      .option('out', {
        type: 'string',
        demandOption: true,
        describe: 'Dataset to write, DATASET.arrow (and DATASET.meta.json)',
      })
      .option('window-seconds', {
        type: 'number',
        describe: 'Window length, a multiple of 5 (default 5: one OSDB datapoint)',
      })
      .option('stride-seconds', {
        type: 'number',
        describe: 'Step between windows, a multiple of 5 up to the window (default 5)',
      })
      .option('types', {
        type: 'string',
        array: true,
        describe: 'Keep only these event types, e.g. Seizure "False Alarm" (default: all)',
      })
      .option('subtypes', {
        type: 'string',
        array: true,
        describe: 'Keep only these subtypes, e.g. Tonic-Clonic Aura (default: all)',
      })
      .option('users', { type: 'string', array: true, describe: 'Keep only these user ids (default: all)' })
      .option('val-fraction', { type: 'number', default: 0.2, describe: 'Fraction of events held out for validation' })
      .option('seed', { type: 'number', default: 1, describe: 'Seed of the train/val split' })
      .option('scale', {
        choices: ['minmax', 'minmax01', 'zscore', 'none'] as const,
        default: 'minmax' as const,
        describe: 'Normalisation, fitted on training windows',
      })
      .option('force', { type: 'boolean', default: false, describe: 'Overwrite an existing dataset' })
      .check((args) =>
        checkNumbers(args, {
          'window-seconds': SECONDS,
          'stride-seconds': SECONDS,
          'val-fraction': { min: 0, below: 1, says: 'at least 0 and below 1' },
          seed: SEED,
        }),
      )
      .example(
        '$0 ingest osdb_3min_allSeizures.json --out seizures.arrow',
        'Five-second windows, 20% of events for validation, scaled to [-1, 1]',
      )
      .example(
        '$0 ingest a.json b.csv --out tc.arrow --subtypes Tonic-Clonic --window-seconds 10 --seed 7',
        'Tonic-clonic events only, 10 s windows',
      ),
  handler: async (args) => (await import('./handler.js')).runIngest(args),
};
