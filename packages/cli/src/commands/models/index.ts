import type { CommandModule } from 'yargs';
import type { ModelsArgs } from './options.js';

/** `accelgan models`: list the registered architectures. */
export const models: CommandModule<object, ModelsArgs> = {
  command: 'models',
  describe: 'List the GAN architectures and their training defaults',
  builder: (y) =>
    y
      .option('json', { type: 'boolean', default: false, describe: 'Print JSON' })
      .example('$0 models', 'Show styled (the default), seed (the prototype baseline) and bench (the speed reference)'),
  handler: async (args) => (await import('./handler.js')).runModels(args),
};
