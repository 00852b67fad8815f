import type { CommandModule } from 'yargs';
import type { ReportArgs } from './options.js';
import { checkNumbers, integer, SEED } from '../../validate.js';

/** `accelgan report`: generate from a run and evaluate it against the run's validation events. */
export const report: CommandModule<object, ReportArgs> = {
  command: 'report <run>',
  describe: "Generate from a trained run and evaluate it against the run's validation split",
  builder: (y) =>
    y
      .positional('run', { type: 'string', demandOption: true, describe: 'Run directory written by accelgan train' })
      .option('out', { type: 'string', describe: 'Report directory (default RUN/report)' })
      .option('n', {
        type: 'number',
        describe: 'Synthetic windows (default twice the validation windows, at least 1000)',
      })
      .option('seed', { type: 'number', default: 1, describe: 'Random seed for generation and the critics' })
      .option('draws', {
        type: 'number',
        default: 1,
        describe:
          'Generation draws to score: the report is the first (--seed); draw k uses seed + k − 1, and every figure gets its mean, range and how often it was good',
      })
      .option('force', { type: 'boolean', default: false, describe: 'Replace an existing report' })
      .option('png', {
        type: 'boolean',
        default: false,
        describe: 'Also write each plot as plots/<id>.png at 2× (needs the optional dependency sharp)',
      })
      .option('events', {
        type: 'number',
        describe:
          'Whole events to generate and compare (default 100 for runs trained with --condition phase, else none; 0 = none)',
      })
      .option('rho', {
        type: 'number',
        describe: 'Events: latent correlation of consecutive 5 s windows, in [0, 1) (default 0.98)',
      })
      .option('seam', {
        choices: ['none', 'level', 'bridge'] as const,
        describe: 'Events: how windows are joined (default bridge)',
      })
      .option('seam-taper', {
        type: 'number',
        describe:
          'Events: samples over which the seams cross-fade (bridge) or the level offset fades (level); default 12',
      })
      .option('backend', {
        choices: ['auto', 'node', 'wasm', 'cpu'] as const,
        default: 'auto' as const,
        describe: 'TensorFlow.js backend',
      })
      .check((args) =>
        checkNumbers(args, {
          n: integer(1, 1_000_000),
          seed: SEED,
          draws: integer(1, 100),
          events: integer(0, 10_000),
          rho: { min: 0, below: 1, says: 'at least 0 and below 1' },
          'seam-taper': integer(1, 125),
        }),
      )
      .example('$0 report run', 'Write run/report/report.html and run/report/metrics.json')
      .example(
        '$0 report run --draws 5 --out run/report-5',
        'Score five draws of the generator (seeds 1–5) and show how much each figure moves with the draw',
      )
      .example(
        '$0 report run --events 100 --rho 0 --seam none --out report-raw',
        'Whole events without latent continuity or seam handling, for comparison',
      ),
  handler: async (args) => (await import('./handler.js')).runReport(args),
};
