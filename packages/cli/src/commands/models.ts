import type { CommandModule } from 'yargs';

/** `accelgan models`: list the registered architectures. */
export const models: CommandModule<object, { json: boolean }> = {
  command: 'models',
  describe: 'List the GAN architectures and their training defaults',
  builder: (y) =>
    y
      .option('json', { type: 'boolean', default: false, describe: 'Print JSON' })
      .example('$0 models', 'Show seed (the prototype baseline), bench (the speed reference) and spectral (the default)'),
  handler: async (args) => (await import('../actions/models.js')).runModels(args),
};
