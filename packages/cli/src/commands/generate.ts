import type { CommandModule } from 'yargs';

export interface GenerateArgs {
  run: string;
  n: number;
  out: string;
  label?: string;
  seed: number;
  force: boolean;
  backend: 'auto' | 'node' | 'wasm' | 'cpu';
  threads?: number;
}

/** `accelgan generate`: sample synthetic windows from a trained run, in milli-g. */
export const generate: CommandModule<object, GenerateArgs> = {
  command: 'generate <run>',
  describe: 'Generate synthetic windows from a trained run (.json = OSDB events, .csv, .arrow)',
  builder: (y) =>
    y
      .positional('run', { type: 'string', demandOption: true, describe: 'Run directory written by accelgan train' })
      .option('n', { type: 'number', demandOption: true, describe: 'Number of windows' })
      .option('out', { type: 'string', demandOption: true, describe: 'Output file; its extension picks the format' })
      .option('label', { type: 'string', describe: 'Class to generate (ictal, non-ictal, or a subtype); default: training proportions' })
      .option('seed', { type: 'number', default: 0, describe: 'Random seed' })
      .option('force', { type: 'boolean', default: false, describe: 'Overwrite an existing output file' })
      .option('backend', { choices: ['auto', 'node', 'wasm', 'cpu'] as const, default: 'auto' as const, describe: 'TensorFlow.js backend' })
      .option('threads', { type: 'number', describe: 'Worker threads (default: ACCELGAN_THREADS, else one per core; 1 = in-process)' })
      .example('$0 generate run -n 1000 --out synthetic.csv', 'A thousand windows, classes in training proportions, as CSV')
      .example('$0 generate run -n 50 --label ictal --out seizures.json', 'Fifty ictal windows as OSDB events'),
  handler: async (args) => (await import('../actions/generate.js')).runGenerate(args),
};
