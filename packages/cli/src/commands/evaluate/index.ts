import type { CommandModule } from 'yargs';
import type { EvaluateArgs } from './options.js';
import { checkNumbers, integer, SEED } from '../../validate.js';

/** `accelgan evaluate`: how realistic are synthetic windows? Metrics, plots and an HTML report. */
export const evaluate: CommandModule<object, EvaluateArgs> = {
  command: 'evaluate',
  describe: 'Compare synthetic windows with real ones: metrics, plots and a self-contained HTML report',
  builder: (y) =>
    y
      .option('real', {
        type: 'string',
        array: true,
        demandOption: true,
        describe: 'Real windows: Arrow dataset, OSDB JSON/CSV or windows CSV (held-out, or a dataset with a val split)',
      })
      .option('synthetic', {
        type: 'string',
        array: true,
        demandOption: true,
        describe: "Synthetic windows, e.g. accelgan generate's CSV",
      })
      .option('out', {
        type: 'string',
        demandOption: true,
        describe: 'Report directory (report.html, metrics.json, plots/); created if missing',
      })
      .option('train', {
        type: 'string',
        array: true,
        describe: 'The real windows the generator was trained on (for the floor and the memorisation check)',
      })
      .option('losses', { type: 'string', describe: "A training run's metrics.csv, to plot its loss curves" })
      .option('seed', { type: 'number', default: 1, describe: 'Random seed (critics, subsamples, splits)' })
      .option('folds', { type: 'number', default: 5, describe: 'Cross-validation folds of the critics (by recording)' })
      .option('seeds', { type: 'number', default: 2, describe: 'Repetitions of the critics with different seeds' })
      .option('force', { type: 'boolean', default: false, describe: 'Overwrite an existing report' })
      .option('png', {
        type: 'boolean',
        default: false,
        describe: 'Also write each plot as plots/<id>.png at 2× (needs the optional dependency sharp)',
      })
      .option('events', {
        type: 'boolean',
        default: false,
        describe:
          'Also compare whole events (synthetic from accelgan generate --events): durations, courses, OSD alarms, 30 s critics',
      })
      .option('backend', {
        choices: ['auto', 'node', 'wasm', 'cpu'] as const,
        default: 'auto' as const,
        describe: 'TensorFlow.js backend for the CNN critic',
      })
      .check((args) => checkNumbers(args, { seed: SEED, folds: integer(2, 20), seeds: integer(1, 100) }))
      .example(
        '$0 evaluate --real dataset.arrow --synthetic synthetic.csv --out report',
        'Against the held-out (val) windows of an ingested dataset',
      )
      .example(
        '$0 evaluate --real val.arrow --train train.arrow --synthetic synthetic.csv --out report --losses run/metrics.csv',
        'With the training windows and the loss curves',
      )
      .example(
        '$0 evaluate --real dataset.arrow --synthetic events.json --events --out report',
        "Whole synthetic events against the dataset's validation events",
      ),
  handler: async (args) => (await import('./handler.js')).runEvaluate(args),
};
