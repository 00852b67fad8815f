import type { CommandModule } from 'yargs';
import type { GenerateArgs } from './options.js';
import { checkNumbers, integer, SEED } from '../../validate.js';

/** Flags that only make sense for whole events. */
const EVENT_FLAGS = ['duration', 'seizure-duration', 'onset', 'subtype', 'rho', 'seam', 'seam-taper'] as const;

/** Events are at most 3,600 s long (MAX_EVENT_SECONDS); a seizure must begin inside one. */
const NUMBERS = {
  n: integer(1, 1_000_000_000),
  events: integer(1, 10_000),
  duration: { multipleOf: 5, min: 10, max: 3600, says: 'a multiple of 5 seconds from 10 to 3,600' },
  'seizure-duration': { above: 0, max: 3600, says: 'more than 0 and at most 3,600 seconds' },
  onset: {
    min: -3600,
    max: 3590,
    says: 'from -3,600 to 3,590 seconds, so that the seizure begins inside an event of at most 3,600 s',
  },
  rho: { min: 0, below: 1, says: 'at least 0 and below 1' },
  'seam-taper': integer(1, 125),
  seed: SEED,
  threads: integer(1, 256),
};

/** `accelgan generate`: sample synthetic windows, or whole events, from a trained run, in milli-g. */
export const generate: CommandModule<object, GenerateArgs> = {
  command: 'generate <run>',
  describe: 'Generate synthetic windows, or whole events, from a trained run (.json = OSDB events, .csv, .arrow)',
  builder: (y) =>
    y
      .positional('run', { type: 'string', demandOption: true, describe: 'Run directory written by accelgan train' })
      .option('n', { type: 'number', describe: 'Number of windows' })
      .option('events', {
        type: 'number',
        describe: 'Number of whole events instead (needs a run trained with --condition phase)',
      })
      .option('out', { type: 'string', demandOption: true, describe: 'Output file; its extension picks the format' })
      .option('label', {
        type: 'string',
        describe: 'Class to generate (ictal, non-ictal, or a subtype); default: training proportions',
      })
      .option('duration', {
        type: 'number',
        describe: 'Events: length in seconds, a multiple of 5 (default: drawn from the training events)',
      })
      .option('seizure-duration', { type: 'number', describe: 'Events: seizure length in seconds (default: drawn)' })
      .option('onset', {
        type: 'number',
        describe: 'Events: seizure onset, seconds from the event start; negative = before it (default: drawn)',
      })
      .option('subtype', {
        type: 'string',
        describe: 'Events: draw events of this OSDB subtype only (e.g. Tonic-Clonic)',
      })
      .option('rho', {
        type: 'number',
        describe: 'Events: latent correlation of consecutive 5 s windows, in [0, 1) (default 0.98)',
      })
      .option('seam', {
        choices: ['none', 'level', 'bridge'] as const,
        describe: 'Events: how windows are joined (default bridge: a window generated across each boundary)',
      })
      .option('seam-taper', {
        type: 'number',
        describe:
          'Events: samples over which the seams cross-fade (bridge) or the level offset fades (level); default 12',
      })
      .option('seed', { type: 'number', default: 0, describe: 'Random seed' })
      .option('force', { type: 'boolean', default: false, describe: 'Overwrite an existing output file' })
      .option('backend', {
        choices: ['auto', 'node', 'wasm', 'cpu'] as const,
        default: 'auto' as const,
        describe: 'TensorFlow.js backend',
      })
      .option('threads', {
        type: 'number',
        describe: 'Worker threads (default: ACCELGAN_THREADS, else one per core; 1 = in-process)',
      })
      .check((args) => checkNumbers(args, NUMBERS))
      .conflicts('n', 'events')
      .conflicts('label', 'events')
      .check((args) => {
        if (args.n === undefined && args.events === undefined)
          return 'Name how many: -n N windows, or --events N whole events.';
        const stray = EVENT_FLAGS.filter((flag) => args[flag] !== undefined);
        if (args.events === undefined && stray.length)
          return `--${stray[0]} applies to whole events only; add --events N.`;
        return true;
      })
      .example(
        '$0 generate run -n 1000 --out synthetic.csv',
        'A thousand windows, classes in training proportions, as CSV',
      )
      .example('$0 generate run -n 50 --label ictal --out seizures.json', 'Fifty ictal windows as OSDB events')
      .example(
        '$0 generate run --events 20 --out events.json',
        'Twenty whole events laid out like the training events (run trained with --condition phase)',
      )
      .example(
        '$0 generate run --events 5 --duration 150 --subtype Tonic-Clonic --out tc.json',
        'Five 150 s events of tonic-clonic seizures',
      ),
  handler: async (args) => (await import('./handler.js')).runGenerate(args),
};
