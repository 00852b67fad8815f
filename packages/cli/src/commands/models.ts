import type { CommandModule } from 'yargs';

/** `accelgan models`: list the registered architectures. */
export const models: CommandModule<object, { json: boolean }> = {
  command: 'models',
  describe: 'List the GAN architectures and their training defaults',
  builder: (y) =>
    y
      .option('json', { type: 'boolean', default: false, describe: 'Print JSON' })
      .example(
        '$0 models',
        'Show styled (the default), the earlier recipes, seed (the prototype baseline) and bench (the speed reference)',
      ),
  handler: async (args) => (await import('../actions/models.js')).runModels(args),
};
