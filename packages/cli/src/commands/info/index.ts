import type { CommandModule } from 'yargs';
import type { InfoArgs } from './options.js';

/** `accelgan info`: what a dataset (or any windows file) holds. */
export const info: CommandModule<object, InfoArgs> = {
  command: 'info [file]',
  describe:
    'Show counts by class, subtype, user and split, and value ranges, of a dataset or any windows file; or which backend runs here',
  builder: (y) =>
    y
      .positional('file', { type: 'string', describe: 'DATASET.arrow, OSDB JSON or CSV, or a windows CSV' })
      .option('backend', {
        type: 'boolean',
        default: false,
        describe: 'Show which TensorFlow.js backends load here and which one auto picks',
      })
      .check((a) => (a.file || a.backend ? true : 'name a file, or use --backend'))
      .example('$0 info seizures.arrow', 'Describe an ingested dataset')
      .example('$0 info synthetic.csv', 'Describe generated windows')
      .example('$0 info --backend', 'Which backend training would use on this machine, and why'),
  handler: async (args) => (await import('./handler.js')).runInfo(args),
};
