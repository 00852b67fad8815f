import type { CommandModule } from 'yargs';

export interface InfoArgs {
  file: string;
}

/** `accelgan info`: what a dataset (or any windows file) holds. */
export const info: CommandModule<object, InfoArgs> = {
  command: 'info <file>',
  describe: 'Show counts by class, subtype, user and split, and value ranges, of a dataset or any windows file',
  builder: (y) =>
    y
      .positional('file', { type: 'string', demandOption: true, describe: 'DATASET.arrow, OSDB JSON or CSV, or a windows CSV' })
      .example('$0 info seizures.arrow', 'Describe an ingested dataset')
      .example('$0 info synthetic.csv', 'Describe generated windows'),
  handler: async (args) => (await import('../actions/info.js')).runInfo(args),
};
